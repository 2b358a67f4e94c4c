#pragma once
// The live gate checker: each gate of a step checked right before its action
// with direct DNS queries to the servers that matter (never one recursive
// answer) or with a provider API. Per kind (fields as planner/strategies/ set them):
//
//   ZoneParity         zones {a, b}: every RRset name/type of a's listing (minus SOA, the top NS,
//                      glue, names at/below exclude_below; only at/below `name` when set) asked of
//                      every server of a and b, compared with dns::check_parity
//   Authoritative      zones {z}: every server of z answers SOA and NS of z's apex with AA
//   ParentDelegatesTo  every parent server of `name` (plan.domain when unset) hands out exactly the
//                      nameservers() of zone `expected`; with `expected` empty, exactly the set
//                      this checker saw first for that name (see below)
//   ReferralToChild    zones {parent, child}, name = child: every server of parent answers
//                      x.<child> A with a referral to the child zone's nameservers()
//   NoDsAtParent       no parent server has a DS for `name`; expected "allowed": a DS may be
//                      there, but then every server of `zones` (the servers a switch hands
//                      over to) must serve a DNSKEY that a DS names (dns::match_ds)
//   TtlAtMost          every server of each zone answers name/type with TTL <= ttl
//   RecordAnswers      every server of each zone answers name/type with exactly `expected`
//   RecordsAsPlanned   zones {z}: every server of z answers each of `records` as planned (its
//                      values; an alias: an answer of its type; absent: NXDOMAIN or NODATA)
//   ResolversAgree     every plan.verification.resolvers answers NS of plan.domain (RD set)
//                      with the nameservers() of zones[0]
//   DomainIdle         the registrar account's DomainTransfers has no operation in progress
//   OperationSucceeded DomainTransfers::status(run.transfer_operation_id) is Successful
//   ClusterAvailable   Database::describe(expected, YYYYMMDD -> run.run_date) is "available"
//                      with instances_available
//   WeightsAre         zones {z}: z's listing holds at name/type exactly the weighted sets of
//                      `weights` (weight, values or alias, TTL `ttl`), and nothing else
//   WeightedAnswers    zones {z}: every server of z asked name/type weights.samples_per_server
//                      times: every answer is one set's answers, each set's share within
//                      live::share_bound of its weight (weight_sampling.h)
//   HealthCheckHealthy providers.monitors[account]: health check `expected` is healthy
//   AlarmNotFiring     providers.monitors[account]: alarm `expected` exists and is not ALARM
//
// A server that does not answer never counts as agreeing: the gate is then
// undecided (or fails, when another server disagrees). A provider error is a
// gate that does not hold, with the error as evidence; only a bad
// configuration (unknown zone key, no way to find parent servers, a bad
// address) fails the check itself.
//
// Parent servers are plan.verification.parent_servers, else found by walking
// down from plan.verification.root_hints (dns::Iterator, as check_delegation does).
//
//   LiveGateChecker gates(plan, providers);
//   auto result = gates.check(step.gates[0], run);   // Result<GateResult>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/iterative.h"
#include "dns/message.h"
#include "dns/probe_options.h"
#include "dns/prober.h"
#include "dns/server_address.h"
#include "planner/gates/gate_checker.h"
#include "planner/gates/gate_parts.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"

namespace cutover::planner {

/// Checks gates against the live servers and provider APIs of `plan`. Keeps
/// references: `plan` and `providers` must outlive it. Not thread-safe.
///
/// ParentDelegatesTo with an empty `expected` ("unchanged since the transfer
/// started") compares with the NS set that the first answering parent server
/// handed out the first time the run looked at that name: the run fact
/// baseline_key("delegation " + name) when present (the executor journals it,
/// so a resumed run compares with the same set), else the set this checker
/// saw first, which it then returns in GateResult::learned.
class LiveGateChecker final : public GateChecker {
 public:
  /// Probe options come from plan.verification (timeout per attempt, attempts).
  LiveGateChecker(const Plan& plan, ProviderSet& providers);

  /// See the file comment for each kind. Fails (Invalid) on a bad
  /// configuration, (Io) when no query can be sent at all.
  Result<GateResult> check(const Gate& gate, const RunFacts& run) override;

  /// The NS set remembered for `name` by an unchanged-delegation check, if any.
  std::optional<std::vector<dns::DomainName>> remembered_delegation(const dns::DomainName& name) const;

 private:
  // Parent servers of a zone, or the reason they could not be found (a gate result).
  struct ParentLookup {
    std::vector<dns::NameServer> servers{};
    std::optional<GateResult> failed{};
  };

  Result<GateResult> dispatch(const Gate& gate, const RunFacts& run);
  // live_gates_zones.cc: questions to the zones' own servers and to resolvers.
  Result<GateResult> zone_parity(const Gate& gate);
  /// What sampling the answers of alias and routing-policy names found (zone_gates.cc).
  struct RoutedSample {
    std::size_t asked{0};  // queries to new servers
    bool differ{false};
    bool silent{false};
    std::vector<std::string> lines{};
  };
  Result<RoutedSample> routed_answers(const std::vector<dns::Question>& questions, const std::vector<Rrset>& old_listing,
                                      const std::vector<dns::ServerAddress>& old_servers,
                                      const std::vector<dns::ServerAddress>& new_servers);
  /// The zone a single-zone gate names (its key) and that zone's provider (zone_gates.cc).
  struct GateZone {
    std::string key{};
    DnsProvider* provider{nullptr};
  };
  Result<GateZone> only_zone(const Gate& gate);
  Result<GateResult> authoritative(const Gate& gate);
  Result<GateResult> ttl_at_most(const Gate& gate);
  Result<GateResult> record_answers(const Gate& gate, const RunFacts& run);
  // The writer endpoint of cluster `name` (dated) in any database account; nullopt when none has it.
  Result<std::optional<std::string>> cluster_endpoint(const std::string& name, const RunFacts& run);
  Result<GateResult> resolvers_agree(const Gate& gate);
  // records_gate.cc: every name of a `records` step on every server of its zone.
  Result<GateResult> records_as_planned(const Gate& gate);
  // live_gates_parent.cc: questions to a parent's servers.
  Result<GateResult> parent_delegates_to(const Gate& gate, const RunFacts& run);
  Result<GateResult> referral_to_child(const Gate& gate);
  Result<GateResult> no_ds_at_parent(const Gate& gate);
  // Every server of gate.zones serves a DNSKEY of `name` that one of `ds` names.
  Result<GateResult> keys_match_ds(const Gate& gate, const dns::DomainName& name, const std::vector<std::string>& ds);
  Result<ParentLookup> parent_servers(const dns::DomainName& zone);
  // live_gates_providers.cc: provider APIs.
  Result<GateResult> domain_idle(const Gate& gate);
  Result<GateResult> operation_succeeded(const RunFacts& run);
  Result<GateResult> cluster_available(const Gate& gate, const RunFacts& run);
  std::vector<std::string> transfer_accounts() const;
  // weight_gates.cc: a weighted shift's gates.
  Result<GateResult> weights_are(const Gate& gate);
  Result<GateResult> weighted_answers(const Gate& gate);
  Result<GateResult> health_check_healthy(const Gate& gate);
  Result<GateResult> alarm_not_firing(const Gate& gate);

  // Shared helpers (live_gates.cc).
  Result<DnsProvider*> zone(const std::string& key);
  Result<std::vector<dns::ServerAddress>> servers_of(const std::string& key);
  /// The health checks each listing names, read from its zone's account
  /// (zone_gates.cc): routed sets compare them by configuration.
  Result<live::CheckTrees> check_trees(const Gate& gate, const std::vector<std::vector<Rrset>>& listings);
  Result<std::vector<dns::Outcome>> ask(const std::vector<dns::ProbeRequest>& requests);
  // Asks `question` of every server of each zone and judges each answer with `agrees`.
  template <class Agrees>
  Result<GateResult> ask_zones(const std::vector<std::string>& zones, const dns::Question& question, Agrees agrees);

  const Plan& plan_;
  ProviderSet& providers_;
  dns::ProbeOptions probe_{};
  std::map<dns::DomainName, std::vector<dns::DomainName>> first_seen_{};
};

}  // namespace cutover::planner
