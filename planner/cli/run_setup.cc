#include "planner/cli/run_setup.h"

#include <fstream>
#include <iostream>
#include <sstream>

#include "planner/cli/plan_errors.h"
#include "planner/providers/factory.h"
#include "planner/clock.h"
#include "planner/run/live_facts.h"
#include "planner/plan/parser.h"
#include "planner/planner.h"

namespace cutover::cli {

std::filesystem::path default_journal(const std::filesystem::path& plan_file) {
  return plan_file.string() + ".journal";
}

std::optional<ExitCode> load_for_run(const std::string& command, const std::filesystem::path& plan_file, RunSetup& setup) {
  std::ifstream in(plan_file, std::ios::binary);
  if (!in) {
    std::cerr << command << ": cannot read plan file '" << plan_file.string() << "'\n";
    return ExitCode::Usage;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto plan = planner::parse_plan(text.str());
  if (!plan) return report_plan_error(command, plan_file.string(), plan.error());
  setup.plan = std::move(*plan);
  setup.plan_digest = planner::plan_digest(text.str());
  auto providers = planner::build_providers(setup.plan, plan_file.parent_path());
  if (!providers) return report_plan_error(command, plan_file.string(), providers.error());
  setup.providers = std::move(*providers);
  return std::nullopt;
}

std::optional<ExitCode> open_run(const std::string& command, const std::filesystem::path& journal_file, RunSetup& setup,
                                 std::vector<std::string>& warnings) {
  auto journal = planner::Journal::open(journal_file, {.domain = setup.plan.domain.text(), .plan_digest = setup.plan_digest}, warnings);
  if (!journal) {
    // Another plan's journal, or one in use, is a usage error; a file we cannot write or read is a failure.
    auto code = report_plan_error(command, journal_file.string(), journal.error());
    return journal.error().code == planner::ErrorCode::Invalid ? code : ExitCode::Failure;
  }
  setup.journal.emplace(std::move(*journal));
  auto secrets = planner::SecretStore::open(journal_file.string() + ".secrets");
  if (!secrets) return report_plan_error(command, journal_file.string(), secrets.error());
  setup.secrets.emplace(std::move(*secrets));

  if (auto recorded = setup.journal->facts()) {
    auto facts = planner::facts_from_data(*recorded);
    if (!facts) return report_plan_error(command, journal_file.string(), facts.error());
    setup.facts = std::move(*facts);
  } else {
    auto facts = planner::observe_facts(setup.plan, setup.providers);
    if (!facts) return report_plan_error(command, "providers", facts.error());
    setup.facts = std::move(*facts);
    auto data = planner::facts_to_data(setup.facts);
    data["run_date"] = planner::utc_date(std::chrono::system_clock::now());  // names daily clones, for every rerun
    auto logged = setup.journal->append({.step = "(facts)", .event = planner::JournalEvent::Facts, .data = data});
    if (!logged) return report_plan_error(command, journal_file.string(), logged.error());
  }
  auto graph = planner::build_steps(setup.plan, setup.facts);
  if (!graph) return report_plan_error(command, "plan", graph.error());
  setup.graph = std::move(*graph);
  auto schedule = setup.graph.schedule();
  if (!schedule) return report_plan_error(command, "plan", schedule.error());
  setup.schedule = std::move(*schedule);
  return std::nullopt;
}

}  // namespace cutover::cli
