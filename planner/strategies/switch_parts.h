#pragma once
// Private to the nameserver-switch strategy: its steps, one function each.

#include "planner/strategies/context.h"

namespace cutover::planner::strategies {

/// The TTL facts one switch is planned with.
struct SwitchFacts {
  std::uint32_t lower_to{0};
  TtlFact old_zone_ns{};
  TtlFact new_zone_ns{};
  TtlFact parent_ns{};
  bool parent_in_plan{false};  // the registrar is a parent zone we can change (its TTL too)
  std::string parent_zone{};   // its key, when parent_in_plan
  ComputedWait ttl_wait{};     // after lowering, before the switch
  ComputedWait window{};       // after the parent servers switched
};

SwitchFacts switch_facts(const Context& ctx, const NameserverSwitch& s);

Step copy_records_step(Context& ctx, const NameserverSwitch& s);
Step lower_ttl_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f);
Step verify_ready_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f);
Step registrar_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f, const StepId& ready);
Step verify_parent_step(const NameserverSwitch& s, const StepId& registrar);
Step window_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f, const StepId& verified);
Step restore_ttl_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f, const StepId& window);
Step retire_step(Context& ctx, const NameserverSwitch& s, const StepId& window);

}  // namespace cutover::planner::strategies
