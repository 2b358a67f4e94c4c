#pragma once
// How the CLI reports a refused plan or a planner failure.

#include <string>

#include "planner/cli/exit_code.h"
#include "planner/result.h"
#include "planner/run/open_run.h"

namespace cutover::cli {

/// Prints `error` to stderr, every problem on its own line prefixed with the
/// file name, and returns the exit code for it (2 for a refused plan).
ExitCode report_plan_error(const std::string& command, const std::string& file, const planner::Error& error);

/// Prints why a run could not be opened and returns its exit code: 2 for an
/// unreadable or refused plan and for another plan's journal (or one in use),
/// 1 for a journal that cannot be written or read, and other failures.
ExitCode report_setup_error(const std::string& command, const planner::SetupError& failure);

}  // namespace cutover::cli
