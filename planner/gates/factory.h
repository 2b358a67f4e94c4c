#pragma once
// Builds the live gate checker for a run (DNS queries and provider APIs).

#include <memory>

#include "planner/gates/gate_checker.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"

namespace cutover::planner {

std::unique_ptr<GateChecker> make_live_gates(const Plan& plan, ProviderSet& providers);

}  // namespace cutover::planner
