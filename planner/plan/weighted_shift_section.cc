// The "weighted-shift" strategy in the plan file: read, then checked against
// the rest of the plan. Every refusal names the field (its JSON pointer).
#include <algorithm>

#include "planner/plan/sections.h"

namespace cutover::planner::detail {
namespace {

constexpr std::int64_t kMaxWeight = 255;  // Route 53's Weight range is 0..255
constexpr std::size_t kMaxSetIdentifier = 128;

std::optional<ShiftAlias> read_alias(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  if (!value.contains("alias")) return std::nullopt;
  auto pointer = child_pointer(at, "alias");
  const auto& alias = value["alias"];
  if (!in.is_object(alias, pointer)) return std::nullopt;
  in.allow_only(alias, pointer, {"dns_name", "hosted_zone_id", "evaluate_target_health"});
  ShiftAlias out;
  if (auto name = in.name(alias, pointer, "dns_name", Need::Required)) out.name = *name;
  if (auto id = in.string(alias, pointer, "hosted_zone_id", Need::Required)) out.hosted_zone_id = *id;
  if (auto evaluate = in.boolean(alias, pointer, "evaluate_target_health")) out.evaluate_target_health = *evaluate;
  return out;
}

ShiftTarget read_target(JsonFields& in, const nlohmann::json& parent, const std::string& parent_at, std::string_view key) {
  ShiftTarget out;
  auto at = child_pointer(parent_at, key);
  if (!parent.contains(key)) {
    in.problem(at, "is required");
    return out;
  }
  const auto& value = parent[std::string(key)];
  if (!in.is_object(value, at)) return out;
  in.allow_only(value, at, {"set_identifier", "values", "alias", "answers", "health_check_id"});
  if (auto id = in.string(value, at, "set_identifier", Need::Required)) out.set_identifier = *id;
  if (out.set_identifier.size() > kMaxSetIdentifier) in.problem(child_pointer(at, "set_identifier"), "is longer than 128 characters");
  if (auto values = in.strings(value, at, "values", Need::Optional)) out.values = *values;
  out.alias = read_alias(in, value, at);
  if (auto answers = in.strings(value, at, "answers", Need::Optional)) out.answers = *answers;
  if (auto hc = in.string(value, at, "health_check_id", Need::Optional)) out.health_check_id = *hc;
  if (out.alias && !out.values.empty()) {
    in.problem(child_pointer(at, "values"), "a target is either values or an alias, not both");
  } else if (!out.alias && out.values.empty()) {
    in.problem(at, "needs values (the record set's values) or an alias");
  } else if (out.alias && out.answers.empty()) {
    // The DNS gate must know what a right answer is; an alias answers with
    // its target's records, which the plan alone does not tell.
    in.problem(child_pointer(at, "answers"), "an alias target needs the answers it resolves to (for the DNS sampling gate)");
  }
  if (!out.alias && out.answers.empty()) out.answers = out.values;
  return out;
}

std::vector<ShiftWeights> read_steps(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  std::vector<ShiftWeights> out;
  auto pointer = child_pointer(at, "steps");
  if (!value.contains("steps")) {
    in.problem(pointer, "is required: the weights of each step, e.g. [[100, 0], [90, 10], [50, 50], [0, 100]]");
    return out;
  }
  const auto& steps = value["steps"];
  if (!steps.is_array()) {
    in.problem(pointer, "expected an array of [from, to] weight pairs");
    return out;
  }
  for (std::size_t i = 0; i < steps.size(); ++i) {
    auto step_at = child_pointer(pointer, i);
    const auto& pair = steps[i];
    if (!pair.is_array() || pair.size() != 2) {
      in.problem(step_at, "expected [from, to]: two weights");
      continue;
    }
    ShiftWeights weights;
    bool ok = true;
    for (std::size_t j = 0; j < 2; ++j) {
      const auto& w = pair[j];
      if (!w.is_number_integer() || w.get<std::int64_t>() < 0 || w.get<std::int64_t>() > kMaxWeight) {
        in.problem(child_pointer(step_at, j), "a weight must be an integer 0..255 (Route 53's range)");
        ok = false;
        continue;
      }
      (j == 0 ? weights.from : weights.to) = static_cast<std::uint32_t>(w.get<std::int64_t>());
    }
    if (ok) out.push_back(weights);
  }
  return out;
}

// The share of answers the `to` target gets at a step.
double share_to(const ShiftWeights& w) { return static_cast<double>(w.to) / static_cast<double>(w.from + w.to); }

void check_steps(JsonFields& in, const WeightedShift& s, const std::string& at) {
  auto pointer = child_pointer(at, "steps");
  if (s.steps.size() < 2) {
    in.problem(pointer, "needs at least two steps: where the shift starts and where it ends");
    return;
  }
  for (std::size_t i = 0; i < s.steps.size(); ++i) {
    if (s.steps[i].from + s.steps[i].to == 0) {
      in.problem(child_pointer(pointer, i), "both weights are 0: Route 53 would answer both targets equally");
    }
  }
  if (s.steps.front().to != 0 || s.steps.front().from == 0) {
    in.problem(child_pointer(pointer, std::size_t{0}),
               "the first step must send every answer to 'from' ([N, 0] with N > 0): the shift starts where traffic is");
  }
  if (s.steps.back().from != 0 || s.steps.back().to == 0) {
    in.problem(child_pointer(pointer, s.steps.size() - 1), "the last step must send every answer to 'to' ([0, N] with N > 0)");
  }
  for (std::size_t i = 1; i < s.steps.size(); ++i) {
    const auto& prev = s.steps[i - 1];
    const auto& cur = s.steps[i];
    if (prev.from + prev.to == 0 || cur.from + cur.to == 0) continue;
    if (share_to(cur) <= share_to(prev)) {
      in.problem(child_pointer(pointer, i), "must give 'to' a larger share than the step before (a shift only moves forward)");
    }
  }
}

}  // namespace

Strategy read_weighted_shift(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at,
                {"type", "zone", "name", "record_type", "ttl", "from", "to", "steps", "soak_seconds", "samples_per_server", "health_checks",
                 "alarms", "monitor_account", "on_failure", "cleanup"});
  WeightedShift s;
  if (auto zone = in.string(value, at, "zone", Need::Required)) s.zone = *zone;
  if (auto name = in.name(value, at, "name", Need::Required)) s.name = *name;
  if (auto type = in.choice(value, at, "record_type", Need::Optional, {"A", "AAAA", "CNAME"})) {
    s.type = *dns::parse_record_type(*type);
  }
  // A short TTL is the point of a gradual shift (each step reaches resolvers
  // within it), so the floor is Route 53's 1 s, not the plan's usual 30 s.
  if (auto ttl = in.integer(value, at, "ttl", Need::Optional, 1, 172800)) s.ttl = static_cast<std::uint32_t>(*ttl);
  s.from = read_target(in, value, at, "from");
  s.to = read_target(in, value, at, "to");
  s.steps = read_steps(in, value, at);
  if (auto soak = in.integer(value, at, "soak_seconds", Need::Optional, 0, 7 * 24 * 3600)) s.soak = std::chrono::seconds(*soak);
  if (auto samples = in.integer(value, at, "samples_per_server", Need::Optional, 20, 10000)) {
    s.samples_per_server = static_cast<std::uint32_t>(*samples);
  }
  if (auto checks = in.strings(value, at, "health_checks", Need::Optional)) s.health_checks = *checks;
  if (auto alarms = in.strings(value, at, "alarms", Need::Optional)) s.alarms = *alarms;
  if (auto account = in.string(value, at, "monitor_account", Need::Optional)) s.monitor_account = *account;
  if (auto failure = in.choice(value, at, "on_failure", Need::Optional, {"stop", "rollback"})) {
    s.on_failure = *failure == "rollback" ? ShiftFailure::Rollback : ShiftFailure::Stop;
  }
  if (auto cleanup = in.boolean(value, at, "cleanup")) s.cleanup = *cleanup;
  if (!s.from.set_identifier.empty() && s.from.set_identifier == s.to.set_identifier) {
    in.problem(child_pointer(child_pointer(at, "to"), "set_identifier"), "must differ from the set_identifier of 'from'");
  }
  // A step that did not read leaves no index to name the others by: its own problem is enough.
  if (value.contains("steps") && value["steps"].is_array() && value["steps"].size() == s.steps.size()) check_steps(in, s, at);
  return s;
}

void check_weighted_shift(JsonFields& in, const Plan& plan, std::size_t i, const WeightedShift& s) {
  auto at = child_pointer("/strategies", i);
  auto it = plan.zones.find(s.zone);
  if (it == plan.zones.end()) {
    in.problem(child_pointer(at, "zone"), "names zone '" + s.zone + "', which /zones does not define");
  } else {
    const auto* r53 = std::get_if<Route53Zone>(&it->second.provider);
    if (r53 == nullptr) {
      in.problem(child_pointer(at, "zone"), "zone '" + s.zone +
                                                "' is an RFC 2136 zone: standard DNS servers cannot hold weighted record sets; "
                                                "shift between targets in a Route 53 zone, or switch at once with db-pointer");
    }
    if (!s.name.is_subdomain_of(it->second.name)) {
      in.problem(child_pointer(at, "name"), s.name.text() + " is not in zone '" + s.zone + "' (" + it->second.name.text() + ")");
    } else if (s.type == dns::RecordType::CNAME && s.name == it->second.name) {
      in.problem(child_pointer(at, "record_type"), "a CNAME cannot stand at the zone apex; use A/AAAA aliases");
    }
  }
  if (!s.monitor_account.empty() && !plan.accounts.contains(s.monitor_account)) {
    in.problem(child_pointer(at, "monitor_account"), "names account '" + s.monitor_account + "', which /accounts does not define");
  }
}

}  // namespace cutover::planner::detail
