// Zones the plan creates: one step each, before anything uses them.
#include "planner/strategies/context.h"

namespace cutover::planner::strategies {

void add_zone_steps(Context& ctx) {
  for (const auto& [key, zone] : ctx.plan.zones) {
    if (!zone.created_by_plan()) continue;
    Step step{
        .id = step_id("zone." + key + ".create"),
        .title = "Create hosted zone " + zone.name.text() + " ('" + key + "')",
        .strategy = "zones",
        // The caller reference is derived from the plan, so a retry or a rerun
        // after a crash cannot create a second zone.
        .actions = {CreateZone{.zone = key, .name = zone.name, .caller_reference = zone_caller_reference(ctx.plan, key)}},
        .expected_duration = Seconds{60},
    };
    step.check_after.push_back(
        gate(GateKind::Authoritative, "every name server of '" + key + "' answers SOA and NS for " + zone.name.text() + " with AA", {key}));
    step.rollback = Rollback{.description = "delete the new, still unused zone",
                             .actions = {DeleteZone{.zone = key}},
                             .safe_reason = "until a parent delegates to it",
                             .takes_effect = "at once: nothing delegates to it yet"};
    ctx.graph.add(std::move(step));
  }
}

}  // namespace cutover::planner::strategies
