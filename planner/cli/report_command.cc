// `cutover report`: the plan as a timeline and, from the journal, what
// happened, in one self-contained HTML file (planner/render/report.h).
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "planner/cli/commands.h"
#include "planner/cli/plan_errors.h"
#include "planner/plan/parser.h"
#include "planner/planner.h"
#include "planner/providers/factory.h"
#include "planner/render/report.h"
#include "planner/run/live_facts.h"
#include "planner/run/open_run.h"

namespace cutover::cli {
namespace {

struct ReportOptions {
  RunFiles files{};
  bool offline{false};
  std::string output{};
};

// The journal's records: the one named, else PLAN.journal when there is one, else none.
std::optional<ExitCode> read_journal(const ReportOptions& options, const planner::RunSetup& setup,
                                     std::optional<std::vector<planner::JournalRecord>>& records, std::string& name) {
  name = options.files.journal_or_default();
  if (!std::filesystem::exists(name)) {
    if (options.files.journal.empty()) return std::nullopt;
    std::cerr << "cutover report: no journal at '" << name << "' (leave --journal out for a report of the plan alone)\n";
    return ExitCode::Usage;  // as rollback does: a journal named but absent is bad input
  }
  std::vector<std::string> warnings;
  auto read = planner::Journal::read(name, {.domain = setup.plan.domain.text(), .plan_digest = setup.plan_digest}, warnings);
  for (const auto& w : warnings) std::cerr << "cutover report: warning: " << w << "\n";
  if (!read) {
    std::cerr << "cutover report: " << read.error().message << "\n";
    return read.error().code == planner::ErrorCode::Invalid ? ExitCode::Usage : ExitCode::Failure;
  }
  records = std::move(*read);
  return std::nullopt;
}

// The facts a run plans with: the journal's (frozen at its first start, as
// apply uses them), else assumed (--offline), else observed now, read-only.
std::optional<ExitCode> settle_facts(const ReportOptions& options, planner::RunSetup& setup,
                                     const std::optional<std::vector<planner::JournalRecord>>& records, const std::string& journal_name) {
  if (records) {
    for (const auto& r : *records) {
      if (r.event != planner::JournalEvent::Facts) continue;
      auto facts = planner::facts_from_data(r.data);
      if (!facts) return report_plan_error("cutover report", journal_name, facts.error());
      setup.facts = std::move(*facts);
      return std::nullopt;
    }
  }
  if (options.offline) {
    setup.facts = planner::assumed_facts(setup.plan);
    return std::nullopt;
  }
  // Live facts need the providers (a journal's facts or the assumed ones do not: a report never needs credentials then).
  auto providers = planner::build_providers(setup.plan, std::filesystem::path(options.files.plan).parent_path());
  if (!providers) return report_plan_error("cutover report", options.files.plan, providers.error());
  setup.providers = std::move(*providers);
  auto observed = planner::observe_facts(setup.plan, setup.providers);
  if (!observed) return report_plan_error("cutover report", options.files.plan, observed.error());
  setup.facts = std::move(*observed);
  return std::nullopt;
}

// The plan and the digest that ties it to its journal.
std::optional<ExitCode> read_plan(const ReportOptions& options, planner::RunSetup& setup) {
  std::ifstream in(options.files.plan, std::ios::binary);
  if (!in) {
    std::cerr << "cutover report: cannot read plan file '" << options.files.plan << "'\n";
    return ExitCode::Usage;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto plan = planner::parse_plan(text.str());
  if (!plan) return report_plan_error("cutover report", options.files.plan, plan.error());
  setup.plan = std::move(*plan);
  setup.plan_digest = planner::plan_digest(text.str());
  return std::nullopt;
}

ExitCode run_report(const ReportOptions& options) {
  planner::RunSetup setup;
  if (auto code = read_plan(options, setup)) return *code;
  std::optional<std::vector<planner::JournalRecord>> records;
  std::string journal_name;
  if (auto code = read_journal(options, setup, records, journal_name)) return *code;
  if (auto code = settle_facts(options, setup, records, journal_name)) return *code;
  auto graph = planner::build_steps(setup.plan, setup.facts);
  if (!graph) return report_plan_error("cutover report", options.files.plan, graph.error());
  planner::SystemClock clock;
  // Without a journal the report is `cutover plan`'s picture: steps already in effect are marked done.
  if (!records && !options.offline) planner::mark_done_steps(setup.plan, *graph, setup.providers, clock, setup.facts);
  auto schedule = graph->schedule();
  if (!schedule) return report_plan_error("cutover report", options.files.plan, schedule.error());
  planner::PlannedRun run{.plan = setup.plan, .facts = setup.facts, .graph = *graph, .schedule = *schedule};
  auto html = planner::render_report(
      {.run = run, .journal = std::move(records), .journal_name = journal_name, .now = planner::to_unix_seconds(clock.now())});
  if (options.output.empty() || options.output == "-") {
    std::cout << html;
    return ExitCode::Ok;
  }
  std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
  file << html;
  if (!file.flush()) {
    std::cerr << "cutover report: cannot write '" << options.output << "'\n";
    return ExitCode::Failure;
  }
  return ExitCode::Ok;
}

}  // namespace

void setup_report_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<ReportOptions>();
  auto* cmd = app.add_subcommand("report",
                                 "Write the plan and what happened as one self-contained HTML file (inline CSS and SVG, no\n"
                                 "network; opens from disk and prints to PDF): each step as a bar from its earliest start, its waits\n"
                                 "and why, its gates, until when undoing it is safe; with a journal, when each step started and\n"
                                 "ended, every gate verdict with its evidence, failures and undos, now, the expected end recomputed\n"
                                 "from the journal, and the propagation figures of the last check. Drawn from the same document as\n"
                                 "cutover plan --format json. Changes nothing.");
  add_run_files(*cmd, options->files, "Plan file (JSON, see plans/README.md)",
                "Journal of the run (default: PLAN.journal when it exists; none: the plan only)");
  cmd->add_flag("--offline", options->offline, "Without a journal: plan on the plan's /assume section instead of querying");
  cmd->add_option("-o,--output", options->output, "Write the HTML to FILE (default: standard output)");
  cmd->footer(kExitCodeHelp);
  cmd->callback([options, &exit_code] { exit_code = run_report(*options); });
}

}  // namespace cutover::cli
