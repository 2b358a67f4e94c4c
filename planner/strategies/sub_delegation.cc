// S2: keep a sub-domain in its own zone, delegated from BOTH parents (old and
// new), so that whichever parent a resolver uses, the child resolves the same.
// Order: child zone filled and authoritative -> NS added in each parent ->
// referrals verified on every server of every parent -> (the switch may go).
#include "planner/strategies/context.h"

namespace cutover::planner::strategies {
namespace {

std::string prefix(const SubDelegation& s) { return "subdelegation." + s.child_zone; }

RecordSet delegation_set(const SubDelegation& s, std::uint32_t ttl) {
  return RecordSet{
      .name = s.child, .type = dns::RecordType::NS, .ttl = ttl, .values_from = ValuesFrom::ZoneNameservers, .values_zone = s.child_zone};
}

Step copy_step(Context& ctx, const SubDelegation& s) {
  CopySteps copy = copy_actions(ctx, CopyRecords{.from_zone = s.copy_from, .to_zone = s.child_zone, .only_below = s.child});
  Step step{.id = step_id(prefix(s) + ".copy"),
            .title = "Copy the records under " + s.child.text() + " from '" + s.copy_from + "' into the child zone '" + s.child_zone + "'",
            .strategy = "sub-delegation",
            .actions = std::move(copy.actions),
            .expected_duration = Seconds{60}};
  depend_on(step.depends_on, ctx.creation_of(s.child_zone));
  depend_on(step.depends_on, ctx.creation_of(s.copy_from));
  Gate parity =
      gate(GateKind::ZoneParity,
           "names under " + s.child.text() + " answer identically on every server of '" + s.copy_from + "' and of '" + s.child_zone + "'",
           {s.copy_from, s.child_zone});
  parity.name = s.child;
  step.check_after.push_back(parity);
  step.rollback = Rollback{.description = "nothing to undo: no parent delegates to the child zone yet", .takes_effect = "at once"};
  if (!copy.undo.empty()) {
    step.rollback.description = copy.undo_description + " (no parent delegates to the child zone yet)";
    step.rollback.actions = std::move(copy.undo);
  }
  return step;
}

Step verify_child_step(const SubDelegation& s, const Step& copy) {
  Step step{.id = step_id(prefix(s) + ".verify-child"),
            .title = "Verify the child zone " + s.child.text() + " is complete and authoritative",
            .strategy = "sub-delegation",
            .gates = copy.check_after,
            .depends_on = {copy.id}};
  step.gates.push_back(gate(GateKind::Authoritative,
                            "every server of '" + s.child_zone + "' answers SOA and NS for " + s.child.text() + " with AA",
                            {s.child_zone}));
  return step;
}

Step delegate_step(Context& ctx, const SubDelegation& s, const std::string& parent, const StepId& verified) {
  auto ttl = ctx.lower_to(std::nullopt);
  Step step{.id = step_id(prefix(s) + ".delegate." + parent),
            .title = "Delegate " + s.child.text() + " from parent zone '" + parent + "' to the child zone's name servers",
            .strategy = "sub-delegation",
            .actions = {ChangeRecords{.zone = parent,
                                      .changes = {RecordChange{.kind = ChangeKind::Upsert, .set = delegation_set(s, ttl)}},
                                      .comment = "cutover: delegate " + s.child.without_dot()}},
            .depends_on = {verified}};
  depend_on(step.depends_on, ctx.creation_of(parent));
  step.gates.push_back(gate(GateKind::Authoritative,
                            "every server of '" + s.child_zone + "' still answers for " + s.child.text() + " with AA", {s.child_zone}));
  Gate referral = gate(GateKind::ReferralToChild,
                       "every server of '" + parent + "' refers names under " + s.child.text() + " to the child's name servers",
                       {parent, s.child_zone});
  referral.name = s.child;
  step.check_after.push_back(referral);
  bool holds_copy = parent == s.copy_from;
  step.rollback = Rollback{
      .description = "delete the NS records for " + s.child.text() + " from '" + parent + "'",
      .actions = {ChangeRecords{.zone = parent, .changes = {RecordChange{.kind = ChangeKind::Delete, .set = delegation_set(s, ttl)}}}},
      .safe_reason = holds_copy ? "while '" + parent + "' still holds its own records under the child (until remove-occluded)"
                                : "until the nameserver switch: '" + parent + "' holds no records under the child",
      .takes_effect = "for every resolver within the delegation TTL " + std::to_string(ttl) + " s",
      .possible = true,
      .settles_in = Seconds{ttl} + ctx.plan.safety.margin};
  return step;
}

}  // namespace

void add_sub_delegation_steps(Context& ctx, const SubDelegation& s) {
  Step copy = copy_step(ctx, s);
  Step verify_child = verify_child_step(s, copy);
  StepId verified = verify_child.id;
  ctx.graph.add(std::move(copy));
  ctx.graph.add(std::move(verify_child));

  Step both{.id = step_id(prefix(s) + ".verify-parents"),
            .title = "Verify every server of every parent refers " + s.child.text() + " to the child zone",
            .strategy = "sub-delegation"};
  for (const auto& parent : s.parents) {
    Step delegate = delegate_step(ctx, s, parent, verified);
    both.depends_on.push_back(delegate.id);
    both.gates.insert(both.gates.end(), delegate.check_after.begin(), delegate.check_after.end());
    ctx.graph.add(std::move(delegate));
  }
  both.notes.push_back("only after this may the parent's own nameserver switch proceed");
  ctx.anchors.before_switch.push_back(both.id);
  ctx.anchors.delegated_children.push_back(s.child);
  StepId both_id = both.id;
  ctx.graph.add(std::move(both));

  if (!s.remove_occluded) return;
  Step remove{.id = step_id(prefix(s) + ".remove-occluded"),
              .title = "Remove the occluded records under " + s.child.text() + " from '" + s.copy_from + "'",
              .strategy = "sub-delegation",
              .actions = {DeleteRecordsBelow{.zone = s.copy_from, .below = s.child}},
              .gates = ctx.graph.find(both_id)->gates,
              .depends_on = {both_id}};
  // Deleting them ends the easy rollback of the delegation: keep them through the switch's window.
  ctx.anchors.after_window.push_back(remove.id);
  remove.notes.push_back("the parent no longer serves them: every server refers the child's names to the child zone");
  remove.rollback = Rollback{.description = "copy the records back from the child zone",
                             .actions = {CopyRecords{.from_zone = s.child_zone, .to_zone = s.copy_from, .only_below = s.child}},
                             .takes_effect = "at once for the parent's data; resolvers keep using the child zone"};
  ctx.graph.add(std::move(remove));
}

}  // namespace cutover::planner::strategies
