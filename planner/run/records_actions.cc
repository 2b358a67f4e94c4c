// The actions of the `records` strategy: keep what will be replaced, apply a
// bulk change decided against the zone's listing, put it back on rollback.
// Each is checked before it acts: a rerun after a crash sends only what is
// not yet in effect, and nothing when everything is.
#include "planner/providers/records_diff.h"
#include "planner/run/action_runner.h"

namespace cutover::planner {

Result<std::vector<RrsetChange>> ActionRunner::bulk_changes(const ApplyRecords& a, bool enforce_rule, std::string* summary) {
  auto target = zone(a.zone);
  if (!target) return std::unexpected(target.error());
  auto listed = (*target)->list();
  if (!listed) return std::unexpected(listed.error());
  auto diff = diff_records(*listed, (*target)->zone_name(), a.wanted, a.deleted);
  if (!diff.conflicts.empty()) {
    Error refused{
        .code = ErrorCode::Invalid,
        .message = "zone '" + a.zone + "' cannot take " + std::to_string(diff.conflicts.size()) + " planned record set(s) as they are"};
    for (const auto& line : diff.conflicts) refused.message += "\n  " + line;
    return std::unexpected(refused);
  }
  if (enforce_rule) {
    if (auto why = large_change_refusal(diff, a.large_change)) return fail(ErrorCode::Invalid, "zone '" + a.zone + "': " + *why);
  }
  if (summary != nullptr) *summary = diff_summary(diff);
  return std::move(diff.changes);
}

Result<ActionOutcome> ActionRunner::perform(const SnapshotRecords& a) {
  auto listed = listing(a.zone);
  if (!listed) return std::unexpected(listed.error());
  return ActionOutcome{.data = {{a.snapshot, snapshot_text(a.keys, *listed)}},
                       .how = "the " + std::to_string(a.keys.size()) + " record sets as they were, kept in the journal for a rollback"};
}

// Kept once per run: a snapshot in the journal (the executor restores them
// into the run facts) is what the zone held before this run changed it.
Result<bool> ActionRunner::check(const SnapshotRecords& a) { return run_.baselines.contains(a.snapshot); }

Result<ActionOutcome> ActionRunner::perform(const ApplyRecords& a) {
  std::string summary;
  auto changes = bulk_changes(a, true, &summary);
  if (!changes) return std::unexpected(changes.error());
  if (changes->empty()) return ActionOutcome{.data = {{"records", summary}}, .how = "nothing to change: " + summary};
  auto applied = apply(a.zone, std::move(*changes), a.comment);
  if (!applied) return applied;
  return ActionOutcome{.data = {{"records", summary}}, .how = summary + ", applied and in sync"};
}

// In effect when the zone holds every planned set and none of the deleted
// ones: the large-change rule does not decide what is already there.
Result<bool> ActionRunner::check(const ApplyRecords& a) { return none_left(bulk_changes(a, false, nullptr)); }

Result<std::vector<RrsetChange>> ActionRunner::restore_changes_of(const RestoreRecords& a) {
  auto it = run_.baselines.find(a.snapshot);
  if (it == run_.baselines.end()) {
    return fail(ErrorCode::Provider, "the journal holds no snapshot '" + a.snapshot + "' of zone '" + a.zone +
                                         "': what the record sets were before is unknown, so nothing is put back");
  }
  auto snapshot = parse_snapshot(it->second);
  if (!snapshot) return std::unexpected(snapshot.error());
  auto listed = listing(a.zone);
  if (!listed) return std::unexpected(listed.error());
  return restore_changes(*listed, *snapshot);
}

Result<ActionOutcome> ActionRunner::perform(const RestoreRecords& a) { return apply(a.zone, restore_changes_of(a), "cutover: rollback"); }

Result<bool> ActionRunner::check(const RestoreRecords& a) { return none_left(restore_changes_of(a)); }

}  // namespace cutover::planner
