#include "planner/cli/commands.h"

#include <CLI/CLI.hpp>

#include "planner/run/open_run.h"

namespace cutover::cli {

std::string RunFiles::journal_or_default() const { return journal.empty() ? planner::default_journal(plan).string() : journal; }

void add_plan_file(CLI::App& cmd, std::string& plan, const std::string& help) {
  cmd.add_option("plan", plan, help)->required()->check(CLI::ExistingFile);
}

void add_run_files(CLI::App& cmd, RunFiles& files, const std::string& plan_help, const std::string& journal_help) {
  add_plan_file(cmd, files.plan, plan_help);
  cmd.add_option("--journal", files.journal, journal_help);
}

void setup_all_commands(CLI::App& app, ExitCode& exit_code) {
  setup_plan_command(app, exit_code);
  setup_apply_command(app, exit_code);
  setup_rollback_command(app, exit_code);
  setup_report_command(app, exit_code);
  setup_aws_command(app, exit_code);
  setup_zone_command(app, exit_code);
  setup_status_command(app, exit_code);
  setup_check_command(app, exit_code);
}

}  // namespace cutover::cli
