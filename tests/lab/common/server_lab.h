#pragma once
// ServerLab: what every lab of real DNS servers holds (dns/, gates/,
// rfc2136_providers/): an optional lock, a temp dir and the servers started
// in it, released together by stop() or destruction. A lab derives from it
// and adds only its own addresses, zones and readiness checks.

#include <string>

#include "dns/result.h"
#include "tests/lab/common/child_processes.h"
#include "tests/lab/common/lab_dir.h"

namespace cutover::lab {

class ServerLab {
 public:
  ~ServerLab() { stop(); }  // not copyable: neither are the lock, dir and children it owns

  /// Stops exactly the servers this lab started (resuming any a test paused),
  /// removes its temp dir and releases its lock. Idempotent.
  void stop();
  /// The lab's working directory (configs, zones, logs); empty when stopped.
  const std::string& dir() const { return dir_.path(); }

 protected:
  /// Writes `config` to <dir>/<name>/knot.conf, makes the db dir knotd needs,
  /// and starts knotd as child `name` logging to <dir>/<name>.log.
  dns::Result<void> spawn_knotd(const std::string& name, const std::string& config);
  /// Writes <dir>/unbound.conf for a resolver on `address` that resolves from
  /// <dir>/root.hints, and starts Unbound as child "unbound".
  dns::Result<void> spawn_unbound(const std::string& address);

  // Declared in the order they are acquired, so they are released in reverse.
  LabLock lock_{};  // taken only by labs that other build trees may run at once
  LabDir dir_{};
  ChildProcesses servers_{};
};

}  // namespace cutover::lab
