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
    case GateKind::ResolversAgree: return true;
    case GateKind::ZoneParity:
    case GateKind::Authoritative:
    case GateKind::NoDsAtParent:
    case GateKind::DomainIdle:
    case GateKind::OperationSucceeded:
    case GateKind::ClusterAvailable: return false;
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

std::string_view servers_asked(GateKind kind) {
  switch (kind) {
    case GateKind::ParentDelegatesTo: return "parent servers";
    case GateKind::ReferralToChild: return "parent zone servers";
    case GateKind::TtlAtMost:
    case GateKind::RecordAnswers:
    case GateKind::Authoritative:
    case GateKind::ZoneParity: return "authoritative servers";
    case GateKind::ResolversAgree: return "resolvers";
    case GateKind::NoDsAtParent: return "parent servers";
    case GateKind::DomainIdle:
    case GateKind::OperationSucceeded:
    case GateKind::ClusterAvailable: return "provider";
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
  std::map<std::string, std::string> out{{"kind", std::string(to_string(gate.kind))}, {"verdict", verdict_text(result)}};
  if (result.asked > 0) {
    out["agreeing"] = std::to_string(result.agreeing);
    out["asked"] = std::to_string(result.asked);
  }
  if (!evidence.empty()) out["evidence"] = evidence;
  return out;
}

}  // namespace cutover::planner
