// S1: move the domain to a new zone by switching its delegation.
// Order: new zone complete -> NS TTL lowered in both zones (and at the parent
// when the plan holds it) and the OLD TTL waited out -> both zones verified
// identical and authoritative, no DS in the way -> registrar switch -> every
// parent server verified -> window (both zones identical) -> NS TTL restored
// -> old zone retired after retention.
#include "planner/strategies/context.h"
#include "planner/strategies/switch_parts.h"

namespace cutover::planner::strategies {

void add_nameserver_switch_steps(Context& ctx, const NameserverSwitch& s) {
  SwitchFacts f = switch_facts(ctx, s);
  if (s.copy_records) {
    Step copy = copy_records_step(ctx, s);
    ctx.anchors.records_copied = copy.id;
    ctx.graph.add(std::move(copy));
  }
  Step lower = lower_ttl_step(ctx, s, f);
  ctx.anchors.ttl_lowered = lower.id;
  ctx.graph.add(std::move(lower));

  Step ready = verify_ready_step(ctx, s, f);
  StepId ready_id = ready.id;
  ctx.anchors.switch_ready = ready_id;
  ctx.graph.add(std::move(ready));

  Step registrar = registrar_step(ctx, s, f, ready_id);
  ctx.anchors.switch_step = registrar.id;
  StepId registrar_id = registrar.id;
  ctx.graph.add(std::move(registrar));

  Step verified = verify_parent_step(s, registrar_id);
  ctx.anchors.switch_verified = verified.id;
  StepId verified_id = verified.id;
  ctx.graph.add(std::move(verified));

  Step window = window_step(ctx, s, f, verified_id);
  ctx.anchors.window_end = window.id;
  StepId window_id = window.id;
  ctx.graph.add(std::move(window));
  for (const auto& id : ctx.anchors.after_window) ctx.graph.find_mutable(id)->depends_on.push_back(window_id);

  ctx.graph.add(restore_ttl_step(ctx, s, f, window_id));
  if (s.retire_old_zone) ctx.graph.add(retire_step(ctx, s, window_id));
}

}  // namespace cutover::planner::strategies
