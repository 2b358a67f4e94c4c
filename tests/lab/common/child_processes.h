#pragma once
// ChildProcesses: the servers a lab started, owned so that exactly those PIDs
// are stopped (never "every knotd on the machine"). Usage:
//   ChildProcesses children;
//   if (auto ok = children.spawn("root", {"knotd", "-c", conf}, dir + "/root.log"); !ok) return ok;
//   ... on a readiness timeout, add children.reap_exited() to the message ...
//   children.stop();   // or let the destructor do it

#include <sys/types.h>

#include <string>
#include <string_view>
#include <vector>

#include "dns/result.h"

namespace cutover::lab {

class ChildProcesses {
 public:
  ChildProcesses() = default;
  ChildProcesses(const ChildProcesses&) = delete;
  ChildProcesses& operator=(const ChildProcesses&) = delete;
  ~ChildProcesses() { stop(); }

  /// Starts argv[0] (from PATH, else /usr/sbin) in the foreground as child `name`,
  /// stdout and stderr to `log`. Fails with Io if the binary is in neither place
  /// or fork fails; a server that starts and then exits shows in reap_exited().
  dns::Result<void> spawn(const std::string& name, const std::vector<std::string>& argv, const std::string& log);
  /// Reaps the children that already exited and describes each as
  /// " name exited (status N, log L);" for error messages; "" if none did.
  std::string reap_exited();
  /// The PID of the running child `name`, or -1 if there is none.
  pid_t pid_of(std::string_view name) const;
  /// SIGTERM to every child still running, SIGKILL to those alive 5 s later,
  /// and reaps them all. Idempotent.
  void stop();

 private:
  struct Child {
    std::string name{};
    std::string log{};
    pid_t pid{-1};
  };
  std::vector<Child> children_{};
};

}  // namespace cutover::lab
