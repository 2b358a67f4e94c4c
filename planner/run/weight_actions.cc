// SetWeights: check before act. The weights held now are read first and only
// what differs is sent, so a step resumed after a crash (or re-run) never
// sends a weight change that is already in effect.
#include "planner/run/weight_actions.h"

#include <algorithm>

#include "planner/providers/record_ops.h"
#include "planner/run/action_runner.h"

namespace cutover::planner {

Rrset weighted_rrset(const SetWeights& action, const WeightedRecord& set) {
  Rrset out{.name = action.name,
            .type = action.type,
            .ttl = set.alias ? 0 : action.ttl,
            .values = set.alias ? std::vector<std::string>{} : set.values,
            .alias = set.alias,
            .routing = Routing{.set_identifier = set.set_identifier, .weight = set.weight},
            .health_check_id = set.health_check_id};
  return out;
}

std::vector<RrsetChange> weight_changes(const std::vector<Rrset>& zone, const SetWeights& action) {
  std::vector<RrsetChange> out;
  // Deletions first: Route 53 applies a batch as a whole, but a plain set and
  // weighted sets of one name and type may not coexist even for a moment of it.
  if (auto plain = find_rrset(zone, action.name, action.type); plain && !plain->routing) {
    out.push_back(RrsetChange{.kind = ChangeKind::Delete, .rrset = *plain});
  }
  for (const auto& id : action.remove) {
    if (auto held = find_rrset(zone, RrsetKey{.name = action.name, .type = action.type, .set_identifier = id})) {
      out.push_back(RrsetChange{.kind = ChangeKind::Delete, .rrset = *held});
    }
  }
  for (const auto& set : action.sets) {
    Rrset wanted = weighted_rrset(action, set);
    auto held = find_rrset(zone, key_of(wanted));
    if (held && same_content(*held, wanted)) continue;
    out.push_back(RrsetChange{.kind = ChangeKind::Upsert, .rrset = std::move(wanted)});
  }
  return out;
}

namespace {

// What perform and check both start from: the changes the zone needs now.
Result<std::vector<RrsetChange>> weight_changes_now(ActionRunner& runner, const SetWeights& a) {
  auto listed = runner.listing(a.zone);
  if (!listed) return std::unexpected(listed.error());
  return weight_changes(*listed, a);
}

}  // namespace

Result<ActionOutcome> ActionRunner::perform(const SetWeights& a) {
  auto changes = weight_changes_now(*this, a);
  if (!changes) return std::unexpected(changes.error());
  auto outcome = apply(a.zone, *changes, a.comment);
  if (outcome && changes->empty()) outcome->how = "weights " + weights_text(a.sets) + " already in effect: nothing sent";
  return outcome;
}

Result<bool> ActionRunner::check(const SetWeights& a) {
  auto changes = weight_changes_now(*this, a);
  if (!changes) return std::unexpected(changes.error());
  return changes->empty();
}

}  // namespace cutover::planner
