#pragma once
// The exit codes of every cutover command, documented in --help and README.

namespace cutover::cli {

enum class ExitCode : int {
  Ok = 0,         // done; consistent; propagated
  NotYet = 1,     // checked, and not (yet) consistent or propagated
  Usage = 2,      // bad arguments or bad input (a refused plan); nothing was done
  Undecided = 3,  // could not query enough servers to decide
  Waiting = 4,    // apply --no-wait: the next step may not run yet
  Failure = 5,    // an operation failed (provider error, I/O); see the message
};

/// The text that every --help ends with.
inline constexpr const char* kExitCodeHelp =
    "Exit codes: 0 ok/consistent/propagated, 1 not (yet) consistent or propagated, "
    "2 usage or bad input (nothing done), 3 could not query enough servers to decide, "
    "4 waiting (apply --no-wait), 5 an operation failed.";

}  // namespace cutover::cli
