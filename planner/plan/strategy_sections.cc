// Reader for the plan's "strategies" array: one reader per strategy type.
#include "planner/plan/sections.h"

namespace cutover::planner::detail {
namespace {

constexpr std::int64_t kMinTtl = 30;
constexpr std::int64_t kMaxTtl = 172800;

std::optional<std::uint32_t> ttl(JsonFields& in, const nlohmann::json& value, const std::string& at, std::string_view key) {
  auto number = in.integer(value, at, key, Need::Optional, kMinTtl, kMaxTtl);
  if (!number) return std::nullopt;
  return static_cast<std::uint32_t>(*number);
}

Strategy read_sub_delegation(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at, {"type", "child", "child_zone", "parents", "copy_from", "remove_occluded"});
  SubDelegation s;
  if (auto child = in.name(value, at, "child", Need::Required)) s.child = *child;
  if (auto zone = in.string(value, at, "child_zone", Need::Required)) s.child_zone = *zone;
  if (auto parents = in.strings(value, at, "parents", Need::Required)) s.parents = *parents;
  if (auto from = in.string(value, at, "copy_from", Need::Optional))
    s.copy_from = *from;
  else if (!s.parents.empty())
    s.copy_from = s.parents.front();
  if (auto remove = in.boolean(value, at, "remove_occluded")) s.remove_occluded = *remove;
  return s;
}

Strategy read_nameserver_switch(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at, {"type", "from", "to", "lower_ttl_to", "restore_ttl", "copy_records", "dnssec_handled", "retire_old_zone"});
  NameserverSwitch s;
  if (auto from = in.string(value, at, "from", Need::Required)) s.from_zone = *from;
  if (auto to = in.string(value, at, "to", Need::Required)) s.to_zone = *to;
  s.lower_ttl_to = ttl(in, value, at, "lower_ttl_to");
  s.restore_ttl = ttl(in, value, at, "restore_ttl");
  if (auto copy = in.boolean(value, at, "copy_records")) s.copy_records = *copy;
  if (auto dnssec = in.boolean(value, at, "dnssec_handled")) s.dnssec_handled = *dnssec;
  if (auto retire = in.boolean(value, at, "retire_old_zone")) s.retire_old_zone = *retire;
  return s;
}

Strategy read_domain_transfer(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at, {"type", "from_account", "to_account", "when"});
  DomainTransfer s;
  if (auto from = in.string(value, at, "from_account", Need::Required)) s.from_account = *from;
  if (auto to = in.string(value, at, "to_account", Need::Required)) s.to_account = *to;
  if (auto when = in.choice(value, at, "when", Need::Optional, {"after-switch", "before-switch"})) {
    s.timing = *when == "before-switch" ? TransferTiming::BeforeSwitch : TransferTiming::AfterSwitch;
  }
  return s;
}

Strategy read_db_pointer(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at,
                {"type", "name", "zone", "mode", "old_target", "new_target", "account", "new_cluster", "source_cluster", "instance_class",
                 "clean_aborted", "lower_ttl_to"});
  DbPointer s;
  if (auto name = in.name(value, at, "name", Need::Required)) s.name = *name;
  if (auto zone = in.string(value, at, "zone", Need::Required)) s.zone = *zone;
  auto mode = in.choice(value, at, "mode", Need::Optional, {"migrate", "daily-clone"});
  s.mode = mode && *mode == "daily-clone" ? DbPointerMode::DailyClone : DbPointerMode::Migrate;
  if (auto account = in.string(value, at, "account", Need::Required)) s.account = *account;
  auto need_migrate = s.mode == DbPointerMode::Migrate ? Need::Required : Need::Optional;
  if (auto old_target = in.string(value, at, "old_target", need_migrate)) s.old_target = *old_target;
  if (auto new_target = in.string(value, at, "new_target", need_migrate)) s.new_target = *new_target;
  s.new_cluster = in.string(value, at, "new_cluster", Need::Optional);
  auto need_clone = s.mode == DbPointerMode::DailyClone ? Need::Required : Need::Optional;
  s.source_cluster = in.string(value, at, "source_cluster", need_clone);
  if (auto cls = in.string(value, at, "instance_class", Need::Optional)) s.instance_class = *cls;
  if (auto clean = in.boolean(value, at, "clean_aborted")) s.clean_aborted = *clean;
  s.lower_ttl_to = ttl(in, value, at, "lower_ttl_to");
  return s;
}

}  // namespace

void read_strategies(JsonFields& in, const nlohmann::json& doc, Plan& plan) {
  if (!doc.contains("strategies")) {
    in.problem("/strategies", "is required");
    return;
  }
  const auto& list = doc["strategies"];
  if (!list.is_array() || list.empty()) {
    in.problem("/strategies", "expected a non-empty array of strategies");
    return;
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto at = child_pointer("/strategies", i);
    const auto& value = list[i];
    if (!in.is_object(value, at)) continue;
    auto type = in.choice(value, at, "type", Need::Required,
                          {"sub-delegation", "nameserver-switch", "domain-transfer", "db-pointer", "weighted-shift", "records"});
    if (!type) continue;
    if (*type == "sub-delegation")
      plan.strategies.push_back(read_sub_delegation(in, value, at));
    else if (*type == "nameserver-switch")
      plan.strategies.push_back(read_nameserver_switch(in, value, at));
    else if (*type == "domain-transfer")
      plan.strategies.push_back(read_domain_transfer(in, value, at));
    else if (*type == "weighted-shift")
      plan.strategies.push_back(read_weighted_shift(in, value, at));
    else if (*type == "records")
      plan.strategies.push_back(read_records(in, value, at));
    else
      plan.strategies.push_back(read_db_pointer(in, value, at));
  }
}

}  // namespace cutover::planner::detail
