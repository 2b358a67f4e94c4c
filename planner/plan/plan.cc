#include "planner/plan/plan.h"

#include <cstdint>
#include <cstdio>

namespace cutover::planner {

bool Zone::created_by_plan() const {
  const auto* r53 = std::get_if<Route53Zone>(&provider);
  return r53 != nullptr && !r53->hosted_zone_id.has_value();
}

ZoneProvider Zone::provider_kind() const {
  return std::holds_alternative<Route53Zone>(provider) ? ZoneProvider::Route53 : ZoneProvider::Rfc2136;
}

std::string zone_caller_reference(const Plan& plan, const std::string& key) { return "cutover-" + plan.domain.without_dot() + "-" + key; }

// FNV-1a: the same digits on every machine and every build (std::hash is not).
std::string health_check_reference_prefix(const Plan& plan, const std::string& key) {
  std::uint32_t hash = 2166136261u;
  for (unsigned char c : plan.domain.text() + "/" + key) hash = (hash ^ c) * 16777619u;
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", hash);
  return "cutover-hc-" + std::string(hex) + "-";
}

std::string_view strategy_type_name(const Strategy& strategy) {
  switch (strategy.index()) {
    case 0: return "sub-delegation";
    case 1: return "nameserver-switch";
    case 2: return "domain-transfer";
    case 3: return "db-pointer";
    case 4: return "weighted-shift";
    default: return "records";
  }
}

}  // namespace cutover::planner
