// S3: move the registration to another account. Route 53 Domains moves only
// the registration: the zone and the NS stay, so the planner keeps it away
// from the switch (the domain is busy during an operation) and checks after
// that the delegation did not change.
#include "planner/strategies/context.h"

namespace cutover::planner::strategies {
namespace {

Gate delegation_unchanged(const Context& ctx, const std::string& zone) {
  Gate g = gate(GateKind::ParentDelegatesTo,
                zone.empty() ? "every parent server still hands out the NS set seen before the transfer"
                             : "every parent server still delegates " + ctx.plan.domain.text() + " to the name servers of '" + zone + "'",
                zone.empty() ? std::vector<std::string>{} : std::vector<std::string>{zone});
  g.name = ctx.plan.domain;
  g.expected = zone;
  return g;
}

}  // namespace

void add_domain_transfer_steps(Context& ctx, const DomainTransfer& s) {
  const auto& domain = ctx.plan.domain;
  const auto* ns_switch = ctx.nameserver_switch();
  bool after = s.timing == TransferTiming::AfterSwitch;
  std::string serving = ns_switch == nullptr ? "" : (after ? ns_switch->to_zone : ns_switch->from_zone);

  Step idle{.id = step_id("transfer.check-idle"),
            .title = "Check that " + domain.text() + " has no registrar operation in progress",
            .strategy = "domain-transfer"};
  if (after) depend_on(idle.depends_on, ctx.anchors.switch_verified);
  Gate busy = gate(GateKind::DomainIdle, "Route 53 Domains reports no operation in progress for " + domain.text());
  busy.name = domain;
  idle.gates = {busy, delegation_unchanged(ctx, serving)};

  Step initiate{
      .id = step_id("transfer.initiate"),
      .title = "Transfer the registration of " + domain.text() + " from account '" + s.from_account + "' to '" + s.to_account + "'",
      .strategy = "domain-transfer",
      .actions = {TransferDomain{.domain = domain, .from_account = s.from_account, .to_account = s.to_account}},
      .gates = idle.gates,
      .depends_on = {idle.id}};
  initiate.notes.push_back(
      "the password it returns is kept in memory and handed to the accept step; it is never written to the journal or printed");
  initiate.rollback = Rollback{
      .description = "cancel the transfer (CancelDomainTransferToAnotherAwsAccount) and turn the transfer lock back on",
      .actions = {CancelTransfer{.domain = domain, .account = s.from_account}, LockTransfer{.domain = domain, .account = s.from_account}},
      .safe_reason = "until the receiving account accepts",
      .takes_effect = "at once; DNS is not affected either way"};

  Step accept{.id = step_id("transfer.accept"),
              .title = "Accept the transfer in account '" + s.to_account + "'",
              .strategy = "domain-transfer",
              .actions = {AcceptTransfer{.domain = domain, .account = s.to_account}},
              .depends_on = {initiate.id},
              .deadline = kTransferAcceptWindow,
              .deadline_reason = "Route 53 Domains cancels a transfer not accepted within 3 days"};
  accept.rollback = Rollback{.description = "none by this tool: moving it back is a new transfer", .possible = false};

  Step done{.id = step_id("transfer.wait-operation"),
            .title = "Wait until the transfer operation reports SUCCESSFUL",
            .strategy = "domain-transfer",
            .depends_on = {accept.id},
            .expected_duration = Seconds{300}};
  Gate succeeded = gate(GateKind::OperationSucceeded, "GetOperationDetail reports SUCCESSFUL for the transfer");
  succeeded.name = domain;
  done.gates = {succeeded};

  // The transfer needed the lock off (Route53DomainTransfers turns it off
  // first); a registration at rest is locked, as Route 53 Domains registers it.
  Step relock{.id = step_id("transfer.lock"),
              .title = "Turn the transfer lock of " + domain.text() + " back on in account '" + s.to_account + "'",
              .strategy = "domain-transfer",
              .actions = {LockTransfer{.domain = domain, .account = s.to_account}},
              .depends_on = {done.id}};
  Gate holds = gate(GateKind::DomainIdle, "Route 53 Domains reports no operation in progress for " + domain.text());
  holds.name = domain;
  relock.gates = {holds};
  relock.rollback = Rollback{.description = "nothing to undo: the lock does not affect DNS", .takes_effect = "at once"};

  Step verify{.id = step_id("transfer.verify-delegation"),
              .title = "Verify the delegation of " + domain.text() + " did not change",
              .strategy = "domain-transfer",
              .gates = {delegation_unchanged(ctx, serving)},
              .depends_on = {done.id}};
  if (!after && ns_switch != nullptr) require_before_switch(ctx, verify.id);

  for (auto* step : {&idle, &initiate, &accept, &done, &relock, &verify}) ctx.graph.add(std::move(*step));
}

}  // namespace cutover::planner::strategies
