// The actions on zones and records: what each does, and how a rerun tells
// that it is in effect already (the zone exists, the records hold).
#include "planner/run/action_runner.h"

#include "planner/providers/record_ops.h"
#include "planner/run/copy_check.h"

namespace cutover::planner {

// The copy is reviewed again here, whatever the plan said: a plan made
// offline, or a zone changed since planning, cannot slip a set through that
// the target cannot hold; the whole copy is refused before any change.
Result<std::vector<RrsetChange>> ActionRunner::copy_changes(const CopyRecords& copy) {
  auto from = zone(copy.from_zone);
  auto to = zone(copy.to_zone);
  if (!from) return std::unexpected(from.error());
  if (!to) return std::unexpected(to.error());
  auto checked = check_copy(copy, **from, **to, false);
  if (!checked) return std::unexpected(checked.error());
  if (!checked->review.refusals.empty()) {
    // The executor reports and journals the message alone: it names every set.
    Error refused = copy_refused(copy, checked->review.refusals);
    for (const auto& problem : refused.problems) refused.message += "\n  " + problem.message;
    return std::unexpected(refused);
  }
  if (!checked->not_recreated.empty()) {
    std::string ids;
    for (const auto& id : checked->not_recreated) ids += (ids.empty() ? "" : ", ") + id;
    return fail(ErrorCode::Invalid, "copy of zone '" + copy.from_zone + "' into '" + copy.to_zone + "': health checks " + ids +
                                        " have no copy in the target account yet (CopyHealthChecks makes them); nothing was changed");
  }
  return std::move(checked->changes);
}

Result<std::vector<RrsetChange>> ActionRunner::delete_below_changes(const DeleteRecordsBelow& action) {
  auto listed = listing(action.zone);
  if (!listed) return std::unexpected(listed.error());
  return deletions_below(*listed, action.below);
}

Result<ActionOutcome> ActionRunner::apply(const std::string& key, const Result<std::vector<RrsetChange>>& changes,
                                          const std::string& comment) {
  if (!changes) return std::unexpected(changes.error());
  if (changes->empty()) return ActionOutcome{.how = "nothing to change: already in effect"};
  auto target = zone(key);
  if (!target) return std::unexpected(target.error());
  return outcome_of((*target)->apply(*changes, comment),
                    {.how = std::to_string(changes->size()) + (changes->size() == 1 ? " change" : " changes") + " applied and in sync"});
}

Result<bool> ActionRunner::none_left(const Result<std::vector<RrsetChange>>& changes) {
  if (!changes) return std::unexpected(changes.error());
  return changes->empty();
}

Result<ActionOutcome> ActionRunner::perform(const CreateZone& a) {
  auto target = zone(a.zone);
  if (!target) return std::unexpected(target.error());
  return outcome_of((*target)->create(a.caller_reference), {.how = "zone exists"});
}

Result<bool> ActionRunner::check(const CreateZone& a) {
  auto target = zone(a.zone);
  if (!target) return std::unexpected(target.error());
  return (*target)->exists();
}

Result<ActionOutcome> ActionRunner::perform(const DeleteZone& a) {
  auto target = zone(a.zone);
  if (!target) return std::unexpected(target.error());
  return outcome_of((*target)->remove(), {.how = "zone deleted"});
}

Result<bool> ActionRunner::check(const DeleteZone& a) {
  auto target = zone(a.zone);
  if (!target) return std::unexpected(target.error());
  auto exists = (*target)->exists();
  if (!exists) return std::unexpected(exists.error());
  return !*exists;
}

Result<ActionOutcome> ActionRunner::perform(const CopyRecords& a) { return apply(a.to_zone, copy_changes(a), "cutover"); }

Result<bool> ActionRunner::check(const CopyRecords& a) { return none_left(copy_changes(a)); }

Result<ActionOutcome> ActionRunner::perform(const ChangeRecords& a) { return apply(a.zone, resolve(a), a.comment); }

Result<bool> ActionRunner::check(const ChangeRecords& a) {
  auto changes = resolve(a);
  if (!changes) return std::unexpected(changes.error());
  auto listed = listing(a.zone);
  if (!listed) return std::unexpected(listed.error());
  return changes_in_effect(*listed, *changes);
}

Result<ActionOutcome> ActionRunner::perform(const DeleteRecordsBelow& a) { return apply(a.zone, delete_below_changes(a), "cutover"); }

Result<bool> ActionRunner::check(const DeleteRecordsBelow& a) { return none_left(delete_below_changes(a)); }

}  // namespace cutover::planner
