// `cutover rollback`: undo the completed steps of a run, last first, while
// undoing is still safe, and say when each undo reaches every resolver.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "planner/cli/commands.h"
#include "planner/cli/plan_errors.h"
#include "planner/run/rollback.h"

namespace cutover::cli {
namespace {

struct RollbackOptions {
  RunFiles files{};
  bool yes{false};
  bool dry_run{false};
  bool no_wait{false};
  std::string format{"text"};
};

// Output as text for people, or one JSON object per line: `waiting`, `step`
// (each entry), `rollback-ended`.
void print_wait(const RollbackOptions& options, const planner::Step& next, planner::Seconds left, const std::string& why) {
  if (options.format == "json") {
    std::cout << nlohmann::json{{"event", "waiting"}, {"step", next.id.value}, {"seconds", left.count()}, {"reason", why}}.dump() << "\n";
  } else {
    std::cout << "... " << next.id.value << " waits " << planner::format_duration(left) << ": " << why << "\n";
  }
  std::cout << std::flush;
}

void print_entry(const RollbackOptions& options, const planner::RollbackEntry& entry) {
  if (options.format == "json") {
    std::cout << nlohmann::json{{"event", "step"},
                                {"step", entry.step},
                                {"verdict", planner::to_string(entry.verdict)},
                                {"explanation", entry.explanation}}
                     .dump()
              << "\n";
  } else {
    std::cout << entry.step << ": " << planner::to_string(entry.verdict) << ": " << entry.explanation << "\n";
  }
}

ExitCode run_rollback(RollbackOptions options) {
  options.files.journal = options.files.journal_or_default();
  if (!std::filesystem::exists(options.files.journal)) {
    std::cerr << "cutover rollback: no journal at '" << options.files.journal << "': nothing was applied with it\n";
    return ExitCode::Usage;
  }
  if (!options.yes && !options.dry_run) {
    std::cerr << "cutover rollback: this changes DNS and registrations; pass --yes (or --dry-run to see what it would undo)\n";
    return ExitCode::Usage;
  }
  planner::RunSetup setup;
  if (auto loaded = planner::load_for_run(options.files.plan, setup); !loaded) {
    return report_setup_error("cutover rollback", loaded.error());
  }
  std::vector<std::string> warnings;
  planner::SystemClock clock;
  if (auto opened = planner::open_run(options.files.journal, clock, setup, warnings); !opened) {
    return report_setup_error("cutover rollback", opened.error());
  }
  for (const auto& w : warnings) std::cerr << "warning: " << w << "\n";
  auto waiting = [&options](const planner::Step& next, planner::Seconds left, const std::string& why) {
    print_wait(options, next, left, why);
  };
  auto entries =
      planner::roll_back({.run = setup.run_parts(clock), .on_wait = waiting, .dry_run = options.dry_run, .wait = !options.no_wait});
  if (!entries) {
    std::cerr << "cutover rollback: journal '" << options.files.journal << "': " << entries.error().message << "\n";
    return ExitCode::Failure;
  }
  bool text = options.format != "json";
  if (text && entries->empty()) std::cout << "Nothing to roll back: no step is recorded done.\n";
  if (text && options.dry_run) std::cout << "Dry run: nothing was changed. Last step first:\n";
  ExitCode code = ExitCode::Ok;
  for (const auto& entry : *entries) {
    print_entry(options, entry);
    if (entry.verdict == planner::RollbackVerdict::Failed) code = ExitCode::Failure;
    if (entry.verdict == planner::RollbackVerdict::TooLate || entry.verdict == planner::RollbackVerdict::Impossible)
      code = ExitCode::NotYet;
    if (entry.verdict == planner::RollbackVerdict::Waiting) code = ExitCode::Waiting;
  }
  if (!text) {
    std::string status = code == ExitCode::Ok        ? "completed"
                         : code == ExitCode::NotYet  ? "stopped"
                         : code == ExitCode::Waiting ? "waiting"
                                                     : "failed";
    std::cout
        << nlohmann::json{{"event", "rollback-ended"}, {"status", status}, {"dry_run", options.dry_run}, {"steps", entries->size()}}.dump()
        << "\n";
  }
  return code;
}

}  // namespace

void setup_rollback_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<RollbackOptions>();
  auto* cmd = app.add_subcommand("rollback",
                                 "Undo the steps an apply completed, last first, each only while undoing it is still safe (the\n"
                                 "plan shows how long for each), and say when each undo takes effect for every resolver. Stops at\n"
                                 "the first step that cannot be undone, so nothing beneath it is pulled away.");
  add_run_files(*cmd, options->files, "The plan that was applied", "The journal of that apply (default: PLAN.journal)");
  cmd->add_flag("--yes", options->yes, "Confirm: undo for real");
  cmd->add_flag("--dry-run", options->dry_run, "Only say what would be undone (and what refused), changing nothing")
      ->excludes(cmd->get_option("--yes"));
  cmd->add_flag("--no-wait", options->no_wait,
                "Exit with code 4 instead of waiting for an undo to reach every resolver before the next; run again later");
  cmd->add_option("--format", options->format, "Output as text or json (one event per line: waiting, step, rollback-ended)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  cmd->footer(
      std::string(kExitCodeHelp) +
      " For rollback: 1 means a step could not be undone (too late or impossible); 4 (with --no-wait) that the next undo must wait.");
  cmd->callback([options, &exit_code] { exit_code = run_rollback(*options); });
}

}  // namespace cutover::cli
