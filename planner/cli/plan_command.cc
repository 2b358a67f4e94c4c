#include <CLI/CLI.hpp>

#include "planner/cli/commands.h"

namespace cutover::cli {

void setup_plan_command(CLI::App& app, ExitCode& exit_code) {
  auto* cmd = app.add_subcommand("plan", "Dry-run a migration plan");
  cmd->callback([&exit_code] { exit_code = ExitCode::Usage; });
}

}  // namespace cutover::cli
