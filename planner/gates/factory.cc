#include "planner/gates/factory.h"

#include "planner/gates/live_gate_checker.h"

namespace cutover::planner {

std::unique_ptr<GateChecker> make_live_gates(const Plan& plan, ProviderSet& providers) {
  return std::make_unique<LiveGateChecker>(plan, providers);
}

}  // namespace cutover::planner
