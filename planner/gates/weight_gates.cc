// LiveGateChecker: the gates of a weighted shift. The weights as the
// provider's API shows them; the answers as every authoritative server gives
// them, sampled (weight_sampling.h says how far a share may stray); the
// health checks and alarms the plan names, through the account's monitoring.
#include <map>

#include "planner/gates/live_gate_checker.h"
#include "planner/gates/weight_sampling.h"

namespace cutover::planner {
namespace {

Result<void> needs_weights(const Gate& gate) {
  if (gate.zones.empty() || !gate.name || !gate.type || !gate.weights) {
    return fail(ErrorCode::Invalid, "gate '" + gate.description + "' needs a zone, a name, a type and weights");
  }
  return {};
}

}  // namespace

Result<GateResult> LiveGateChecker::weights_are(const Gate& gate) {
  if (auto ok = needs_weights(gate); !ok) return std::unexpected(ok.error());
  auto provider = zone(gate.zones[0]);
  if (!provider) return std::unexpected(provider.error());
  auto listed = (*provider)->list();
  if (!listed) return fail(ErrorCode::Provider, "listing zone '" + gate.zones[0] + "': " + listed.error().message);
  auto differences = live::weight_differences(*listed, *gate.name, *gate.type, gate.weights->sets, gate.ttl.value_or(0));
  GateResult out{.holds = differences.empty(), .agreeing = differences.empty() ? 1 : 0, .asked = 1};
  out.evidence.push_back("zone '" + gate.zones[0] + "' lists " + gate.name->text() + " " + std::string(dns::to_string(*gate.type)) +
                         (differences.empty() ? " weighted " + weights_text(gate.weights->sets) : " otherwise than the step:"));
  out.evidence.insert(out.evidence.end(), differences.begin(), differences.end());
  return out;
}

Result<GateResult> LiveGateChecker::weighted_answers(const Gate& gate) {
  if (auto ok = needs_weights(gate); !ok) return std::unexpected(ok.error());
  auto servers = servers_of(gate.zones[0]);
  if (!servers) return std::unexpected(servers.error());
  if (servers->empty()) return GateResult{.holds = false, .undecided = true, .evidence = {"zone '" + gate.zones[0] + "' has no server"}};
  dns::Question question{.name = *gate.name, .type = *gate.type};
  const auto& sets = gate.weights->sets;
  std::vector<dns::ProbeRequest> requests;
  for (std::uint32_t i = 0; i < gate.weights->samples_per_server; ++i) {
    for (const auto& s : *servers) requests.push_back({.server = s, .question = question});
  }
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  std::map<std::string, live::ServerSample> samples;
  for (const auto& s : *servers) {
    auto key = dns::to_string(s);
    samples[key] = live::ServerSample{.server = key, .counts = std::vector<std::size_t>(sets.size(), 0)};
  }
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto& sample = samples[dns::to_string(requests[i].server)];
    const auto& o = (*outcomes)[i];
    if (live::judge(o, true) == live::Seen::Silent) {
      ++sample.silent;
      continue;
    }
    auto values = live::answer_values(o, question);
    auto which = o.kind == dns::OutcomeKind::Answer ? live::matching_set(values, sets) : std::nullopt;
    if (which) {
      ++sample.counts[*which];
    } else {
      ++sample.strays;
      if (sample.stray_example.empty()) sample.stray_example = live::answer_line(sample.server, question, o);
    }
  }
  live::Tally tally;
  for (const auto& [server, sample] : samples) {
    auto [seen, line] = live::judge_sample(sample, sets);
    tally.add(seen, line);
  }
  auto out = tally.result();
  out.evidence.insert(out.evidence.begin() + (out.evidence.empty() ? 0 : 1),
                      "weights " + weights_text(sets) + ", " + std::to_string(gate.weights->samples_per_server) +
                          " samples per server, shares within " + std::to_string(static_cast<int>(live::kShareSigmas)) +
                          " standard deviations of the binomial");
  return out;
}

Result<GateResult> LiveGateChecker::health_check_healthy(const Gate& gate) {
  auto it = providers_.monitors.find(gate.account);
  if (it == providers_.monitors.end() || !it->second) return fail(ErrorCode::Invalid, "no monitoring for account '" + gate.account + "'");
  auto state = it->second->health_check(gate.expected);
  if (!state) return fail(ErrorCode::Provider, "health check " + gate.expected + ": " + state.error().message);
  std::string line = "health check " + gate.expected + " is " + (state->healthy ? "healthy" : "UNHEALTHY") + ": " +
                     std::to_string(state->succeeding) + "/" + std::to_string(state->checkers) + " checkers report success";
  if (!state->sample.empty()) line += " (" + state->sample + ")";
  return GateResult{.holds = state->healthy, .evidence = {line}, .agreeing = state->healthy ? 1 : 0, .asked = 1};
}

Result<GateResult> LiveGateChecker::alarm_not_firing(const Gate& gate) {
  auto it = providers_.monitors.find(gate.account);
  if (it == providers_.monitors.end() || !it->second) return fail(ErrorCode::Invalid, "no monitoring for account '" + gate.account + "'");
  auto alarm = it->second->alarm(gate.expected);
  if (!alarm) return fail(ErrorCode::Provider, "alarm '" + gate.expected + "': " + alarm.error().message);
  // An alarm that does not exist watches nothing: the gate cannot vouch for the step.
  if (!*alarm) {
    return GateResult{.holds = false, .evidence = {"no CloudWatch alarm named '" + gate.expected + "' in account '" + gate.account + "'"}};
  }
  const auto& a = **alarm;
  bool holds = a.level == AlarmLevel::Ok || a.level == AlarmLevel::InsufficientData;
  std::string line = "alarm '" + gate.expected + "' is " + a.state + (a.since.empty() ? "" : " since " + a.since);
  if (!a.reason.empty()) line += ": " + a.reason;
  return GateResult{.holds = holds, .evidence = {line}, .agreeing = holds ? 1 : 0, .asked = 1};
}

}  // namespace cutover::planner
