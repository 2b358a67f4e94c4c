// `cutover apply`: run a plan's steps one at a time behind live gates, with a
// journal that lets a rerun resume (after a crash, or from cron with --no-wait).
#include <unistd.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>
#include <map>
#include <memory>
#include <set>

#include "planner/cli/commands.h"
#include "planner/cli/plan_errors.h"
#include "planner/cli/run_observer.h"
#include "planner/gates/factory.h"
#include "planner/run/executor.h"
#include "planner/run/failure_rollback.h"
#include "planner/run/private_zone_gates.h"
#include "planner/run/records_preview.h"

namespace cutover::cli {
namespace {

struct ApplyOptions {
  RunFiles files{};
  bool yes{false};
  bool step{false};
  std::string until{};
  bool no_wait{false};
  bool allow_large_change{false};
  std::string format{"text"};
  double poll_seconds{2.0};
  int check_timeout_seconds{600};
};

bool confirmed(const ApplyOptions& options, const planner::RunSetup& setup) {
  if (options.yes) return true;
  if (!::isatty(STDIN_FILENO)) {
    std::cerr << "cutover apply: this changes DNS and registrations; pass --yes to run without a prompt\n";
    return false;
  }
  std::cerr << "Apply the plan for " << setup.plan.domain.text() << " (journal " << options.files.journal << ")? [y/N] ";
  std::string answer;
  std::getline(std::cin, answer);
  return answer == "y" || answer == "Y" || answer == "yes";
}

ExitCode exit_code_of(const planner::RunOutcome& outcome) {
  switch (outcome.status) {
    case planner::RunStatus::Completed:
    case planner::RunStatus::Stopped: return ExitCode::Ok;
    case planner::RunStatus::Waiting: return ExitCode::Waiting;
    case planner::RunStatus::GateFailed: return outcome.undecided ? ExitCode::Undecided : ExitCode::NotYet;
    case planner::RunStatus::Failed: return ExitCode::Failure;
  }
  return ExitCode::Failure;
}

void report(const ApplyOptions& options, const planner::RunOutcome& outcome) {
  if (options.format == "json") {
    nlohmann::json done{
        {"event", "run-ended"}, {"status", planner::to_string(outcome.status)}, {"step", outcome.step}, {"message", outcome.message}};
    if (outcome.next_at) done["next_at"] = planner::to_unix_seconds(*outcome.next_at);
    if (outcome.status == planner::RunStatus::Stopped) done["next_step"] = outcome.next_step ? nlohmann::json(*outcome.next_step) : nullptr;
    std::cout << done.dump() << "\n";
    return;
  }
  switch (outcome.status) {
    case planner::RunStatus::Completed: std::cout << "All steps done.\n"; break;
    case planner::RunStatus::Stopped:
      if (outcome.next_step) {
        std::cout << "Stopped as asked; next step: " << *outcome.next_step << "\n";
      } else {
        std::cout << "Stopped as asked; no steps remain\n";
      }
      break;
    case planner::RunStatus::Waiting:
      std::cout << "Waiting: " << outcome.step << " may start at unix time " << planner::to_unix_seconds(*outcome.next_at) << " (in "
                << planner::format_duration(
                       std::chrono::duration_cast<std::chrono::seconds>(*outcome.next_at - std::chrono::system_clock::now()))
                << "); run the same command again then (exit 4)\n";
      break;
    default: std::cout << "Stopped at " << outcome.step << ": " << outcome.message << "\n"; break;
  }
}

// A gate that found a step's effect bad, where the plan asks for it (a
// weighted shift with on_failure "rollback"), has that step undone at once.
bool undo_failed_step(const ApplyOptions& options, planner::RunSetup& setup, planner::Clock& clock, const planner::RunOutcome& outcome) {
  auto entry = planner::undo_after_gate_failure(outcome, {.run = setup.run_parts(clock)});
  if (!entry) {
    std::cerr << "cutover apply: journal '" << options.files.journal << "': " << entry.error().message << "; stopped\n";
    return false;
  }
  if (!*entry) return true;
  const auto& e = **entry;
  // Name what tripped: the alarm or health check when one did, else the first failed gate.
  std::string tripped;
  for (const auto& line : outcome.evidence) {
    auto text = line.substr(std::min(line.find_first_not_of(' '), line.size()));
    if (text.starts_with("alarm '") || text.starts_with("health check ") || text.starts_with("no CloudWatch alarm"))
      tripped += (tripped.empty() ? "" : "; ") + text;
  }
  if (tripped.empty()) tripped = outcome.evidence.empty() ? outcome.message : outcome.evidence.front();
  if (options.format == "json") {
    std::cout << nlohmann::json{{"event", "rolled-back"},
                                {"step", e.step},
                                {"verdict", planner::to_string(e.verdict)},
                                {"because", tripped},
                                {"explanation", e.explanation}}
                     .dump()
              << "\n";
  } else {
    std::cout << "Rolled back " << e.step << " (" << planner::to_string(e.verdict) << ") because " << tripped << ": " << e.explanation
              << "\n";
  }
  return e.verdict == planner::RollbackVerdict::Undone || e.verdict == planner::RollbackVerdict::NothingToDo;
}

ExitCode run_apply(ApplyOptions options) {
  options.files.journal = options.files.journal_or_default();
  planner::RunSetup setup;
  if (auto loaded = planner::load_for_run(options.files.plan, setup); !loaded) return report_setup_error("cutover apply", loaded.error());
  if (options.allow_large_change) planner::allow_large_changes(setup.plan);
  if (!confirmed(options, setup)) return ExitCode::Usage;
  std::vector<std::string> warnings;
  planner::SystemClock clock;
  if (auto opened = planner::open_run(options.files.journal, clock, setup, warnings); !opened) {
    return report_setup_error("cutover apply", opened.error());
  }
  // Bulk record changes not yet done are diffed against their zones before any
  // step runs: one the large-change rule refuses stops here, nothing sent (exit 2).
  std::set<std::string> done;
  for (const auto& scheduled : setup.schedule) {
    if (setup.journal->done_at(scheduled.step->id.value)) done.insert(scheduled.step->id.value);
  }
  if (auto asked = planner::refuse_private_zone_gates(setup.graph, setup.providers); !asked) {
    return report_plan_error("cutover apply", options.files.plan, asked.error());
  }
  if (auto records = planner::preview_records(setup.graph, setup.providers, setup.facts, done); !records) {
    return report_plan_error("cutover apply", options.files.plan, records.error());
  }
  if (!options.until.empty() && setup.graph.find(planner::step_id(options.until)) == nullptr) {
    std::cerr << "cutover apply: --until " << options.until << ": no such step in this plan (see cutover plan)\n";
    return ExitCode::Usage;
  }
  auto observer = options.format == "json" ? make_json_observer(std::cout) : make_text_observer(std::cout, ::isatty(STDOUT_FILENO));
  for (const auto& w : warnings) observer->warning(w);
  auto gates = planner::make_live_gates(setup.plan, setup.providers);
  planner::Executor executor({.run = setup.run_parts(clock), .gates = *gates, .observer = *observer});
  planner::ExecutorOptions run{.wait = !options.no_wait,
                               .single_step = options.step,
                               .poll_interval = std::chrono::milliseconds(static_cast<long>(options.poll_seconds * 1000)),
                               .poll_timeout = std::chrono::seconds(options.check_timeout_seconds)};
  if (!options.until.empty()) run.until = options.until;
  auto outcome = executor.run(run);
  if (!outcome) {
    std::cerr << "cutover apply: journal '" << options.files.journal << "': " << outcome.error().message << "; stopped\n";
    return ExitCode::Failure;
  }
  report(options, *outcome);
  auto undone = undo_failed_step(options, setup, clock, *outcome);
  if (!undone) return ExitCode::Failure;
  return exit_code_of(*outcome);
}

}  // namespace

void setup_apply_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<ApplyOptions>();
  auto* cmd = app.add_subcommand("apply",
                                 "Execute a plan step by step. Right before each action its gates are re-checked with live DNS\n"
                                 "queries (or the provider's API); a gate that does not hold stops the run with the evidence and\n"
                                 "changes nothing. Every transition is recorded in the journal (JSON lines, fsync'd, 0600, no\n"
                                 "secrets), so running the same command again resumes: done steps are skipped and an action in\n"
                                 "doubt is re-checked, never repeated. Waits show a countdown; with --no-wait the command exits 4\n"
                                 "with the time of the next step, so cron or a CI schedule can drive a multi-day cutover.");
  add_run_files(*cmd, options->files, "Plan file (JSON, see plans/README.md)", "Journal file (default: PLAN.journal)");
  cmd->add_flag("--yes", options->yes, "Do not ask for confirmation (needed when standard input is not a terminal)");
  auto* step = cmd->add_flag("--step", options->step, "Run the next step only, then stop");
  cmd->add_option("--until", options->until, "Stop after this step id (see cutover plan)")->excludes(step);
  cmd->add_flag("--allow-large-change", options->allow_large_change,
                "Waive the large-change rule of records strategies (see cutover plan --help)");
  cmd->add_flag("--no-wait", options->no_wait, "Exit with code 4 instead of waiting for the next step's earliest start");
  cmd->add_option("--format", options->format, "Progress as text or json (one event per line)")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
  cmd->add_option("--poll-interval", options->poll_seconds, "Seconds between gate checks while waiting or polling")
      ->check(CLI::Range(0.05, 3600.0))
      ->default_str("2");
  cmd->add_option("--check-timeout", options->check_timeout_seconds, "Seconds a verification or a check after may take to come true")
      ->check(CLI::Range(1, 7 * 24 * 3600))
      ->default_str("600");
  cmd->footer(std::string(kExitCodeHelp) +
              " For apply: 1 means a gate or check did not hold, 3 that too few servers answered to decide (evidence printed).");
  cmd->callback([options, &exit_code] { exit_code = run_apply(*options); });
}

}  // namespace cutover::cli
