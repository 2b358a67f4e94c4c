// Readers for the plan's accounts, zones, registrar and settings sections.
#include "planner/plan/sections.h"

namespace cutover::planner::detail {
namespace {

constexpr std::uint32_t kMinTtl = 30;
constexpr std::uint32_t kMaxTtl = 172800;
constexpr std::int64_t kMaxSeconds = 365LL * 24 * 3600;

bool is_account_id(const std::string& text) { return text.size() == 12 && text.find_first_not_of("0123456789") == std::string::npos; }

void read_account(JsonFields& in, const nlohmann::json& value, const std::string& at, Account& account) {
  in.allow_only(value, at, {"profile", "role_arn", "external_id", "region", "endpoint_url", "account_id"});
  if (auto profile = in.string(value, at, "profile", Need::Required)) account.profile = *profile;
  account.role_arn = in.string(value, at, "role_arn", Need::Optional);
  if (account.role_arn && !account.role_arn->starts_with("arn:aws")) {
    in.problem(child_pointer(at, "role_arn"), "'" + *account.role_arn + "' is not a role ARN (arn:aws:iam::ACCOUNT:role/NAME)");
  }
  account.external_id = in.string(value, at, "external_id", Need::Optional);
  if (account.external_id && !account.role_arn) {
    in.problem(child_pointer(at, "external_id"), "external_id needs role_arn");
  }
  if (auto region = in.string(value, at, "region", Need::Optional)) account.region = *region;
  account.endpoint_url = in.string(value, at, "endpoint_url", Need::Optional);
  if (account.endpoint_url && !account.endpoint_url->starts_with("http://") && !account.endpoint_url->starts_with("https://")) {
    in.problem(child_pointer(at, "endpoint_url"), "must start with http:// or https://");
  }
  account.account_id = in.string(value, at, "account_id", Need::Optional);
  if (account.account_id && !is_account_id(*account.account_id)) {
    in.problem(child_pointer(at, "account_id"), "'" + *account.account_id + "' is not a 12-digit AWS account id");
  }
}

Route53Zone read_route53_zone(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at, {"name", "provider", "account", "hosted_zone_id", "servers"});
  Route53Zone zone;
  if (auto servers = in.strings(value, at, "servers", Need::Optional)) zone.servers = *servers;
  if (auto account = in.string(value, at, "account", Need::Required)) zone.account = *account;
  if (auto id = in.string(value, at, "hosted_zone_id", Need::Required)) {
    // Route 53 answers with "/hostedzone/Z..."; people paste either form.
    std::string bare = id->starts_with("/hostedzone/") ? id->substr(12) : *id;
    if (bare != "create") {
      if (bare.size() > 32 || bare.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") != std::string::npos) {
        in.problem(child_pointer(at, "hosted_zone_id"), "'" + *id + "' is neither a hosted zone id (Z...) nor \"create\"");
      } else {
        zone.hosted_zone_id = bare;
      }
    }
  }
  return zone;
}

Rfc2136Zone read_rfc2136_zone(JsonFields& in, const nlohmann::json& value, const std::string& at) {
  in.allow_only(value, at, {"name", "provider", "primaries", "servers", "nameservers", "tsig_key_file"});
  Rfc2136Zone zone;
  if (auto primaries = in.strings(value, at, "primaries", Need::Required)) zone.primaries = *primaries;
  if (auto servers = in.strings(value, at, "servers", Need::Required)) zone.servers = *servers;
  if (auto names = in.names(value, at, "nameservers", Need::Required)) zone.nameservers = *names;
  if (auto key = in.string(value, at, "tsig_key_file", Need::Required)) zone.tsig_key_file = *key;
  return zone;
}

}  // namespace

void read_accounts(JsonFields& in, const nlohmann::json& doc, Plan& plan) {
  if (!doc.contains("accounts")) return;
  const auto& accounts = doc["accounts"];
  if (!in.is_object(accounts, "/accounts")) return;
  for (const auto& [key, value] : accounts.items()) {
    auto at = child_pointer("/accounts", key);
    if (!in.is_object(value, at)) continue;
    Account account;
    read_account(in, value, at, account);
    plan.accounts[key] = std::move(account);
  }
}

void read_zones(JsonFields& in, const nlohmann::json& doc, Plan& plan) {
  if (!doc.contains("zones")) {
    in.problem("/zones", "is required");
    return;
  }
  const auto& zones = doc["zones"];
  if (!in.is_object(zones, "/zones")) return;
  if (zones.empty()) in.problem("/zones", "must name at least one zone");
  for (const auto& [key, value] : zones.items()) {
    auto at = child_pointer("/zones", key);
    if (!in.is_object(value, at)) continue;
    Zone zone{.key = key};
    if (auto name = in.name(value, at, "name", Need::Required)) zone.name = *name;
    auto provider = in.choice(value, at, "provider", Need::Required, {"route53", "rfc2136"});
    if (!provider) continue;
    if (*provider == "route53")
      zone.provider = read_route53_zone(in, value, at);
    else
      zone.provider = read_rfc2136_zone(in, value, at);
    plan.zones[key] = std::move(zone);
  }
}

void read_registrar(JsonFields& in, const nlohmann::json& doc, Plan& plan) {
  if (!doc.contains("registrar")) return;
  const auto& value = doc["registrar"];
  if (!in.is_object(value, "/registrar")) return;
  auto type = in.choice(value, "/registrar", "type", Need::Required, {"route53domains", "parent-zone"});
  if (!type) return;
  if (*type == "route53domains") {
    in.allow_only(value, "/registrar", {"type", "account"});
    if (auto account = in.string(value, "/registrar", "account", Need::Required)) {
      plan.registrar = Route53DomainsRegistrar{.account = *account};
    }
  } else {
    in.allow_only(value, "/registrar", {"type", "zone"});
    if (auto zone = in.string(value, "/registrar", "zone", Need::Required)) {
      plan.registrar = ParentZoneRegistrar{.zone = *zone};
    }
  }
}

void read_settings(JsonFields& in, const nlohmann::json& doc, Plan& plan) {
  if (doc.contains("verification") && in.is_object(doc["verification"], "/verification")) {
    const auto& v = doc["verification"];
    in.allow_only(v, "/verification", {"parent_servers", "root_hints", "resolvers", "timeout_ms", "attempts"});
    if (auto servers = in.strings(v, "/verification", "parent_servers", Need::Optional)) plan.verification.parent_servers = *servers;
    plan.verification.root_hints = in.string(v, "/verification", "root_hints", Need::Optional);
    if (auto resolvers = in.strings(v, "/verification", "resolvers", Need::Optional)) plan.verification.resolvers = *resolvers;
    if (auto ms = in.integer(v, "/verification", "timeout_ms", Need::Optional, 50, 60000))
      plan.verification.timeout = std::chrono::milliseconds(*ms);
    if (auto attempts = in.integer(v, "/verification", "attempts", Need::Optional, 1, 10))
      plan.verification.attempts = static_cast<int>(*attempts);
  }
  if (doc.contains("safety") && in.is_object(doc["safety"], "/safety")) {
    const auto& s = doc["safety"];
    in.allow_only(s, "/safety", {"lower_ttl_to", "margin_seconds", "retention_seconds"});
    if (auto ttl = in.integer(s, "/safety", "lower_ttl_to", Need::Optional, kMinTtl, kMaxTtl))
      plan.safety.lower_ttl_to = static_cast<std::uint32_t>(*ttl);
    if (auto margin = in.integer(s, "/safety", "margin_seconds", Need::Optional, 0, kMaxSeconds)) plan.safety.margin = Seconds(*margin);
    if (auto retention = in.integer(s, "/safety", "retention_seconds", Need::Optional, 0, kMaxSeconds))
      plan.safety.retention = Seconds(*retention);
  }
  if (doc.contains("assume") && in.is_object(doc["assume"], "/assume")) {
    const auto& a = doc["assume"];
    in.allow_only(a, "/assume", {"parent_ns_ttl", "zone_ns_ttl", "max_record_ttl", "db_pointer_ttl", "ds_at_parent"});
    auto ttl = [&](std::string_view key, std::uint32_t& out) {
      if (auto value = in.integer(a, "/assume", key, Need::Optional, 0, 2147483647)) out = static_cast<std::uint32_t>(*value);
    };
    ttl("parent_ns_ttl", plan.assume.parent_ns_ttl);
    ttl("zone_ns_ttl", plan.assume.zone_ns_ttl);
    ttl("max_record_ttl", plan.assume.max_record_ttl);
    ttl("db_pointer_ttl", plan.assume.db_pointer_ttl);
    if (auto ds = in.boolean(a, "/assume", "ds_at_parent")) plan.assume.ds_at_parent = *ds;
  }
}

}  // namespace cutover::planner::detail
