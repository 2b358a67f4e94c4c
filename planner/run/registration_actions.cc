// The actions on the domain's registration: the delegation a registrar
// hands out, and the cross-account transfer (start, accept, cancel, lock).
#include "planner/run/action_runner.h"

#include "planner/providers/name_sets.h"

namespace cutover::planner {
namespace {

const std::string kPasswordSecret{kTransferPasswordSecret};

}  // namespace

void ActionRunner::learn_operation(const std::string& operation_id) {
  run_.transfer_operation_id = operation_id;
  learned_["operation_id"] = operation_id;
}

Result<std::vector<dns::DomainName>> ActionRunner::delegation_target(const SetDelegation& a) {
  auto zone_of_names = zone(a.nameservers_of_zone);
  if (!zone_of_names) return std::unexpected(zone_of_names.error());
  return (*zone_of_names)->nameservers();
}

Result<ActionOutcome> ActionRunner::perform(const SetDelegation& a) {
  if (!providers_.registrar) return fail(ErrorCode::Provider, "no registrar provider");
  auto names = delegation_target(a);
  if (!names) return std::unexpected(names.error());
  return outcome_of(providers_.registrar->set_delegation(a.domain, *names, a.ttl),
                    {.how = "delegation set to " + std::to_string(names->size()) + " name servers"});
}

Result<bool> ActionRunner::check(const SetDelegation& a) {
  if (!providers_.registrar) return fail(ErrorCode::Provider, "no registrar provider");
  auto names = delegation_target(a);
  if (!names) return std::unexpected(names.error());
  auto current = providers_.registrar->delegation(a.domain);
  if (!current) return std::unexpected(current.error());
  return same_names(*names, *current);
}

Result<ActionOutcome> ActionRunner::perform(const TransferDomain& a) {
  auto from = transfers_of(a.from_account);
  auto to = transfers_of(a.to_account);
  if (!from) return std::unexpected(from.error());
  if (!to) return std::unexpected(to.error());
  auto target = (*to)->account_id();
  if (!target) return std::unexpected(target.error());
  auto started = (*from)->transfer(a.domain, *target);
  if (!started) return std::unexpected(started.error());
  auto kept = secrets_.put(kPasswordSecret, started->password);
  if (!kept) return std::unexpected(kept.error());
  run_.transfer_operation_id = started->operation_id;
  return ActionOutcome{.data = {{"operation_id", started->operation_id}}, .how = "transfer started (password kept for the accept step)"};
}

Result<bool> ActionRunner::check(const TransferDomain& a) {
  // Started already if an operation is in progress, or done if the receiver holds it.
  auto from = transfers_of(a.from_account);
  if (!from) return std::unexpected(from.error());
  auto pending = (*from)->operation_in_progress(a.domain);
  if (!pending) return std::unexpected(pending.error());
  if (*pending) {
    learn_operation(**pending);
    return true;
  }
  auto to = transfers_of(a.to_account);
  if (!to) return std::unexpected(to.error());
  return (*to)->holds(a.domain);
}

Result<ActionOutcome> ActionRunner::perform(const AcceptTransfer& a) {
  auto to = transfers_of(a.account);
  if (!to) return std::unexpected(to.error());
  auto password = secrets_.get(kPasswordSecret);
  if (!password) {
    return fail(ErrorCode::Provider,
                "the transfer password is not available (the secrets file next to the journal is gone); cancel the transfer and run again");
  }
  auto operation = (*to)->accept(a.domain, *password);
  if (!operation) return std::unexpected(operation.error());
  run_.transfer_operation_id = *operation;
  return ActionOutcome{.data = {{"operation_id", *operation}}, .how = "transfer accepted"};
}

Result<bool> ActionRunner::check(const AcceptTransfer& a) {
  // Accepted already if the receiver holds the domain, or its accept operation is under way.
  auto to = transfers_of(a.account);
  if (!to) return std::unexpected(to.error());
  auto holds = (*to)->holds(a.domain);
  if (!holds) return std::unexpected(holds.error());
  if (*holds) return true;
  auto pending = (*to)->operation_in_progress(a.domain);
  if (!pending) return std::unexpected(pending.error());
  if (*pending) learn_operation(**pending);
  return pending->has_value();
}

Result<ActionOutcome> ActionRunner::perform(const LockTransfer& a) {
  auto holder = transfers_of(a.account);
  if (!holder) return std::unexpected(holder.error());
  return outcome_of((*holder)->lock(a.domain), {.how = "transfer lock on"});
}

Result<bool> ActionRunner::check(const LockTransfer& a) {
  auto holder = transfers_of(a.account);
  if (!holder) return std::unexpected(holder.error());
  return (*holder)->locked(a.domain);
}

Result<ActionOutcome> ActionRunner::perform(const CancelTransfer& a) {
  auto from = transfers_of(a.account);
  if (!from) return std::unexpected(from.error());
  return outcome_of((*from)->cancel(a.domain), {.how = "transfer cancelled"});
}

Result<bool> ActionRunner::check(const CancelTransfer& a) {
  auto from = transfers_of(a.account);
  if (!from) return std::unexpected(from.error());
  auto pending = (*from)->operation_in_progress(a.domain);
  if (!pending) return std::unexpected(pending.error());
  return !pending->has_value();
}

}  // namespace cutover::planner
