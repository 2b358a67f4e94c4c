#pragma once
// Carries out a step's actions through the providers, and tells whether an
// action already took effect (for a rerun after a crash: check before act).

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/result.h"
#include "planner/run/secrets.h"
#include "planner/steps/run_facts.h"
#include "planner/steps/step.h"

namespace cutover::planner {

struct ActionOutcome {
  std::map<std::string, std::string> data{};  // for the journal and later gates; never a secret
  std::string how{};                          // "3 changes applied", "already in effect"
  bool changed{true};                         // false: nothing to do (an undo that found nothing the plan made)
};

/// The outcome of a provider call that returns nothing: its error, or `outcome`.
inline Result<ActionOutcome> outcome_of(const Result<void>& called, ActionOutcome outcome) {
  if (!called) return std::unexpected(called.error());
  return outcome;
}

/// Carries out actions. Every action type has one `perform` and one `check`
/// overload, reached through std::visit: an action type added to `Action`
/// without both does not compile. DNS actions live in dns_actions.cc, health
/// checks in health_check_actions.cc, registration actions in registration_actions.cc, database actions in
/// database_actions.cc.
class ActionRunner {
 public:
  /// `run` receives what actions learn (the transfer's operation id) and
  /// supplies the run date (daily clone names).
  ActionRunner(const Plan& plan, ProviderSet& providers, SecretStore& secrets, RunFacts& run)
      : plan_(plan), providers_(providers), secrets_(secrets), run_(run) {}

  /// Performs `action`. Idempotent where the provider allows: changes already
  /// in place are not sent again.
  Result<ActionOutcome> run(const Action& action);
  /// True when the effect of `action` is already in place at the provider.
  /// What it learned on the way (an operation id) is kept for take_learned().
  Result<bool> in_effect(const Action& action);
  /// The journal data the last in_effect() found (empty when none), and forgets it.
  std::map<std::string, std::string> take_learned() { return std::exchange(learned_, {}); }

  /// The provider of zone `key`; Provider error when the plan built none.
  Result<DnsProvider*> zone(const std::string& key);
  /// Every record set zone `key` holds now.
  Result<std::vector<Rrset>> listing(const std::string& key);
  /// The record changes `action` stands for, with values resolved (name
  /// servers of a zone, a cluster's endpoint, the values a zone holds now).
  Result<std::vector<RrsetChange>> resolve(const ChangeRecords& action);

 private:
  Result<ActionOutcome> perform(const CreateZone& a);
  Result<ActionOutcome> perform(const CopyRecords& a);
  Result<ActionOutcome> perform(const CopyHealthChecks& a);
  Result<ActionOutcome> perform(const DeleteHealthChecks& a);
  Result<ActionOutcome> perform(const ChangeRecords& a);
  Result<ActionOutcome> perform(const DeleteZone& a);
  Result<ActionOutcome> perform(const DeleteRecordsBelow& a);
  Result<ActionOutcome> perform(const SetDelegation& a);
  Result<ActionOutcome> perform(const TransferDomain& a);
  Result<ActionOutcome> perform(const AcceptTransfer& a);
  Result<ActionOutcome> perform(const CancelTransfer& a);
  Result<ActionOutcome> perform(const LockTransfer& a);
  Result<ActionOutcome> perform(const CloneCluster& a);
  Result<ActionOutcome> perform(const CreateInstance& a);
  Result<ActionOutcome> perform(const TagCluster& a);
  Result<ActionOutcome> perform(const DeleteAbortedClones& a);
  Result<ActionOutcome> perform(const SetWeights& a);       // weight_actions.cc
  Result<ActionOutcome> perform(const SnapshotRecords& a);  // records_actions.cc
  Result<ActionOutcome> perform(const ApplyRecords& a);
  Result<ActionOutcome> perform(const RestoreRecords& a);

  Result<bool> check(const CreateZone& a);
  Result<bool> check(const CopyRecords& a);
  Result<bool> check(const CopyHealthChecks& a);
  Result<bool> check(const DeleteHealthChecks& a);
  Result<bool> check(const ChangeRecords& a);
  Result<bool> check(const DeleteZone& a);
  Result<bool> check(const DeleteRecordsBelow& a);
  Result<bool> check(const SetDelegation& a);
  Result<bool> check(const TransferDomain& a);
  Result<bool> check(const AcceptTransfer& a);
  Result<bool> check(const CancelTransfer& a);
  Result<bool> check(const LockTransfer& a);
  Result<bool> check(const CloneCluster& a);
  Result<bool> check(const CreateInstance& a);
  Result<bool> check(const TagCluster& a);
  Result<bool> check(const DeleteAbortedClones& a);
  Result<bool> check(const SetWeights& a);
  Result<bool> check(const SnapshotRecords& a);
  Result<bool> check(const ApplyRecords& a);
  Result<bool> check(const RestoreRecords& a);

  // Shared by the DNS actions (dns_actions.cc).
  Result<std::vector<RrsetChange>> copy_changes(const CopyRecords& copy);
  Result<std::vector<RrsetChange>> delete_below_changes(const DeleteRecordsBelow& action);
  Result<std::vector<RrsetChange>> bulk_changes(const ApplyRecords& action, bool enforce_rule, std::string* summary);
  Result<std::vector<RrsetChange>> restore_changes_of(const RestoreRecords& action);
  /// Sends `changes` to zone `key` in one request (nothing when empty), or passes on the error that computing them gave.
  Result<ActionOutcome> apply(const std::string& key, const Result<std::vector<RrsetChange>>& changes, const std::string& comment);
  /// In effect when nothing is left to change; the error that computing the changes gave otherwise.
  static Result<bool> none_left(const Result<std::vector<RrsetChange>>& changes);
  /// The checks a CopyHealthChecks makes, children first, with what exists already (health_check_actions.cc).
  struct CheckCopies;
  Result<CheckCopies> check_copies(const CopyHealthChecks& a);
  // Shared by the registration and database actions.
  /// The name servers a SetDelegation hands out: those of its zone now.
  Result<std::vector<dns::DomainName>> delegation_target(const SetDelegation& a);
  Result<DomainTransfers*> transfers_of(const std::string& account);
  Result<Database*> database_of(const std::string& account);
  /// Notes a transfer operation found in progress: for later gates and the journal.
  void learn_operation(const std::string& operation_id);

  const Plan& plan_;
  ProviderSet& providers_;
  SecretStore& secrets_;
  RunFacts& run_;
  std::map<std::string, std::string> learned_{};
};

/// The name under which the transfer password is kept in the SecretStore.
inline constexpr std::string_view kTransferPasswordSecret = "transfer-password";

}  // namespace cutover::planner
