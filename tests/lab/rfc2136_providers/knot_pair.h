#pragma once
// KnotPair: a real primary and secondary Knot server on loopback for the
// provider lab tests. The primary (127.57.0.1) holds `test.` (the parent)
// and `example.test.`, accepts UPDATE and AXFR signed with the lab's TSIG key
// and NOTIFYs the secondary (127.57.0.2), which transfers both zones with the
// same key. So a change is "in sync" only once the secondary has it.
// Servers run in the foreground as our children; stop() ends exactly those PIDs.
//
// Needs root, or `unshare --user --map-root-user --net` (then `ip link set lo up`).

#include <sys/types.h>

#include <string>

#include "dns/result.h"
#include "tests/lab/common/server_lab.h"

namespace cutover::lab {

struct KnotPairAddresses {
  static constexpr const char* kPrimary = "127.57.0.1";
  static constexpr const char* kSecondary = "127.57.0.2";
  static constexpr const char* kDead = "127.57.99.1";  // nothing listens here
};

/// The lab's TSIG key (a test credential, known to both servers).
struct LabKey {
  static constexpr const char* kName = "cutover-lab-key";
  static constexpr const char* kSecret = "Y3V0b3Zlci1sYWItdHNpZy1rZXktMzItYnl0ZXMhIQ==";
};

class KnotPair : public ServerLab {
 public:
  /// Held while a pair runs: test processes of other build trees wait for it
  /// (ctest's RESOURCE_LOCK only orders the tests of one ctest run).
  static constexpr const char* kLockFile = "/tmp/cutover-knot-pair.lock";

  /// Waits up to 100 s for the lock, writes configs, zones and the key file to a temp dir, starts both
  /// servers and waits until both answer both zones authoritatively. Fails if
  /// port 53 of 127.57.0.0/16 (or the wildcard) is in use, knotd is missing,
  /// or a server does not come up within 10 s.
  dns::Result<void> start();

  /// The lab key in BIND format.
  std::string key_file() const { return dir_.path() + "/lab.key"; }
  /// Writes another key file (a wrong secret, an unknown name) and returns its path.
  std::string write_key_file(const std::string& file, const std::string& name, const std::string& secret) const;
  /// The secondary's PID, to pause it (SIGSTOP/SIGCONT) and show that apply() waits for it.
  pid_t secondary_pid() const;
};

}  // namespace cutover::lab
