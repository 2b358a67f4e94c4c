#pragma once
// Every subcommand is a file with its options struct, a `setup_*` that
// registers it on the app, and a `run`. The callback stores its exit code in
// the variable main() returns.

#include "planner/cli/exit_code.h"

namespace CLI {
class App;
}

namespace cutover::cli {

void setup_plan_command(CLI::App& app, ExitCode& exit_code);

/// Registers every subcommand (one line each, in the order --help lists them).
void setup_all_commands(CLI::App& app, ExitCode& exit_code);

}  // namespace cutover::cli
