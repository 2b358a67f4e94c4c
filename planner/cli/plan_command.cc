// `cutover plan`: validate a plan, turn it into steps and print them.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <map>
#include <memory>

#include "planner/cli/commands.h"
#include "planner/cli/plan_errors.h"
#include "planner/facts.h"
#include "planner/plan_parser.h"
#include "planner/planner.h"
#include "planner/render.h"

namespace cutover::cli {
namespace {

enum class PlanFormat { Text, Json, Dot };

struct PlanOptions {
  std::string plan_file{};
  bool offline{false};
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

ExitCode run_plan(const PlanOptions& options) {
  auto plan = planner::load_plan(options.plan_file);
  if (!plan) return report_plan_error("cutover plan", options.plan_file, plan.error());
  if (!options.offline) {
    std::cerr << "cutover plan: live planning (reading zones, NS TTLs and DS from the providers and the parent "
                 "servers) is not built yet; it comes with the providers. Run with --offline to plan with the "
                 "TTLs in the plan's /assume section.\n";
    return ExitCode::Usage;
  }
  auto facts = planner::assumed_facts(*plan);
  auto graph = planner::build_steps(*plan, facts);
  if (!graph) return report_plan_error("cutover plan", options.plan_file, graph.error());
  auto schedule = graph->schedule();
  if (!schedule) return report_plan_error("cutover plan", options.plan_file, schedule.error());
  planner::PlannedRun run{.plan = *plan, .facts = facts, .graph = *graph, .schedule = *schedule};
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
  auto* cmd = app.add_subcommand(
      "plan",
      "Dry-run a migration plan: validate it, then print every step in order with its gates (live checks\n"
      "that must hold before it runs), its earliest start and why, the check after it, and how to roll it\n"
      "back. Nothing is changed. A plan with problems is refused with every problem by JSON pointer (exit 2).");
  cmd->add_option("plan", options->plan_file, "Plan file (JSON, see plans/README.md)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--offline", options->offline,
                "Plan without querying anything: TTLs and DS presence come from the plan's /assume section");
  std::map<std::string, PlanFormat> formats{{"text", PlanFormat::Text}, {"json", PlanFormat::Json}, {"dot", PlanFormat::Dot}};
  cmd->add_option("--format", options->format, "Output: text (people), json (automation, schema in plans/README.md), dot (Graphviz)")
      ->transform(CLI::CheckedTransformer(formats, CLI::ignore_case))
      ->default_str("text");
  cmd->add_option("-o,--output", options->output, "Write to FILE instead of standard output");
  cmd->footer(kExitCodeHelp);
  cmd->callback([options, &exit_code] { exit_code = run_plan(*options); });
}

}  // namespace cutover::cli
