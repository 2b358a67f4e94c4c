// LiveGateChecker: dispatch by gate kind and the helpers the gate families
// share. The families live in live_gates_zones.cc (the zones' own servers,
// resolvers), live_gates_parent.cc (parent servers) and live_gates_providers.cc
// (registrar and database APIs).
#include "planner/gates/live_gate_checker.h"

namespace cutover::planner {

LiveGateChecker::LiveGateChecker(const Plan& plan, ProviderSet& providers)
    : plan_(plan), providers_(providers), probe_(live::probe_options(plan.verification)) {}

Result<GateResult> LiveGateChecker::check(const Gate& gate, const RunFacts& run) {
  auto result = dispatch(gate, run);
  // A provider that cannot be asked leaves the gate unproven: it does not
  // hold, and the evidence says why. Configuration errors still fail.
  if (!result && result.error().code == ErrorCode::Provider) {
    return GateResult{.holds = false, .evidence = {"provider error: " + result.error().message}};
  }
  return result;
}

std::optional<std::vector<dns::DomainName>> LiveGateChecker::remembered_delegation(const dns::DomainName& name) const {
  auto it = first_seen_.find(name);
  if (it == first_seen_.end()) return std::nullopt;
  return it->second;
}

Result<GateResult> LiveGateChecker::dispatch(const Gate& gate, const RunFacts& run) {
  switch (gate.kind) {
    case GateKind::ZoneParity: return zone_parity(gate);
    case GateKind::Authoritative: return authoritative(gate);
    case GateKind::ParentDelegatesTo: return parent_delegates_to(gate, run);
    case GateKind::ReferralToChild: return referral_to_child(gate);
    case GateKind::NoDsAtParent: return no_ds_at_parent(gate);
    case GateKind::TtlAtMost: return ttl_at_most(gate);
    case GateKind::RecordAnswers: return record_answers(gate, run);
    case GateKind::DomainIdle: return domain_idle(gate);
    case GateKind::OperationSucceeded: return operation_succeeded(run);
    case GateKind::ClusterAvailable: return cluster_available(gate, run);
    case GateKind::ResolversAgree: return resolvers_agree(gate);
    case GateKind::WeightsAre: return weights_are(gate);
    case GateKind::WeightedAnswers: return weighted_answers(gate);
    case GateKind::HealthCheckHealthy: return health_check_healthy(gate);
    case GateKind::AlarmNotFiring: return alarm_not_firing(gate);
    case GateKind::RecordsAsPlanned: return records_as_planned(gate);
  }
  return fail(ErrorCode::Invalid, "unknown gate kind " + std::string(to_string(gate.kind)));
}

Result<DnsProvider*> LiveGateChecker::zone(const std::string& key) {
  auto it = providers_.zones.find(key);
  if (it == providers_.zones.end() || !it->second) return fail(ErrorCode::Invalid, "no provider for zone '" + key + "'");
  return it->second.get();
}

Result<std::vector<dns::ServerAddress>> LiveGateChecker::servers_of(const std::string& key) {
  auto provider = zone(key);
  if (!provider) return std::unexpected(provider.error());
  auto texts = (*provider)->server_addresses();
  if (!texts) {
    return fail(ErrorCode::Provider, "server addresses of zone '" + key + "': " + texts.error().message);
  }
  std::vector<dns::ServerAddress> out;
  for (const auto& text : *texts) {
    auto address = dns::parse_server_address(text);
    if (!address) return fail(ErrorCode::Invalid, "zone '" + key + "': " + address.error().message);
    out.push_back(*address);
  }
  return out;
}

Result<std::vector<dns::Outcome>> LiveGateChecker::ask(const std::vector<dns::ProbeRequest>& requests) {
  auto outcomes = dns::probe(requests, probe_);
  if (!outcomes) return fail(ErrorCode::Io, "cannot send DNS queries: " + outcomes.error().message);
  return std::move(*outcomes);
}

}  // namespace cutover::planner
