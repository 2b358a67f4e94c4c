#include "planner/strategies/context.h"

#include <algorithm>

namespace cutover::planner::strategies {

std::optional<StepId> Context::creation_of(const std::string& key) const {
  auto id = step_id("zone." + key + ".create");
  if (graph.find(id) == nullptr) return std::nullopt;
  return id;
}

std::uint32_t Context::lower_to(std::optional<std::uint32_t> override_ttl) const { return override_ttl.value_or(plan.safety.lower_ttl_to); }

const NameserverSwitch* Context::nameserver_switch() const {
  for (const auto& strategy : plan.strategies) {
    if (const auto* s = std::get_if<NameserverSwitch>(&strategy)) return s;
  }
  return nullptr;
}

void require_before_switch(Context& ctx, const StepId& id) {
  if (ctx.anchors.switch_ready) {
    ctx.graph.find_mutable(*ctx.anchors.switch_ready)->depends_on.push_back(id);
  } else {
    ctx.anchors.before_switch.push_back(id);
  }
}

void depend_on(std::vector<StepId>& deps, const std::optional<StepId>& id) {
  if (id && std::ranges::find(deps, *id) == deps.end()) deps.push_back(*id);
}

// Health checks are account resources: a copy into another account makes
// its own (the copied sets name those). Accounts are compared by plan key
// here; the action compares the account ids and makes none for one account.
CopySteps copy_actions(const Context& ctx, CopyRecords copy) {
  const auto* from = std::get_if<Route53Zone>(&ctx.zone(copy.from_zone).provider);
  const auto* to = std::get_if<Route53Zone>(&ctx.zone(copy.to_zone).provider);
  if (!from || !to || from->account == to->account) return CopySteps{.actions = {std::move(copy)}};
  copy.health_check_prefix = health_check_reference_prefix(ctx.plan, copy.to_zone);
  CopySteps out{.undo = {DeleteHealthChecks{.zone = copy.to_zone, .reference_prefix = copy.health_check_prefix}},
                .undo_description = "delete the health checks recreated for the copy in account '" + to->account + "'"};
  out.actions = {CopyHealthChecks{.copy = copy}, std::move(copy)};
  return out;
}

Gate gate(GateKind kind, std::string description, std::vector<std::string> zones) {
  return Gate{.kind = kind, .description = std::move(description), .zones = std::move(zones)};
}

}  // namespace cutover::planner::strategies
