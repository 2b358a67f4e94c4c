#pragma once
// Builds the live gate checker for a run (DNS queries and provider APIs).

#include <memory>

#include "planner/gate_checker.h"
#include "planner/plan.h"
#include "planner/providers/provider_set.h"

namespace cutover::cli {

std::unique_ptr<planner::GateChecker> make_live_gates(const planner::Plan& plan, planner::ProviderSet& providers);

}  // namespace cutover::cli
