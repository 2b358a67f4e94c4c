#include "planner/planner.h"

#include <map>

#include "planner/strategies/context.h"

namespace cutover::planner {

Result<StepGraph> build_steps(const Plan& plan, const Facts& facts) {
  StepGraph graph;
  strategies::Context ctx{.plan = plan, .facts = facts, .graph = graph};
  strategies::add_zone_steps(ctx);
  // The order below is the order of dependencies, not of the plan file: each
  // builder leaves anchors the later ones need (see strategies/context.h).
  for (const auto& strategy : plan.strategies) {
    if (const auto* s = std::get_if<SubDelegation>(&strategy)) strategies::add_sub_delegation_steps(ctx, *s);
  }
  for (const auto& strategy : plan.strategies) {
    if (const auto* s = std::get_if<NameserverSwitch>(&strategy)) strategies::add_nameserver_switch_steps(ctx, *s);
  }
  for (const auto& strategy : plan.strategies) {
    if (const auto* s = std::get_if<DomainTransfer>(&strategy)) strategies::add_domain_transfer_steps(ctx, *s);
    if (const auto* s = std::get_if<DbPointer>(&strategy)) strategies::add_db_pointer_steps(ctx, *s);
    if (const auto* s = std::get_if<WeightedShift>(&strategy)) strategies::add_weighted_shift_steps(ctx, *s);
  }
  std::map<std::string, std::size_t> records_per_zone;
  for (const auto& strategy : plan.strategies) {
    if (const auto* s = std::get_if<BulkRecords>(&strategy)) strategies::add_records_steps(ctx, *s, records_per_zone[s->zone]++);
  }
  auto checked = graph.order();
  if (!checked) return std::unexpected(checked.error());
  return graph;
}

}  // namespace cutover::planner
