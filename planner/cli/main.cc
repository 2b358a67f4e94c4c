// cutover: the command-line front. It builds the app, lets each subcommand
// register itself, parses, and maps the outcome to an exit code. Everything a
// test would want to reach lives in the libraries.

#include <CLI/CLI.hpp>

#include <exception>
#include <iostream>

#include "aws/http.h"
#include "planner/cli/commands.h"
#include "planner/cli/exit_code.h"

int main(int argc, char** argv) {
  using cutover::cli::ExitCode;
  CLI::App app{
      "cutover plans and executes zero-downtime DNS and account migrations, and proves each step\n"
      "safe with live DNS queries before it runs."};
  app.set_version_flag("--version", "cutover 0.1.0");
  app.require_subcommand(1);
  app.footer(cutover::cli::kExitCodeHelp);

  cutover::aws::CurlGlobal curl_global;  // curl_global_init once, before any thread
  ExitCode exit_code = ExitCode::Ok;
  cutover::cli::setup_all_commands(app, exit_code);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return static_cast<int>(ExitCode::Usage);
  } catch (const std::exception& e) {
    std::cerr << "cutover: internal error: " << e.what() << "\n";
    return static_cast<int>(ExitCode::Failure);
  }
  return static_cast<int>(exit_code);
}
