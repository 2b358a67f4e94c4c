#include "planner/cli/commands.h"

#include <CLI/CLI.hpp>

namespace cutover::cli {

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
