#pragma once
// Runs the cutover binary as a person would, for the labs' CLI tests: its
// exit code, everything it printed (standard output and error), how long it took.

#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

namespace cutover::lab {

struct CliRun {
  int exit_code{-1};
  std::string output{};
  std::chrono::milliseconds wall{0};
};

/// `binary args`, bounded by `timeout` so a --watch cannot outlive a failed test.
inline CliRun run_cli(const std::string& binary, const std::string& args) {
  std::string command = "timeout 60 " + binary + " " + args + " 2>&1";
  CliRun out;
  auto started = std::chrono::steady_clock::now();
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return out;
  char buffer[4096];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) out.output.append(buffer, n);
  int status = ::pclose(pipe.release());
  out.wall = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  out.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return out;
}

}  // namespace cutover::lab
