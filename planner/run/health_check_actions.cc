// The health-check actions: the checks a copy's record sets name, recreated
// in the target account before the copy (children of calculated checks
// first; each found again by its CallerReference, so a rerun adopts what an
// earlier run made), and deleted again by the rollback.
#include <algorithm>

#include "planner/run/action_runner.h"
#include "planner/run/copy_check.h"

namespace cutover::planner {

struct ActionRunner::CheckCopies {
  CheckTree source{};
  std::vector<std::string> order{};           // source ids, children first
  std::map<std::string, std::string> made{};  // source id -> the target account's copy, for those that exist
  HealthChecks* target{nullptr};
};

namespace {

// The checks of `checks` this plan made: those whose CallerReference has `prefix`.
Result<std::vector<HealthCheckRef>> made_by_plan(HealthChecks& checks, const std::string& prefix) {
  auto listed = checks.list();
  if (!listed) return std::unexpected(listed.error());
  std::erase_if(*listed, [&](const HealthCheckRef& ref) { return prefix.empty() || !ref.caller_reference.starts_with(prefix); });
  return listed;
}

}  // namespace

// The same review as the copy's own: a set the copy would refuse stops the
// checks from being made at all, so a refused copy leaves nothing behind.
Result<ActionRunner::CheckCopies> ActionRunner::check_copies(const CopyHealthChecks& a) {
  auto from = zone(a.copy.from_zone);
  auto to = zone(a.copy.to_zone);
  if (!from) return std::unexpected(from.error());
  if (!to) return std::unexpected(to.error());
  auto checked = check_copy(a.copy, **from, **to, false);
  if (!checked) return std::unexpected(checked.error());
  if (!checked->review.refusals.empty()) {
    Error refused = copy_refused(a.copy, checked->review.refusals);
    for (const auto& problem : refused.problems) refused.message += "\n  " + problem.message;
    return std::unexpected(refused);
  }
  CheckCopies out{.source = std::move(checked->source_checks), .target = (*to)->health_checks()};
  out.order = creation_order(out.source);
  if (out.order.empty() || !out.target) return out;
  auto made = made_by_plan(*out.target, a.copy.health_check_prefix);
  if (!made) return std::unexpected(made.error());
  for (const auto& ref : *made) out.made[ref.caller_reference.substr(a.copy.health_check_prefix.size())] = ref.id;
  return out;
}

Result<ActionOutcome> ActionRunner::perform(const CopyHealthChecks& a) {
  auto copies = check_copies(a);
  if (!copies) return std::unexpected(copies.error());
  if (copies->order.empty()) return ActionOutcome{.how = "no health check to recreate"};
  ActionOutcome outcome;
  std::size_t created = 0;
  for (const auto& id : copies->order) {
    if (!copies->made.contains(id)) {
      auto config = with_copied_children(*copies->source.at(id), copies->made);
      if (!config) return fail(ErrorCode::Invalid, "health check " + id + ": a child has no copy in the target account");
      auto made = copies->target->create(a.copy.health_check_prefix + id, *config);
      if (!made) return std::unexpected(made.error());
      copies->made[id] = *made;
      ++created;
    }
    outcome.data["health_check." + id] = copies->made.at(id);
  }
  std::size_t kept = copies->order.size() - created;
  outcome.how = std::to_string(created) + (created == 1 ? " health check" : " health checks") + " recreated in the target account";
  if (kept > 0) outcome.how += " (" + std::to_string(kept) + " there already)";
  return outcome;
}

Result<bool> ActionRunner::check(const CopyHealthChecks& a) {
  auto copies = check_copies(a);
  if (!copies) return std::unexpected(copies.error());
  return std::ranges::all_of(copies->order, [&](const std::string& id) { return copies->made.contains(id); });
}

// Calculated checks go before their children, as the copies were made the other way round.
Result<ActionOutcome> ActionRunner::perform(const DeleteHealthChecks& a) {
  auto target = zone(a.zone);
  if (!target) return std::unexpected(target.error());
  HealthChecks* checks = (*target)->health_checks();
  if (!checks) return ActionOutcome{.how = "the zone's provider has no health checks", .changed = false};
  auto made = made_by_plan(*checks, a.reference_prefix);
  if (!made) return std::unexpected(made.error());
  std::set<std::string> ids;
  for (const auto& ref : *made) ids.insert(ref.id);
  if (ids.empty()) return ActionOutcome{.how = "no health check of this plan in the target account", .changed = false};
  auto tree = read_check_tree(ids, *checks);
  if (!tree) return std::unexpected(tree.error());
  auto order = creation_order(*tree);
  std::erase_if(order, [&](const std::string& id) { return !ids.contains(id); });
  for (const auto& id : ids) {
    if (std::ranges::find(order, id) == order.end()) order.insert(order.begin(), id);  // gone meanwhile: remove() says so
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    auto removed = checks->remove(*it);
    if (!removed) return std::unexpected(removed.error());
  }
  return ActionOutcome{.how = std::to_string(ids.size()) + (ids.size() == 1 ? " health check" : " health checks") + " deleted"};
}

Result<bool> ActionRunner::check(const DeleteHealthChecks& a) {
  auto target = zone(a.zone);
  if (!target) return std::unexpected(target.error());
  HealthChecks* checks = (*target)->health_checks();
  if (!checks) return true;
  auto made = made_by_plan(*checks, a.reference_prefix);
  if (!made) return std::unexpected(made.error());
  return made->empty();
}

}  // namespace cutover::planner
