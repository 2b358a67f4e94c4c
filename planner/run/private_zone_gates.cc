#include "planner/run/private_zone_gates.h"

#include <map>

#include "planner/providers/private_zone.h"

namespace cutover::planner {

bool asks_zone_servers(GateKind kind) {
  switch (kind) {
    case GateKind::ZoneParity:
    case GateKind::Authoritative:
    case GateKind::TtlAtMost:
    case GateKind::RecordAnswers:
    case GateKind::WeightedAnswers:
    case GateKind::RecordsAsPlanned:
    case GateKind::ReferralToChild:
    case GateKind::ParentDelegatesTo: return true;
    // Answered by a provider's API, the registry's servers or the plan's resolvers.
    case GateKind::NoDsAtParent:
    case GateKind::DomainIdle:
    case GateKind::OperationSucceeded:
    case GateKind::ClusterAvailable:
    case GateKind::ResolversAgree:
    case GateKind::WeightsAre:
    case GateKind::HealthCheckHealthy:
    case GateKind::AlarmNotFiring: return false;
  }
  return true;
}

namespace {

// Each zone asked once, however many gates name it.
class PrivateZones {
 public:
  explicit PrivateZones(ProviderSet& providers) : providers_(providers) {}
  Result<bool> is_private(const std::string& key) {
    if (auto known = seen_.find(key); known != seen_.end()) return known->second;
    auto provider = providers_.zones.find(key);
    if (provider == providers_.zones.end()) return false;  // a parent held by a registrar, say: not a hosted zone of the plan
    auto capabilities = provider->second->capabilities();
    if (!capabilities) return std::unexpected(capabilities.error());
    return seen_[key] = capabilities->private_zone;
  }

 private:
  ProviderSet& providers_;
  std::map<std::string, bool> seen_{};
};

}  // namespace

Result<void> refuse_private_zone_gates(const StepGraph& graph, ProviderSet& providers) {
  PrivateZones zones(providers);
  Error refused{.code = ErrorCode::Invalid};
  std::map<std::string, std::string> reasons;  // zone key -> why, said once per zone
  for (const auto& step : graph.steps()) {
    for (const auto* gates : {&step.gates, &step.check_after}) {
      for (const auto& gate : *gates) {
        if (!asks_zone_servers(gate.kind)) continue;
        for (const auto& key : gate.zones) {
          auto is_private = zones.is_private(key);
          if (!is_private) return std::unexpected(is_private.error());
          if (!*is_private) continue;
          reasons.emplace(key, private_zone_reason(providers.zones.at(key)->zone_name().text()));
          refused.problems.push_back({.message = "step " + step.id.value + ": gate [" + std::string(to_string(gate.kind)) +
                                                 "] asks the authoritative servers of zone '" + key + "', a private hosted zone"});
        }
      }
    }
  }
  if (refused.problems.empty()) return {};
  for (const auto& [key, reason] : reasons) refused.problems.push_back({.message = "zone '" + key + "': " + reason});
  refused.message = "the plan's gates cannot be decided for " + std::to_string(reasons.size()) +
                    (reasons.size() == 1 ? " private hosted zone" : " private hosted zones") + "; nothing was run";
  return std::unexpected(refused);
}

}  // namespace cutover::planner
