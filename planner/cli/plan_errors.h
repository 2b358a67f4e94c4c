#pragma once
// How the CLI reports a refused plan or a planner failure.

#include <string>

#include "planner/cli/exit_code.h"
#include "planner/result.h"

namespace cutover::cli {

/// Prints `error` to stderr, every problem on its own line prefixed with the
/// file name, and returns the exit code for it (2 for a refused plan).
ExitCode report_plan_error(const std::string& command, const std::string& file, const planner::Error& error);

}  // namespace cutover::cli
