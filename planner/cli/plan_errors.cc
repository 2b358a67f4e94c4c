#include "planner/cli/plan_errors.h"

#include <iostream>

namespace cutover::cli {

ExitCode report_plan_error(const std::string& command, const std::string& file, const planner::Error& error) {
  std::cerr << command << ": " << file << ": " << error.message << "\n";
  for (const auto& problem : error.problems) std::cerr << "  " << file << ": " << planner::to_string(problem) << "\n";
  switch (error.code) {
    case planner::ErrorCode::Invalid:
    case planner::ErrorCode::Io: return ExitCode::Usage;
    default: return ExitCode::Failure;
  }
}

ExitCode report_setup_error(const std::string& command, const planner::SetupError& failure) {
  using Stage = planner::SetupError::Stage;
  switch (failure.stage) {
    case Stage::ReadPlan: std::cerr << command << ": " << failure.error.message << "\n"; return ExitCode::Usage;
    case Stage::Journal: {
      auto code = report_plan_error(command, failure.where, failure.error);
      return failure.error.code == planner::ErrorCode::Invalid ? code : ExitCode::Failure;
    }
    case Stage::Plan:
    case Stage::Other: return report_plan_error(command, failure.where, failure.error);
  }
  return ExitCode::Failure;
}

}  // namespace cutover::cli
