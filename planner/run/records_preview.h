#pragma once
// The `records` steps looked at before anything runs (live `plan`, and `apply`
// before its first step): each bulk change diffed against its zone as it is
// now, its figures added to the step's notes, and a change the zone cannot
// take or that the large-change rule refuses turned into a refused plan.

#include <set>
#include <string>

#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/result.h"
#include "planner/steps/facts.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

/// For each step of `graph` with an ApplyRecords action (except those in
/// `skip`, done already): lists its zone, notes "live: 12 CREATE, 0 UPSERT,
/// ..." on the step, and marks it done in `facts` when nothing would change.
/// A zone that does not exist yet is noted, not listed. Fails (Invalid) with
/// one problem per refused step (conflicts, the large-change rule with its
/// counts), naming the step; with a provider's error when one cannot be asked.
Result<void> preview_records(StepGraph& graph, ProviderSet& providers, Facts& facts, const std::set<std::string>& skip = {});

/// Waives the large-change rule in every `records` strategy of `plan` (the
/// CLI's --allow-large-change).
void allow_large_changes(Plan& plan);

}  // namespace cutover::planner
