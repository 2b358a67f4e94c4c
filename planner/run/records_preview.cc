#include "planner/run/records_preview.h"

#include "planner/providers/records_diff.h"

namespace cutover::planner {
namespace {

// The problem of one step, or nullopt; the figures go to the step's notes.
Result<std::optional<Problem>> preview_step(Step& step, const ApplyRecords& a, ProviderSet& providers, Facts& facts) {
  auto provider = providers.zones.find(a.zone);
  if (provider == providers.zones.end() || !provider->second) {
    return fail(ErrorCode::Provider, "step " + step.id.value + ": no provider for zone '" + a.zone + "'");
  }
  auto exists = provider->second->exists();
  if (!exists) return std::unexpected(exists.error());
  if (!*exists) {
    step.notes.push_back("live: zone '" + a.zone + "' does not exist yet: every planned set will be a CREATE");
    return std::optional<Problem>{};
  }
  auto listed = provider->second->list();
  if (!listed) return std::unexpected(listed.error());
  auto diff = diff_records(*listed, provider->second->zone_name(), a.wanted, a.deleted);
  step.notes.push_back("live: " + diff_summary(diff));
  std::string why;
  for (const auto& line : diff.conflicts) why += (why.empty() ? "" : "; ") + line;
  if (auto refusal = large_change_refusal(diff, a.large_change)) why += (why.empty() ? "" : "; ") + *refusal;
  if (!why.empty()) return std::optional<Problem>{Problem{.pointer = "", .message = "step " + step.id.value + ": " + why}};
  if (diff.changes.empty()) facts.done_steps.insert(step.id.value);
  return std::optional<Problem>{};
}

}  // namespace

Result<void> preview_records(StepGraph& graph, ProviderSet& providers, Facts& facts, const std::set<std::string>& skip) {
  Error refused{.code = ErrorCode::Invalid};
  std::vector<StepId> ids;
  for (const auto& step : graph.steps()) ids.push_back(step.id);
  for (const auto& id : ids) {
    if (skip.contains(id.value)) continue;
    Step* step = graph.find_mutable(id);
    for (const auto& action : step->actions) {
      const auto* bulk = std::get_if<ApplyRecords>(&action);
      if (bulk == nullptr) continue;
      auto problem = preview_step(*step, *bulk, providers, facts);
      if (!problem) return std::unexpected(problem.error());
      if (*problem) refused.problems.push_back(std::move(**problem));
    }
  }
  if (refused.problems.empty()) return {};
  refused.message = "the plan's record changes are refused; nothing was run";
  return std::unexpected(refused);
}

void allow_large_changes(Plan& plan) {
  for (auto& strategy : plan.strategies) {
    if (auto* s = std::get_if<BulkRecords>(&strategy)) s->large_change.allowed = true;
  }
}

}  // namespace cutover::planner
