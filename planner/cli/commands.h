#pragma once
// Every subcommand is a file with its options struct, a `setup_*` that
// registers it on the app, and a `run`. The callback stores its exit code in
// the variable main() returns.

#include <string>

#include "planner/cli/exit_code.h"

namespace CLI {
class App;
}

namespace cutover::cli {

void setup_plan_command(CLI::App& app, ExitCode& exit_code);
void setup_apply_command(CLI::App& app, ExitCode& exit_code);
void setup_rollback_command(CLI::App& app, ExitCode& exit_code);
/// `cutover report PLAN`: the plan and the journal as one HTML file (report_command.cc).
void setup_report_command(CLI::App& app, ExitCode& exit_code);
/// `cutover aws whoami`: the AWS account and ARN in use (aws_command.cc).
void setup_aws_command(CLI::App& app, ExitCode& exit_code);
/// `cutover zone export|import`: Route 53 zone <-> BIND file (zone_command.cc).
void setup_zone_command(CLI::App& app, ExitCode& exit_code);
/// `cutover status NAME`: propagation of a DNS change (status_command.cc).
void setup_status_command(CLI::App& app, ExitCode& exit_code);
/// `cutover check delegation|parity`: DNS gates run by hand (check_command.cc).
void setup_check_command(CLI::App& app, ExitCode& exit_code);

/// The files a run is about, as the user named them: `apply`, `rollback`
/// and `report` take the plan as an argument and its journal with --journal.
struct RunFiles {
  std::string plan{};
  std::string journal{};  // empty: not named

  /// The journal named, else its default place next to the plan, PLAN.journal.
  std::string journal_or_default() const;
};

/// Adds the plan file argument (required, an existing file) with the command's own help.
void add_plan_file(CLI::App& cmd, std::string& plan, const std::string& help);
/// Adds the plan file argument and --journal, each with the command's own help.
void add_run_files(CLI::App& cmd, RunFiles& files, const std::string& plan_help, const std::string& journal_help);

/// Registers every subcommand (one line each, in the order --help lists them).
void setup_all_commands(CLI::App& app, ExitCode& exit_code);

}  // namespace cutover::cli
