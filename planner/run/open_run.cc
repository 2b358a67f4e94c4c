#include "planner/run/open_run.h"

#include <cassert>
#include <fstream>
#include <sstream>

#include "planner/plan/parser.h"
#include "planner/planner.h"
#include "planner/providers/factory.h"
#include "planner/run/live_facts.h"

namespace cutover::planner {
namespace {

std::unexpected<SetupError> failed(SetupError::Stage stage, std::string where, Error error) {
  return std::unexpected(SetupError{.stage = stage, .where = std::move(where), .error = std::move(error)});
}

// The facts of the journal's first run; observed now (and recorded) on a fresh journal.
std::expected<void, SetupError> settle_facts(const std::filesystem::path& journal_file, Clock& clock, RunSetup& setup) {
  if (auto recorded = setup.journal->facts()) {
    auto facts = facts_from_data(*recorded);
    if (!facts) return failed(SetupError::Stage::Other, journal_file.string(), facts.error());
    setup.facts = std::move(*facts);
    return {};
  }
  auto facts = observe_facts(setup.plan, setup.providers);
  if (!facts) return failed(SetupError::Stage::Other, "providers", facts.error());
  setup.facts = std::move(*facts);
  auto data = facts_to_data(setup.facts);
  data["run_date"] = utc_date(clock.now());  // names daily clones, for every rerun
  auto logged = setup.journal->append({.step = "(facts)", .event = JournalEvent::Facts, .data = data});
  if (!logged) return failed(SetupError::Stage::Other, journal_file.string(), logged.error());
  return {};
}

}  // namespace

std::filesystem::path default_journal(const std::filesystem::path& plan_file) { return plan_file.string() + ".journal"; }

std::expected<void, SetupError> load_for_run(const std::filesystem::path& plan_file, RunSetup& setup) {
  std::ifstream in(plan_file, std::ios::binary);
  if (!in) {
    return failed(SetupError::Stage::ReadPlan, plan_file.string(),
                  Error{.code = ErrorCode::Io, .message = "cannot read plan file '" + plan_file.string() + "'"});
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto plan = parse_plan(text.str());
  if (!plan) return failed(SetupError::Stage::Plan, plan_file.string(), plan.error());
  setup.plan = std::move(*plan);
  setup.plan_digest = plan_digest(text.str());
  auto providers = build_providers(setup.plan, plan_file.parent_path());
  if (!providers) return failed(SetupError::Stage::Plan, plan_file.string(), providers.error());
  setup.providers = std::move(*providers);
  return {};
}

std::expected<void, SetupError> open_run(const std::filesystem::path& journal_file, Clock& clock, RunSetup& setup,
                                         std::vector<std::string>& warnings) {
  auto journal = Journal::open(journal_file, {.domain = setup.plan.domain.text(), .plan_digest = setup.plan_digest}, warnings);
  if (!journal) return failed(SetupError::Stage::Journal, journal_file.string(), journal.error());
  setup.journal.emplace(std::move(*journal));
  auto secrets = SecretStore::open(journal_file.string() + ".secrets");
  if (!secrets) return failed(SetupError::Stage::Other, journal_file.string(), secrets.error());
  setup.secrets.emplace(std::move(*secrets));
  if (auto settled = settle_facts(journal_file, clock, setup); !settled) return settled;

  auto graph = build_steps(setup.plan, setup.facts);
  if (!graph) return failed(SetupError::Stage::Other, "plan", graph.error());
  setup.graph = std::move(*graph);
  auto schedule = setup.graph.schedule();
  if (!schedule) return failed(SetupError::Stage::Other, "plan", schedule.error());
  setup.schedule = std::move(*schedule);
  return {};
}

RunParts RunSetup::run_parts(Clock& clock) {
  assert(journal && secrets && "open_run() first");
  return {.plan = plan, .schedule = schedule, .providers = providers, .journal = *journal, .secrets = *secrets, .clock = clock};
}

}  // namespace cutover::planner
