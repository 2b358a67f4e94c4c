#include "planner/providers/route53_records.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "dns/record_type.h"

namespace cutover::planner {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters sent literally inside a label: a-z 0-9 - _ (aws-apis.md 3.0;
// letters lower-case, as Route 53 stores them) and the wildcard '*', which
// Route 53 takes as it is. Everything else, a dot inside a label included,
// is sent as an octal escape.
bool route53_literal(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*'; }

// Characters presentation form can hold unescaped inside a label.
bool presentation_literal(unsigned char c) {
  return c > 0x20 && c < 0x7f && c != '.' && c != '\\' && c != '"' && c != '(' && c != ')' && c != ';' && c != '@' && c != '$';
}

std::string escaped(unsigned char c, bool octal) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, octal ? "\\%03o" : "\\%03u", static_cast<unsigned>(c));
  return buffer;
}

}  // namespace

Result<dns::DomainName> name_from_route53(std::string_view in) {
  std::string text;
  for (size_t i = 0; i < in.size(); ++i) {
    bool octal = in[i] == '\\' && i + 3 < in.size() && is_digit(in[i + 1]) && is_digit(in[i + 2]) && is_digit(in[i + 3]);
    if (!octal) {
      text += in[i];
      continue;
    }
    auto c = static_cast<unsigned char>((in[i + 1] - '0') * 64 + (in[i + 2] - '0') * 8 + (in[i + 3] - '0'));
    text += presentation_literal(c) ? std::string(1, static_cast<char>(std::tolower(c))) : escaped(c, false);
    i += 3;
  }
  auto name = dns::DomainName::parse(text);
  if (!name) return fail(ErrorCode::Provider, "Route 53 returned a record name that is not a domain name: '" + std::string(in) + "'");
  return *name;
}

std::string name_to_route53(const dns::DomainName& name) {
  const std::string& in = name.text();
  std::string out;
  auto label_byte = [&out](unsigned char c) {
    c = static_cast<unsigned char>(std::tolower(c));
    out += route53_literal(c) ? std::string(1, static_cast<char>(c)) : escaped(c, true);
  };
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c == '\\' && i + 3 < in.size() && is_digit(in[i + 1]) && is_digit(in[i + 2]) && is_digit(in[i + 3])) {
      label_byte(static_cast<unsigned char>((in[i + 1] - '0') * 100 + (in[i + 2] - '0') * 10 + (in[i + 3] - '0')));
      i += 3;
    } else if (c == '\\' && i + 1 < in.size()) {
      label_byte(static_cast<unsigned char>(in[++i]));
    } else if (c == '.') {
      out.push_back('.');
    } else {
      label_byte(c);
    }
  }
  return out;
}

const std::vector<dns::RecordType>& route53_types() {
  using T = dns::RecordType;
  static const std::vector<T> kTypes{T::A,   T::AAAA, T::CAA, T::CNAME, T::DS,    T::HTTPS, T::MX,   T::NAPTR, T::NS,
                                     T::PTR, T::SOA,  T::SPF, T::SRV,   T::SSHFP, T::SVCB,  T::TLSA, T::TXT};
  return kTypes;
}

bool route53_accepts(dns::RecordType type) { return std::ranges::find(route53_types(), type) != route53_types().end(); }

namespace {

namespace r53 = aws::route53;

Result<std::optional<Failover>> failover_from_route53(const std::string& text, std::string_view where) {
  if (text.empty()) return std::optional<Failover>{};
  if (text == "PRIMARY") return std::optional<Failover>(Failover::Primary);
  if (text == "SECONDARY") return std::optional<Failover>(Failover::Secondary);
  return fail(ErrorCode::Provider,
              "Route 53 returned failover '" + text + "' for " + std::string(where) + " (PRIMARY or SECONDARY expected)");
}

std::optional<GeoProximity> geoproximity_from_route53(const std::optional<r53::GeoProximityLocation>& g) {
  if (!g) return std::nullopt;
  std::optional<int> bias;
  if (g->bias) bias = static_cast<int>(*g->bias);
  return GeoProximity{.aws_region = g->aws_region,
                      .local_zone_group = g->local_zone_group,
                      .latitude = g->latitude,
                      .longitude = g->longitude,
                      .bias = bias};
}

bool has_routing(const r53::RecordSet& r) {
  return !r.set_identifier.empty() || r.weight || !r.region.empty() || r.geo_location || !r.failover.empty() || r.multi_value_answer ||
         r.cidr_routing || r.geo_proximity;
}

Result<std::optional<Routing>> routing_from_route53(const r53::RecordSet& r) {
  if (!has_routing(r)) return std::optional<Routing>{};
  auto failover = failover_from_route53(r.failover, r.name + " " + r.type);
  if (!failover) return std::unexpected(failover.error());
  Routing routing{.set_identifier = r.set_identifier,
                  .region = r.region,
                  .failover = *failover,
                  .multivalue = r.multi_value_answer.value_or(false),
                  .geoproximity = geoproximity_from_route53(r.geo_proximity)};
  if (r.weight) routing.weight = static_cast<std::uint32_t>(*r.weight);
  if (r.geo_location) {
    routing.geolocation = GeoLocation{.continent = r.geo_location->continent_code,
                                      .country = r.geo_location->country_code,
                                      .subdivision = r.geo_location->subdivision_code};
  }
  if (r.cidr_routing)
    routing.cidr = CidrRouting{.collection_id = r.cidr_routing->collection_id, .location_name = r.cidr_routing->location_name};
  return std::optional<Routing>(std::move(routing));
}

Result<std::optional<AliasTarget>> alias_from_route53(const r53::RecordSet& r, const r53::HostedZoneId& zone_id) {
  if (!r.alias) return std::optional<AliasTarget>{};
  auto target = name_from_route53(r.alias->dns_name);
  if (!target) return std::unexpected(target.error());
  bool same_zone = !zone_id.value.empty() && r53::bare_id(r.alias->hosted_zone_id) == zone_id.value;
  return std::optional<AliasTarget>(AliasTarget{.name = *target,
                                                .hosted_zone_id = same_zone ? std::string{} : r53::bare_id(r.alias->hosted_zone_id),
                                                .same_zone = same_zone,
                                                .evaluate_target_health = r.alias->evaluate_target_health});
}

void routing_to_route53(const Routing& routing, r53::RecordSet& out) {
  out.set_identifier = routing.set_identifier;
  if (routing.weight) out.weight = static_cast<long>(*routing.weight);
  out.region = routing.region;
  if (routing.failover) out.failover = std::string(to_string(*routing.failover));
  if (routing.geolocation) {
    out.geo_location = r53::GeoLocation{.continent_code = routing.geolocation->continent,
                                        .country_code = routing.geolocation->country,
                                        .subdivision_code = routing.geolocation->subdivision};
  }
  if (routing.multivalue) out.multi_value_answer = true;
  if (routing.cidr)
    out.cidr_routing = r53::CidrRoutingConfig{.collection_id = routing.cidr->collection_id, .location_name = routing.cidr->location_name};
  if (const auto& g = routing.geoproximity) {
    std::optional<long> bias;
    if (g->bias) bias = *g->bias;
    out.geo_proximity = r53::GeoProximityLocation{.aws_region = g->aws_region,
                                                  .local_zone_group = g->local_zone_group,
                                                  .latitude = g->latitude,
                                                  .longitude = g->longitude,
                                                  .bias = bias};
  }
}

}  // namespace

Result<Rrset> rrset_from_route53(const r53::RecordSet& record, const r53::HostedZoneId& zone_id) {
  auto type = dns::parse_record_type(record.type);
  if (!type)
    return fail(ErrorCode::Provider, "Route 53 returned " + record.name + " of type '" + record.type + "', which is no record type");
  auto name = name_from_route53(record.name);
  if (!name) return std::unexpected(name.error());
  auto alias = alias_from_route53(record, zone_id);
  if (!alias) return std::unexpected(alias.error());
  auto routing = routing_from_route53(record);
  if (!routing) return std::unexpected(routing.error());
  return Rrset{.name = *name,
               .type = *type,
               .ttl = static_cast<std::uint32_t>(record.ttl.value_or(0)),
               .values = record.values,
               .alias = std::move(*alias),
               .routing = std::move(*routing),
               .health_check_id = record.health_check_id,
               .traffic_policy_instance_id = record.traffic_policy_instance_id};
}

r53::Change change_to_route53(const RrsetChange& change, const r53::HostedZoneId& zone_id) {
  const Rrset& r = change.rrset;
  r53::RecordSet record{.name = name_to_route53(r.name), .type = std::string(dns::to_string(r.type))};
  if (r.routing) routing_to_route53(*r.routing, record);
  if (r.alias) {
    record.alias = r53::AliasTarget{.hosted_zone_id = r.alias->same_zone ? zone_id.value : r.alias->hosted_zone_id,
                                    .dns_name = name_to_route53(r.alias->name),
                                    .evaluate_target_health = r.alias->evaluate_target_health};
  } else {
    record.ttl = static_cast<long>(r.ttl);
    record.values = r.values;
  }
  record.health_check_id = r.health_check_id;
  record.traffic_policy_instance_id = r.traffic_policy_instance_id;
  auto action = [&] {
    switch (change.kind) {
      case ChangeKind::Create: return r53::ChangeAction::Create;
      case ChangeKind::Upsert: return r53::ChangeAction::Upsert;
      case ChangeKind::Delete: return r53::ChangeAction::Delete;
    }
    return r53::ChangeAction::Upsert;
  }();
  return r53::Change{.action = action, .record = std::move(record)};
}

std::vector<aws::route53::Change> deletions_for_zone_removal(const std::vector<aws::route53::RecordSet>& records,
                                                             const dns::DomainName& apex) {
  std::vector<aws::route53::Change> out;
  for (const auto& record : records) {
    auto name = name_from_route53(record.name);
    bool at_apex = name && *name == apex;
    if (at_apex && (record.type == "NS" || record.type == "SOA")) continue;  // Route 53 deletes these with the zone
    out.push_back({.action = aws::route53::ChangeAction::Delete, .record = record});
  }
  return out;
}

namespace {

Fault fault_of(aws::ErrorCode code) {
  switch (code) {
    case aws::ErrorCode::Throttled: return Fault::Throttled;
    case aws::ErrorCode::Auth: return Fault::Auth;
    case aws::ErrorCode::NotFound: return Fault::NotFound;
    case aws::ErrorCode::Conflict: return Fault::Conflict;
    case aws::ErrorCode::Invalid: return Fault::Invalid;
    case aws::ErrorCode::Service:
    case aws::ErrorCode::Transport: return Fault::Unavailable;
    case aws::ErrorCode::Corrupt:
    case aws::ErrorCode::Io: return Fault::None;
  }
  return Fault::None;
}

}  // namespace

Error provider_error(std::string_view what, const aws::Error& error) {
  return Error{.code = ErrorCode::Provider, .message = std::string(what) + ": " + aws::describe(error), .fault = fault_of(error.code)};
}

}  // namespace cutover::planner
