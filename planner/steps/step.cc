#include "planner/steps/step.h"

namespace cutover::planner {

StepId step_id(std::string value) { return StepId{.value = std::move(value)}; }

std::string weights_text(const std::vector<WeightedRecord>& sets) {
  std::string out;
  for (const auto& set : sets) out += (out.empty() ? "" : " / ") + set.set_identifier + " " + std::to_string(set.weight);
  return out;
}

std::string_view to_string(CloneStage stage) {
  switch (stage) {
    case CloneStage::Created: return "created";
    case CloneStage::Ready: return "ready";
    case CloneStage::Connected: return "connected";
    case CloneStage::Aborted: return "aborted";
  }
  return "?";
}

std::optional<CloneStage> parse_clone_stage(std::string_view text) {
  for (auto stage : {CloneStage::Created, CloneStage::Ready, CloneStage::Connected, CloneStage::Aborted}) {
    if (text == to_string(stage)) return stage;
  }
  return std::nullopt;
}

std::string_view to_string(GateKind kind) {
  switch (kind) {
    case GateKind::ZoneParity: return "zone-parity";
    case GateKind::Authoritative: return "authoritative";
    case GateKind::ParentDelegatesTo: return "parent-delegates-to";
    case GateKind::ReferralToChild: return "referral-to-child";
    case GateKind::NoDsAtParent: return "no-ds-at-parent";
    case GateKind::TtlAtMost: return "ttl-at-most";
    case GateKind::RecordAnswers: return "record-answers";
    case GateKind::DomainIdle: return "domain-idle";
    case GateKind::OperationSucceeded: return "operation-succeeded";
    case GateKind::ClusterAvailable: return "cluster-available";
    case GateKind::ResolversAgree: return "resolvers-agree";
    case GateKind::WeightsAre: return "weights-are";
    case GateKind::WeightedAnswers: return "weighted-answers";
    case GateKind::HealthCheckHealthy: return "health-check-healthy";
    case GateKind::AlarmNotFiring: return "alarm-not-firing";
    case GateKind::RecordsAsPlanned: return "records-as-planned";
  }
  return "?";
}

}  // namespace cutover::planner
