#include "planner/strategies/switch_parts.h"

#include <algorithm>

namespace cutover::planner::strategies {
namespace {

RecordSet apex_ns(const dns::DomainName& apex, std::uint32_t ttl) {
  return RecordSet{.name = apex, .type = dns::RecordType::NS, .ttl = ttl, .keep_values = true};
}

ChangeRecords set_apex_ns_ttl(const std::string& zone, const dns::DomainName& apex, std::uint32_t ttl) {
  return ChangeRecords{.zone = zone,
                       .changes = {RecordChange{.kind = ChangeKind::Upsert, .set = apex_ns(apex, ttl)}},
                       .comment = "cutover: NS TTL " + std::to_string(ttl)};
}

Gate parity(const Context& ctx, const NameserverSwitch& s) {
  std::string except;
  for (const auto& child : ctx.anchors.delegated_children) except += (except.empty() ? " (except under " : ", ") + child.text();
  if (!except.empty()) except += ")";
  Gate g =
      gate(GateKind::ZoneParity,
           "every record" + except + " answers identically on every authoritative server of '" + s.from_zone + "' and '" + s.to_zone + "'",
           {s.from_zone, s.to_zone});
  g.exclude_below = ctx.anchors.delegated_children;
  return g;
}

Gate ttl_at_most(const std::string& zone, const dns::DomainName& apex, std::uint32_t ttl) {
  Gate g = gate(GateKind::TtlAtMost, "every server of '" + zone + "' shows the apex NS with TTL <= " + std::to_string(ttl) + " s", {zone});
  g.name = apex;
  g.type = dns::RecordType::NS;
  g.ttl = ttl;
  return g;
}

Gate parent_delegates_to(const std::string& zone, const dns::DomainName& domain) {
  Gate g = gate(GateKind::ParentDelegatesTo, "every parent server delegates " + domain.text() + " to the name servers of '" + zone + "'",
                {zone});
  g.name = domain;
  g.expected = zone;
  return g;
}

// The undo of the NS TTL lowering: every zone the lowering changed goes back
// to the TTL it had, the last changed first. Undoing only the old zone (as
// before) left the new zone, and the parent, changed after `cutover rollback`.
Rollback undo_lowering(const Context& ctx, const NameserverSwitch& s, const SwitchFacts& f) {
  const auto& apex = ctx.plan.domain;
  Rollback r{.description = "set the NS TTLs back to " + std::to_string(f.old_zone_ns.value) + " s in '" + s.from_zone + "' and " +
                            std::to_string(f.new_zone_ns.value) + " s in '" + s.to_zone + "'",
             .takes_effect = "at once for new lookups"};
  if (f.parent_in_plan) {
    r.description += ", and the delegation TTL to " + std::to_string(f.parent_ns.value) + " s in '" + f.parent_zone + "'";
    r.actions.push_back(set_apex_ns_ttl(f.parent_zone, apex, f.parent_ns.value));
  }
  r.actions.push_back(set_apex_ns_ttl(s.to_zone, apex, f.new_zone_ns.value));
  r.actions.push_back(set_apex_ns_ttl(s.from_zone, apex, f.old_zone_ns.value));
  return r;
}

// The undo of the TTL restore: back to the TTLs the lowering left, parent first
// (the reverse of the restore's own order).
Rollback undo_restore(const Context& ctx, const NameserverSwitch& s, const SwitchFacts& f, std::uint32_t restored) {
  const auto& apex = ctx.plan.domain;
  Rollback r{.description = "lower the NS TTL again", .takes_effect = "after the raised TTL " + std::to_string(restored) + " s"};
  if (f.parent_in_plan) r.actions.push_back(set_apex_ns_ttl(f.parent_zone, apex, lowered_ttl(f.parent_ns.value, f.lower_to)));
  r.actions.push_back(set_apex_ns_ttl(s.to_zone, apex, lowered_ttl(f.new_zone_ns.value, f.lower_to)));
  // Caches hold the raised TTLs until they expire: undoing the switch sooner
  // would leave them on the new zone with the child's delegation gone.
  std::uint32_t raised = std::max(restored, f.parent_in_plan ? f.parent_ns.value : 0u);
  r.settles_in = Seconds{raised} + ctx.plan.safety.margin;
  return r;
}

WaitTerm term(std::string what, const TtlFact& fact) {
  return WaitTerm{.what = std::move(what), .value = Seconds(fact.value), .source = fact.source};
}

ComputedWait largest_of(std::vector<WaitTerm> terms, Seconds margin) {
  auto deciding = *std::ranges::max_element(terms, {}, &WaitTerm::value);
  return ComputedWait{.total = deciding.value + margin, .terms = std::move(terms), .deciding = deciding, .margin = margin};
}

}  // namespace

SwitchFacts switch_facts(const Context& ctx, const NameserverSwitch& s) {
  SwitchFacts f;
  f.lower_to = ctx.lower_to(s.lower_ttl_to);
  f.old_zone_ns = ctx.facts.zone_ttl(s.from_zone);
  f.new_zone_ns = ctx.facts.zone_ttl(s.to_zone);
  f.parent_ns = ctx.facts.parent_ns_ttl;
  if (const auto* parent = std::get_if<ParentZoneRegistrar>(&*ctx.plan.registrar)) {
    f.parent_in_plan = true;
    f.parent_zone = parent->zone;
  }
  std::vector<WaitTerm> before{term("old zone NS TTL", f.old_zone_ns)};
  if (f.parent_in_plan) before.push_back(term("parent NS TTL", f.parent_ns));
  f.ttl_wait = largest_of(std::move(before), ctx.plan.safety.margin);

  // After the switch the parent's TTL is what it is (lowered only when we hold the parent).
  TtlFact parent_after = f.parent_ns;
  if (f.parent_in_plan) parent_after.value = lowered_ttl(f.parent_ns.value, f.lower_to);
  TtlFact old_after = f.old_zone_ns;
  old_after.value = lowered_ttl(f.old_zone_ns.value, f.lower_to);
  f.window = largest_of(
      {term("parent NS TTL", parent_after), term("old zone NS TTL", old_after), term("largest record TTL", ctx.facts.max_record_ttl)},
      ctx.plan.safety.margin);
  return f;
}

Step copy_records_step(Context& ctx, const NameserverSwitch& s) {
  CopySteps copy =
      copy_actions(ctx, CopyRecords{.from_zone = s.from_zone, .to_zone = s.to_zone, .skip_below = ctx.anchors.delegated_children});
  Step step{.id = step_id("switch.copy-records"),
            .title = "Copy every record of '" + s.from_zone + "' into '" + s.to_zone + "' (apex NS and SOA excepted)",
            .strategy = "nameserver-switch",
            .actions = std::move(copy.actions),
            .expected_duration = Seconds{120}};
  depend_on(step.depends_on, ctx.creation_of(s.to_zone));
  step.check_after.push_back(parity(ctx, s));
  for (const auto& child : ctx.anchors.delegated_children) {
    step.notes.push_back("names under " + child.text() + " are left to the child zone; the new zone only delegates them");
  }
  step.rollback = Rollback{.description = "nothing to undo: the new zone serves no one until the switch", .takes_effect = "at once"};
  if (!copy.undo.empty()) {
    step.rollback.description = copy.undo_description + " (the new zone serves no one until the switch)";
    step.rollback.actions = std::move(copy.undo);
  }
  return step;
}

Step lower_ttl_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f) {
  const auto& apex = ctx.plan.domain;
  // Lowering never raises: a zone already below the target keeps its TTL.
  auto old_ttl = lowered_ttl(f.old_zone_ns.value, f.lower_to);
  auto new_ttl = lowered_ttl(f.new_zone_ns.value, f.lower_to);
  Step step{.id = step_id("switch.lower-ns-ttl"),
            .title = "Lower the NS TTL of " + apex.text() + " to " + std::to_string(f.lower_to) + " s in both zones",
            .strategy = "nameserver-switch",
            .actions = {set_apex_ns_ttl(s.from_zone, apex, old_ttl), set_apex_ns_ttl(s.to_zone, apex, new_ttl)}};
  if (f.parent_in_plan) {
    auto parent_ttl = lowered_ttl(f.parent_ns.value, f.lower_to);
    step.actions.push_back(ChangeRecords{.zone = f.parent_zone,
                                         .changes = {RecordChange{.kind = ChangeKind::Upsert, .set = apex_ns(apex, parent_ttl)}},
                                         .comment = "cutover: delegation TTL " + std::to_string(parent_ttl)});
    step.check_after.push_back(ttl_at_most(f.parent_zone, apex, f.lower_to));
  }
  depend_on(step.depends_on, ctx.creation_of(s.to_zone));
  depend_on(step.depends_on, ctx.anchors.records_copied);
  step.check_after.push_back(ttl_at_most(s.from_zone, apex, f.lower_to));
  step.check_after.push_back(ttl_at_most(s.to_zone, apex, f.lower_to));
  if (!needs_lowering(f.old_zone_ns.value, f.lower_to)) {
    step.notes.push_back("the old zone's NS TTL " + std::to_string(f.old_zone_ns.value) + " s is already at or below the target");
  }
  step.rollback = undo_lowering(ctx, s, f);
  return step;
}

Step verify_ready_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f) {
  Step step{.id = step_id("switch.verify-ready"),
            .title = "Verify both zones are identical and authoritative, and the old NS TTL has run out",
            .strategy = "nameserver-switch",
            .depends_on = ctx.anchors.before_switch};
  depend_on(step.depends_on, ctx.anchors.ttl_lowered);
  step.waits.push_back(Wait{.after = *ctx.anchors.ttl_lowered, .delay = f.ttl_wait.total, .reason = f.ttl_wait.reason()});
  step.gates.push_back(parity(ctx, s));
  step.gates.push_back(gate(GateKind::Authoritative,
                            "every name server of '" + s.to_zone + "' answers SOA and NS for " + ctx.plan.domain.text() + " with AA",
                            {s.to_zone}));
  step.gates.push_back(ttl_at_most(s.from_zone, ctx.plan.domain, f.lower_to));
  Gate ds = gate(GateKind::NoDsAtParent,
                 s.dnssec_handled
                     ? "a DS at the parent is accepted (the plan handles DNSSEC) only while every name server of '" + s.to_zone +
                           "' serves a DNSKEY it names"
                     : "no DS record for " + ctx.plan.domain.text() + " at the parent (a DS would break validation after the switch)");
  ds.name = ctx.plan.domain;
  // The servers the switch hands over to: a DS naming no key they serve makes the zone SERVFAIL.
  if (s.dnssec_handled) ds.zones = {s.to_zone};
  ds.expected = s.dnssec_handled ? "allowed" : "absent";
  step.gates.push_back(ds);
  if (ctx.facts.ds_at_parent && !s.dnssec_handled) {
    step.notes.push_back("WARNING: a DS is present at the parent (" + ctx.facts.ds_source +
                         "): this gate will block the switch unless the plan sets dnssec_handled");
  }
  return step;
}

Step registrar_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f, const StepId& ready) {
  const auto& domain = ctx.plan.domain;
  std::uint32_t ttl = f.parent_in_plan ? f.lower_to : 0;
  std::string via = f.parent_in_plan ? "parent zone '" + f.parent_zone + "'" : "Route 53 Domains (UpdateDomainNameservers)";
  Step step{.id = step_id("switch.registrar"),
            .title = "Switch the delegation of " + domain.text() + " to the name servers of '" + s.to_zone + "' via " + via,
            .strategy = "nameserver-switch",
            .actions = {SetDelegation{.domain = domain, .nameservers_of_zone = s.to_zone, .ttl = ttl}},
            .depends_on = {ready},
            .expected_duration = f.parent_in_plan ? Seconds{30} : Seconds{600}};
  step.gates = ctx.graph.find(ready)->gates;
  step.check_after.push_back(parent_delegates_to(s.to_zone, domain));
  Seconds safe = s.retire_old_zone ? retirement_delay(f.window, ctx.plan.safety.retention) : f.window.total;
  step.rollback =
      Rollback{.description = "switch the delegation back to the name servers of '" + s.from_zone + "'",
               .actions = {SetDelegation{.domain = domain, .nameservers_of_zone = s.from_zone, .ttl = ttl}},
               .safe_for = safe,
               .safe_reason = s.retire_old_zone ? "until the old zone is retired (window + retention)"
                                                : "while both zones are kept identical (the window)",
               .takes_effect = "for every resolver within the parent NS TTL " +
                               std::to_string(f.parent_in_plan ? f.lower_to : f.parent_ns.value) + " s after every parent server shows it",
               .settles_in = Seconds{f.parent_in_plan ? f.lower_to : f.parent_ns.value} + ctx.plan.safety.margin};
  return step;
}

Step verify_parent_step(const NameserverSwitch& s, const StepId& registrar) {
  Step step{.id = step_id("switch.verify-parent"),
            .title = "Verify every parent server delegates to the new name servers",
            .strategy = "nameserver-switch",
            .depends_on = {registrar},
            .expected_duration = Seconds{60}};
  step.gates.push_back(
      gate(GateKind::ParentDelegatesTo, "every parent server delegates to the name servers of '" + s.to_zone + "'", {s.to_zone}));
  step.gates.back().expected = s.to_zone;
  step.notes.push_back("polls until the registry publishes the change on every parent server");
  return step;
}

Step window_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f, const StepId& verified) {
  Step step{.id = step_id("switch.window-end"),
            .title = "Propagation window: keep both zones identical until the last cached old delegation expires",
            .strategy = "nameserver-switch",
            .depends_on = {verified}};
  step.waits.push_back(Wait{.after = verified, .delay = f.window.total, .reason = "window = " + f.window.reason()});
  step.gates.push_back(parity(ctx, s));
  if (!ctx.plan.verification.resolvers.empty()) {
    step.gates.push_back(gate(GateKind::ResolversAgree, "the sampled resolvers answer the new NS set", {s.to_zone}));
  }
  for (const auto& t : f.window.terms) {
    step.notes.push_back("window term: " + t.what + " " + std::to_string(t.value.count()) + " s (" + t.source + "); the largest decides");
  }
  step.notes.push_back("until this step, change both zones together: no edit to one zone without the other");
  return step;
}

Step restore_ttl_step(Context& ctx, const NameserverSwitch& s, const SwitchFacts& f, const StepId& window) {
  std::uint32_t restore = s.restore_ttl.value_or(f.old_zone_ns.value);
  Step step{.id = step_id("switch.restore-ns-ttl"),
            .title = "Raise the NS TTL of " + ctx.plan.domain.text() + " back to " + std::to_string(restore) + " s",
            .strategy = "nameserver-switch",
            .actions = {set_apex_ns_ttl(s.to_zone, ctx.plan.domain, restore)},
            .depends_on = {window}};
  if (f.parent_in_plan) step.actions.push_back(set_apex_ns_ttl(f.parent_zone, ctx.plan.domain, f.parent_ns.value));
  step.rollback = undo_restore(ctx, s, f, restore);
  return step;
}

Step retire_step(Context& ctx, const NameserverSwitch& s, const StepId& window) {
  Step step{.id = step_id("switch.retire-old-zone"),
            .title = "Delete the old zone '" + s.from_zone + "'",
            .strategy = "nameserver-switch",
            .actions = {DeleteZone{.zone = s.from_zone}},
            .depends_on = {window}};
  step.waits.push_back(Wait{.after = window,
                            .delay = ctx.plan.safety.retention,
                            .reason = "retention " + std::to_string(ctx.plan.safety.retention.count()) + " s"});
  step.gates.push_back(parent_delegates_to(s.to_zone, ctx.plan.domain));
  if (!ctx.plan.verification.resolvers.empty()) {
    step.gates.push_back(gate(GateKind::ResolversAgree, "the sampled resolvers answer the new NS set", {s.to_zone}));
  }
  step.rollback = Rollback{.description = "none: a deleted zone cannot be restored with the same name servers", .possible = false};
  return step;
}

}  // namespace cutover::planner::strategies
