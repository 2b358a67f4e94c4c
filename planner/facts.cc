#include "planner/facts.h"

namespace cutover::planner {
namespace {
constexpr const char* kAssumed = "assumed";
}

TtlFact Facts::zone_ttl(const std::string& key) const {
  auto it = zone_ns_ttl.find(key);
  if (it != zone_ns_ttl.end()) return it->second;
  return zone_ns_ttl.contains("") ? zone_ns_ttl.at("") : TtlFact{.value = 172800, .source = kAssumed};
}

Facts assumed_facts(const Plan& plan) {
  Facts facts;
  facts.parent_ns_ttl = {.value = plan.assume.parent_ns_ttl, .source = kAssumed};
  facts.zone_ns_ttl[""] = {.value = plan.assume.zone_ns_ttl, .source = kAssumed};
  facts.max_record_ttl = {.value = plan.assume.max_record_ttl, .source = kAssumed};
  facts.db_pointer_ttl = {.value = plan.assume.db_pointer_ttl, .source = kAssumed};
  facts.ds_at_parent = plan.assume.ds_at_parent;
  facts.ds_source = kAssumed;
  facts.offline = true;
  return facts;
}

}  // namespace cutover::planner
