#include "planner/steps/facts.h"

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

namespace {

void put(std::map<std::string, std::string>& out, const std::string& key, const TtlFact& fact) {
  out[key] = std::to_string(fact.value);
  out[key + ".source"] = fact.source;
}

Result<TtlFact> take(const std::map<std::string, std::string>& data, const std::string& key) {
  auto it = data.find(key);
  if (it == data.end()) return fail(ErrorCode::Corrupt, "journal facts lack " + key);
  try {
    auto source = data.contains(key + ".source") ? data.at(key + ".source") : std::string("journal");
    return TtlFact{.value = static_cast<std::uint32_t>(std::stoul(it->second)), .source = source};
  } catch (const std::exception&) {
    return fail(ErrorCode::Corrupt, "journal fact " + key + " is not a number: " + it->second);
  }
}

}  // namespace

std::map<std::string, std::string> facts_to_data(const Facts& facts) {
  std::map<std::string, std::string> out;
  put(out, "parent_ns_ttl", facts.parent_ns_ttl);
  put(out, "max_record_ttl", facts.max_record_ttl);
  put(out, "db_pointer_ttl", facts.db_pointer_ttl);
  for (const auto& [zone, fact] : facts.zone_ns_ttl) put(out, "zone_ns_ttl." + zone, fact);
  out["ds_at_parent"] = facts.ds_at_parent ? "true" : "false";
  out["ds_source"] = facts.ds_source;
  out["offline"] = facts.offline ? "true" : "false";
  return out;
}

Result<Facts> facts_from_data(const std::map<std::string, std::string>& data) {
  Facts facts;
  for (auto [key, field] : {std::pair{"parent_ns_ttl", &facts.parent_ns_ttl}, std::pair{"max_record_ttl", &facts.max_record_ttl},
                            std::pair{"db_pointer_ttl", &facts.db_pointer_ttl}}) {
    auto fact = take(data, key);
    if (!fact) return std::unexpected(fact.error());
    *field = *fact;
  }
  for (const auto& [key, value] : data) {
    if (!key.starts_with("zone_ns_ttl.") || key.ends_with(".source")) continue;
    auto fact = take(data, key);
    if (!fact) return std::unexpected(fact.error());
    facts.zone_ns_ttl[key.substr(12)] = *fact;
  }
  facts.ds_at_parent = data.contains("ds_at_parent") && data.at("ds_at_parent") == "true";
  facts.ds_source = data.contains("ds_source") ? data.at("ds_source") : "";
  facts.offline = data.contains("offline") && data.at("offline") == "true";
  return facts;
}

}  // namespace cutover::planner
