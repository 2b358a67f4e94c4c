#include "tests/lab/common/child_processes.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <thread>

namespace cutover::lab {
namespace {

using Clock = std::chrono::steady_clock;

// Debian puts knotd and unbound in /usr/sbin, which a CI job's PATH may lack.
// Resolving here (not by exec fallbacks in the child) lets a missing binary
// fail spawn() at once instead of surfacing as a server that never answers.
std::string find_binary(const std::string& name) {
  if (name.find('/') != std::string::npos) return name;
  const char* env = std::getenv("PATH");
  std::string dirs = std::string(env ? env : "/usr/bin:/bin") + ":/usr/sbin";
  for (std::size_t begin = 0; begin <= dirs.size();) {
    std::size_t end = dirs.find(':', begin);
    if (end == std::string::npos) end = dirs.size();
    std::string dir = dirs.substr(begin, end - begin);
    std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    begin = end + 1;
  }
  return {};
}

// Runs in the forked child: only async-signal-safe calls until exec.
[[noreturn]] void exec_child(pid_t parent, const char* binary, const char* log, char* const* args) {
  // If the test process dies (a crash, a ctest timeout), its servers die
  // with it instead of holding port 53 and failing every later test.
  ::prctl(PR_SET_PDEATHSIG, SIGTERM);
  if (::getppid() != parent) ::_exit(127);
  int fd = ::open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) {
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    ::close(fd);
  }
  ::execv(binary, args);
  ::_exit(127);
}

}  // namespace

dns::Result<void> ChildProcesses::spawn(const std::string& name, const std::vector<std::string>& argv, const std::string& log) {
  std::string binary = find_binary(argv[0]);
  if (binary.empty()) {
    return dns::fail(dns::ErrorCode::Io, "cannot start " + argv[0] + " (is it installed? not on PATH nor in /usr/sbin)");
  }
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return dns::fail(dns::ErrorCode::Io, "cannot fork to start " + argv[0]);
  if (pid == 0) exec_child(parent, binary.c_str(), log.c_str(), args.data());
  children_.push_back(Child{.name = name, .log = log, .pid = pid});
  return {};
}

std::string ChildProcesses::reap_exited() {
  std::string out;
  for (auto& c : children_) {
    int status = 0;
    if (c.pid > 0 && ::waitpid(c.pid, &status, WNOHANG) == c.pid) {
      out += " " + c.name + " exited (status " + std::to_string(WEXITSTATUS(status)) + ", log " + c.log + ");";
      c.pid = -1;  // reaped: stop() must not signal a pid that may be reused
    }
  }
  return out;
}

pid_t ChildProcesses::pid_of(std::string_view name) const {
  for (const auto& c : children_) {
    if (c.name == name && c.pid > 0) return c.pid;
  }
  return -1;
}

void ChildProcesses::stop() {
  for (const auto& c : children_) {
    if (c.pid <= 0) continue;
    ::kill(c.pid, SIGCONT);  // a test may have paused it (SIGSTOP); a stopped process ignores SIGTERM
    ::kill(c.pid, SIGTERM);
  }
  for (auto& c : children_) {
    if (c.pid <= 0) continue;
    auto deadline = Clock::now() + std::chrono::seconds(5);
    while (::waitpid(c.pid, nullptr, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        ::kill(c.pid, SIGKILL);
        ::waitpid(c.pid, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    c.pid = -1;
  }
  children_.clear();
}

}  // namespace cutover::lab
