#include "planner/cli/gates_factory.h"

#include "planner/live_gates.h"

namespace cutover::cli {

std::unique_ptr<planner::GateChecker> make_live_gates(const planner::Plan& plan, planner::ProviderSet& providers) {
  return std::make_unique<planner::LiveGateChecker>(plan, providers);
}

}  // namespace cutover::cli
