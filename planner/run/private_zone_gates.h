#pragma once
// Live planning and apply refuse a plan whose gates would ask the
// authoritative servers of a Route 53 private hosted zone: those servers do
// not serve it, so no such gate could be decided (providers/private_zone.h).

#include "planner/providers/provider_set.h"
#include "planner/result.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

/// True for the gate kinds answered by the authoritative servers of the zones they name.
bool asks_zone_servers(GateKind kind);

/// Fails (Invalid) naming every step, gate and private zone it would ask,
/// with the reason and what to do; a provider's error when a zone cannot be read.
Result<void> refuse_private_zone_gates(const StepGraph& graph, ProviderSet& providers);

}  // namespace cutover::planner
