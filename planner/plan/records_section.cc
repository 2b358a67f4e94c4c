// Reader and cross-checks of a `records` strategy (S5: names in bulk):
//
//   {"type": "records", "zone": "dev",
//    "matrix": {"env": ["a", "b"], "app": ["x", "y", "z"]},
//    "records": [{"name": "{env}-{app}.dev.example.com", "type": "CNAME", "ttl": 60,
//                 "value": "{app}.{env}.lb.example.com"}],
//    "delete": [{"name": "old.dev.example.com", "type": "CNAME"}],
//    "large_change": {"max_percent": 30, "min_existing": 10}}
#include "planner/plan/records_matrix.h"
#include "planner/plan/sections.h"

namespace cutover::planner::detail {
namespace {

constexpr std::int64_t kMaxTtl = 172800;

std::optional<dns::RecordType> record_type(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  auto text = in.string(value, at, "type", Need::Required);
  if (!text) return std::nullopt;
  auto type = dns::parse_record_type(*text);
  if (!type) in.problem(child_pointer(at, "type"), "'" + *text + "' is not a record type");
  return type;
}

std::optional<AliasSpec> read_alias(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  if (!value.contains("alias")) return std::nullopt;
  auto alias_at = child_pointer(at, "alias");
  const auto& alias = value["alias"];
  if (!in.is_object(alias, alias_at)) return std::nullopt;
  in.allow_only(alias, alias_at, {"target", "hosted_zone_id", "evaluate_target_health"});
  AliasSpec out;
  if (auto target = in.string(alias, alias_at, "target", Need::Required)) out.target = *target;
  out.hosted_zone_id = in.string(alias, alias_at, "hosted_zone_id", Need::Optional);
  if (auto evaluate = in.boolean(alias, alias_at, "evaluate_target_health")) out.evaluate_target_health = *evaluate;
  return out;
}

RecordTemplate read_template(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at, {"name", "type", "ttl", "value", "values", "alias"});
  RecordTemplate out;
  if (auto name = in.string(value, at, "name", Need::Required)) out.name = *name;
  if (auto type = record_type(in, value, at)) out.type = *type;
  if (auto ttl = in.integer(value, at, "ttl", Need::Optional, 1, kMaxTtl)) out.ttl = static_cast<std::uint32_t>(*ttl);
  if (value.contains("value") && value.contains("values")) in.problem(child_pointer(at, "values"), "give value or values, not both");
  if (auto one = in.string(value, at, "value", Need::Optional)) out.values = {*one};
  if (auto many = in.strings(value, at, "values", Need::Optional)) out.values = *many;
  out.alias = read_alias(in, value, at);
  return out;
}

void read_matrix(JsonFields& in, const nlohmann::json& value, const std::string& at, BulkRecords& out) {
  if (!value.contains("matrix")) return;
  auto matrix_at = child_pointer(at, "matrix");
  const auto& matrix = value["matrix"];
  if (!in.is_object(matrix, matrix_at)) return;
  for (const auto& [var, values] : matrix.items()) {
    if (auto list = in.strings(matrix, matrix_at, var, Need::Required)) out.matrix[var] = *list;
  }
}

template <class Read>
void read_list(JsonFields& in, const nlohmann::json& value, const std::string& at, std::string_view key, Read read) {
  if (!value.contains(std::string(key))) return;
  auto list_at = child_pointer(at, key);
  const auto& list = value[std::string(key)];
  if (!list.is_array()) {
    in.problem(list_at, "expected an array");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto item_at = child_pointer(list_at, i);
    if (in.is_object(list[i], item_at)) read(list[i], item_at);
  }
}

}  // namespace

Strategy read_records(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at, {"type", "zone", "matrix", "records", "delete", "large_change"});
  BulkRecords s;
  if (auto zone = in.string(value, at, "zone", Need::Required)) s.zone = *zone;
  read_matrix(in, value, at, s);
  read_list(in, value, at, "records",
            [&](const nlohmann::json& item, const std::string& item_at) { s.records.push_back(read_template(in, item, item_at)); });
  read_list(in, value, at, "delete", [&](const nlohmann::json& item, const std::string& item_at) {
    in.allow_only(item, item_at, {"name", "type"});
    RecordDeletion deletion;
    if (auto name = in.string(item, item_at, "name", Need::Required)) deletion.name = *name;
    if (auto type = record_type(in, item, item_at)) deletion.type = *type;
    s.deletions.push_back(std::move(deletion));
  });
  if (s.records.empty() && s.deletions.empty()) in.problem(at, "lists no record set to change: give records or delete");
  if (value.contains("large_change")) {
    auto rule_at = child_pointer(at, "large_change");
    const auto& rule = value["large_change"];
    if (in.is_object(rule, rule_at)) {
      in.allow_only(rule, rule_at, {"max_percent", "min_existing"});
      if (auto percent = in.integer(rule, rule_at, "max_percent", Need::Optional, 0, 100)) s.large_change.max_percent = double(*percent);
      if (auto least = in.integer(rule, rule_at, "min_existing", Need::Optional, 0, 1000000))
        s.large_change.min_existing = static_cast<std::size_t>(*least);
    }
  }
  return s;
}

void check_records(JsonFields& in, const Plan& plan, std::size_t i, const BulkRecords& s) {
  auto at = child_pointer("/strategies", i);
  auto it = plan.zones.find(s.zone);
  if (it == plan.zones.end()) {
    in.problem(child_pointer(at, "zone"), "names zone '" + s.zone + "', which /zones does not define");
    return;
  }
  const Zone& zone = it->second;
  auto expanded = expand_records(s, zone.name, {.aliases = zone.provider_kind() == ZoneProvider::Route53, .at = at});
  for (auto& problem : expanded.problems) in.problem(std::move(problem.pointer), std::move(problem.message));
}

}  // namespace cutover::planner::detail
