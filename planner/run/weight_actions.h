#pragma once
// The weighted shift's action, as a pure function the ActionRunner calls
// between a zone's list() and apply() (weight_actions.cc), tested alone.

#include <vector>

#include "planner/providers/rrset.h"
#include "planner/steps/weights.h"

namespace cutover::planner {

/// The record set `set` stands for at name/type of `action`.
Rrset weighted_rrset(const SetWeights& action, const WeightedRecord& set);

/// The changes that make `zone` hold what `action` asks, read before acting
/// so that a step already in effect sends nothing (a rerun after a crash):
/// an UPSERT for each weighted set that differs or is missing, a DELETE (with
/// the values held now) for each set of `remove` still present, and a DELETE
/// of a plain set at name/type, which cannot stand beside weighted ones.
/// Empty when the zone holds it already.
std::vector<RrsetChange> weight_changes(const std::vector<Rrset>& zone, const SetWeights& action);

}  // namespace cutover::planner
