// `cutover plan`: validate a plan, turn it into steps and print them.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "planner/cli/commands.h"
#include "planner/cli/plan_errors.h"
#include "planner/plan/parser.h"
#include "planner/planner.h"
#include "planner/render/render.h"
#include "planner/run/copy_check.h"
#include "planner/run/live_facts.h"
#include "planner/run/private_zone_gates.h"
#include "planner/run/records_preview.h"
#include "planner/steps/facts.h"

namespace cutover::cli {
namespace {

enum class PlanFormat { Text, Json, Dot };

struct PlanOptions {
  std::string plan_file{};
  bool offline{false};
  bool allow_large_change{false};
  PlanFormat format{PlanFormat::Text};
  std::string output{};
};

ExitCode write_output(const PlanOptions& options, const std::string& rendered) {
  if (options.output.empty()) {
    std::cout << rendered;
    return ExitCode::Ok;
  }
  std::ofstream file(options.output, std::ios::binary | std::ios::trunc);
  file << rendered;
  if (!file.flush()) {
    std::cerr << "cutover plan: cannot write '" << options.output << "'\n";
    return ExitCode::Failure;
  }
  return ExitCode::Ok;
}

// Live planning: the facts are read from the providers and the parent's
// servers (read-only), and steps already in effect are marked done.
std::optional<ExitCode> observe(const PlanOptions& options, planner::Plan& plan, planner::ProviderSet& providers, planner::Facts& facts) {
  planner::RunSetup setup;
  if (auto loaded = planner::load_for_run(options.plan_file, setup); !loaded) return report_setup_error("cutover plan", loaded.error());
  auto observed = planner::observe_facts(setup.plan, setup.providers);
  if (!observed) return report_plan_error("cutover plan", options.plan_file, observed.error());
  plan = std::move(setup.plan);
  providers = std::move(setup.providers);
  facts = std::move(*observed);
  return std::nullopt;
}

ExitCode run_plan(const PlanOptions& options) {
  planner::Plan plan;
  planner::ProviderSet providers;
  planner::Facts facts;
  if (options.offline) {
    auto loaded = planner::load_plan(options.plan_file);
    if (!loaded) return report_plan_error("cutover plan", options.plan_file, loaded.error());
    plan = std::move(*loaded);
    facts = planner::assumed_facts(plan);
  } else if (auto code = observe(options, plan, providers, facts)) {
    return *code;
  }
  if (options.allow_large_change) planner::allow_large_changes(plan);
  auto graph = planner::build_steps(plan, facts);
  if (!graph) return report_plan_error("cutover plan", options.plan_file, graph.error());
  if (!options.offline) {
    // Every copy step's source is listed now: a record set the target cannot
    // hold refuses the plan here (exit 2), before anything runs.
    auto copies = planner::preview_copies(*graph, providers);
    if (!copies) return report_plan_error("cutover plan", options.plan_file, copies.error());
    facts.copies = std::move(*copies);
    if (auto asked = planner::refuse_private_zone_gates(*graph, providers); !asked) {
      return report_plan_error("cutover plan", options.plan_file, asked.error());
    }
    // Each bulk record change diffed against its zone now: counts shown, the large-change rule applied.
    if (auto records = planner::preview_records(*graph, providers, facts); !records) {
      return report_plan_error("cutover plan", options.plan_file, records.error());
    }
    planner::SystemClock clock;
    planner::mark_done_steps(plan, *graph, providers, clock, facts);
  }
  auto schedule = graph->schedule();
  if (!schedule) return report_plan_error("cutover plan", options.plan_file, schedule.error());
  planner::PlannedRun run{.plan = plan, .facts = facts, .graph = *graph, .schedule = *schedule};
  switch (options.format) {
    case PlanFormat::Text: return write_output(options, planner::render_text(run));
    case PlanFormat::Json: return write_output(options, planner::render_json(run));
    case PlanFormat::Dot: return write_output(options, planner::render_dot(run));
  }
  return ExitCode::Failure;
}

}  // namespace

void setup_plan_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<PlanOptions>();
  auto* cmd = app.add_subcommand("plan",
                                 "Dry-run a migration plan: validate it, then print every step in order with its gates (live checks\n"
                                 "that must hold before it runs), its earliest start and why, the check after it, and how to roll it\n"
                                 "back. Nothing is changed. A plan with problems is refused with every problem by JSON pointer (exit 2).\n"
                                 "Without --offline the TTLs, the DS at the parent and the steps already in effect are read from the\n"
                                 "providers and the parent's servers (read-only).");
  add_plan_file(*cmd, options->plan_file, "Plan file (JSON, see plans/README.md)");
  cmd->add_flag("--allow-large-change", options->allow_large_change,
                "Waive the large-change rule of records strategies (a change replacing or deleting more than\n"
                "large_change/max_percent, default 30 %, of a zone's record sets)");
  cmd->add_flag("--offline", options->offline, "Plan without querying anything: TTLs and DS presence come from the plan's /assume section");
  std::map<std::string, PlanFormat> formats{{"text", PlanFormat::Text}, {"json", PlanFormat::Json}, {"dot", PlanFormat::Dot}};
  cmd->add_option("--format", options->format, "Output: text (people), json (automation, schema in plans/README.md), dot (Graphviz)")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->default_str("text");
  cmd->add_option("-o,--output", options->output, "Write to FILE instead of standard output");
  cmd->footer(kExitCodeHelp);
  cmd->callback([options, &exit_code] { exit_code = run_plan(*options); });
}

}  // namespace cutover::cli
