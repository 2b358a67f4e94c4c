#pragma once
// Live planning: the facts read from the providers and the parent's servers
// (read-only) instead of assumed: the NS TTL in each zone, the delegation's
// TTL and DS at the parent, the largest record TTL, the pointer's TTL, and
// which steps are already in effect.

#include "planner/clock.h"
#include "planner/providers/provider_set.h"
#include "planner/steps/facts.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

/// Observes what can be observed; anything that cannot (a zone the plan has
/// not created yet) keeps the plan's assumed value, and its source says so.
/// Fails only when a provider that should answer does not.
Result<Facts> observe_facts(const Plan& plan, ProviderSet& providers);

/// Marks in `facts` the steps whose every action is already in effect
/// (check before act, read-only).
/// `clock` dates the run (daily clones are named for the day).
void mark_done_steps(const Plan& plan, const StepGraph& graph, ProviderSet& providers, Clock& clock, Facts& facts);

}  // namespace cutover::planner
