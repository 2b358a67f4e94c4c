#include "planner/cli/plan_errors.h"

#include <iostream>

namespace cutover::cli {

ExitCode report_plan_error(const std::string& command, const std::string& file, const planner::Error& error) {
  std::cerr << command << ": " << file << ": " << error.message << "\n";
  for (const auto& problem : error.problems) std::cerr << "  " << file << ": " << planner::to_string(problem) << "\n";
  switch (error.code) {
    case planner::ErrorCode::Invalid:
    case planner::ErrorCode::Io:
      return ExitCode::Usage;
    default:
      return ExitCode::Failure;
  }
}

}  // namespace cutover::cli
