#include "planner/run/propagation.h"

#include <algorithm>

namespace cutover::planner {
namespace {

bool watches_spread(const Gate& gate) {
  switch (gate.kind) {
    // An empty `expected` is the "delegation unchanged" baseline, not a new answer.
    case GateKind::ParentDelegatesTo: return !gate.expected.empty();
    case GateKind::ReferralToChild:
    case GateKind::TtlAtMost:
    case GateKind::RecordAnswers:
    case GateKind::RecordsAsPlanned:
    case GateKind::ResolversAgree: return true;
    case GateKind::ZoneParity:
    case GateKind::Authoritative:
    case GateKind::NoDsAtParent:
    case GateKind::DomainIdle:
    case GateKind::OperationSucceeded:
    case GateKind::ClusterAvailable:
    // A weighted name's sampling sends hundreds of queries: not for every poll of a wait.
    case GateKind::WeightsAre:
    case GateKind::WeightedAnswers:
    case GateKind::HealthCheckHealthy:
    case GateKind::AlarmNotFiring: return false;
  }
  return false;
}

const Step* find_step(const std::vector<ScheduledStep>& schedule, const StepId& id) {
  auto it = std::ranges::find_if(schedule, [&](const ScheduledStep& s) { return s.step->id == id; });
  return it == schedule.end() ? nullptr : it->step;
}

}  // namespace

std::vector<const Gate*> propagation_gates(const Step& step, const std::vector<ScheduledStep>& schedule) {
  std::vector<const Gate*> out;
  if (step.waits.empty()) return out;
  auto add = [&](const std::vector<Gate>& gates) {
    for (const auto& gate : gates) {
      if (!watches_spread(gate)) continue;
      bool seen = std::ranges::any_of(out, [&](const Gate* g) { return g->kind == gate.kind && g->description == gate.description; });
      if (!seen) out.push_back(&gate);
    }
  };
  for (const auto& wait : step.waits) {
    if (const Step* anchor = find_step(schedule, wait.after)) {
      add(anchor->check_after);
      add(anchor->gates);
    }
  }
  add(step.gates);
  return out;
}

std::string servers_asked(const Gate& gate) {
  std::string zone = gate.zones.empty() ? std::string("the zone") : "'" + gate.zones.front() + "'";
  switch (gate.kind) {
    case GateKind::ParentDelegatesTo:
    case GateKind::NoDsAtParent: return "parent servers";
    case GateKind::ResolversAgree: return "resolvers";
    case GateKind::ReferralToChild:  // zones: {parent, child}; the parent zone's servers are asked
    case GateKind::TtlAtMost:
    case GateKind::RecordAnswers:
    case GateKind::WeightedAnswers:
    case GateKind::RecordsAsPlanned:
    case GateKind::Authoritative: return "servers of " + zone;
    case GateKind::ZoneParity: return "servers of both zones";
    case GateKind::DomainIdle:
    case GateKind::OperationSucceeded:
    case GateKind::ClusterAvailable:
    case GateKind::WeightsAre:
    case GateKind::HealthCheckHealthy:
    case GateKind::AlarmNotFiring: return "provider";
  }
  return "servers";
}

std::string verdict_text(const GateResult& result) {
  if (result.holds) return "holds";
  return result.undecided ? "undecided" : "does not hold";
}

std::map<std::string, std::string> gate_record_data(const Gate& gate, const GateResult& result) {
  std::string evidence;
  for (const auto& line : result.evidence) evidence += (evidence.empty() ? "" : "\n") + line;
  std::map<std::string, std::string> out{
      {"kind", std::string(to_string(gate.kind))}, {"servers", servers_asked(gate)}, {"verdict", verdict_text(result)}};
  if (result.asked > 0) {
    out["agreeing"] = std::to_string(result.agreeing);
    out["asked"] = std::to_string(result.asked);
  }
  if (!evidence.empty()) out["evidence"] = evidence;
  return out;
}

}  // namespace cutover::planner
