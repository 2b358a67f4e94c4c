#pragma once
// Carries out a step's actions through the providers, and tells whether an
// action already took effect (for a rerun after a crash: check before act).

#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "planner/gates/gate_checker.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/result.h"
#include "planner/run/secrets.h"
#include "planner/steps/step.h"

namespace cutover::planner {

struct ActionOutcome {
  std::map<std::string, std::string> data{};  // for the journal and later gates; never a secret
  std::string how{};                          // "3 changes applied", "already in effect"
};

class ActionRunner {
 public:
  /// `run` receives what actions learn (operation ids) and supplies "run_date".
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

  // One per action type (public so the visitor in the .cc can reach them).
  Result<ActionOutcome> run_dns(const Action& action);
  Result<ActionOutcome> run_registry(const Action& action);
  Result<ActionOutcome> run_database(const Action& action);
  Result<bool> dns_in_effect(const Action& action);
  Result<bool> registry_in_effect(const Action& action);
  Result<bool> database_in_effect(const Action& action);

  Result<DnsProvider*> zone(const std::string& key);
  Result<std::vector<RrsetChange>> resolve(const ChangeRecords& action);
  /// A cluster name with the run's date in place of YYYYMMDD.
  std::string dated(const std::string& name) const;

  const Plan& plan_;
  ProviderSet& providers_;
  SecretStore& secrets_;
  RunFacts& run_;
  std::map<std::string, std::string> learned_{};
};

/// The name under which the transfer password is kept in the SecretStore.
inline constexpr std::string_view kTransferPasswordSecret = "transfer-password";

/// True for actions carried out by a DNS provider (zones and records).
bool is_dns_action(const Action& action);
bool is_registry_action(const Action& action);

}  // namespace cutover::planner
