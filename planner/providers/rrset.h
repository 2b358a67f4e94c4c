#pragma once
// A record set as providers hold it, and a change to one: the vocabulary
// shared by the providers, the record operations and the steps.
//
// Beyond name, type, TTL and values, a record set may be an alias (its
// provider answers with the target's records) and may carry a routing policy
// (several sets share a name and type, told apart by their set identifier).
// Both are described here in provider-neutral terms, so that a copy carries
// them whole or refuses them by name (copy_review.h), never drops them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"

namespace cutover::planner {

/// Where an alias points. A target in the zone that holds the alias is kept
/// as `same_zone` without an id: a copy into another zone then points at a
/// record of *that* zone (Route 53 wants the new zone's own id there).
struct AliasTarget {
  dns::DomainName name{};
  std::string hosted_zone_id{};  // the target's canonical zone id; empty when same_zone
  bool same_zone{false};
  bool evaluate_target_health{false};
  friend bool operator==(const AliasTarget&, const AliasTarget&) = default;
};

enum class Failover { Primary, Secondary };

/// "PRIMARY", "SECONDARY".
std::string_view to_string(Failover failover);

/// Geolocation routing: a continent, or a country (and a subdivision of it);
/// country "*" is the default location.
struct GeoLocation {
  std::string continent{};
  std::string country{};
  std::string subdivision{};
  friend bool operator==(const GeoLocation&, const GeoLocation&) = default;
};

/// Geoproximity routing: one of an AWS region, a Local Zone group or
/// coordinates (decimal text, as given), with an optional bias (-99..99).
struct GeoProximity {
  std::string aws_region{};
  std::string local_zone_group{};
  std::string latitude{};
  std::string longitude{};
  std::optional<int> bias{};
  friend bool operator==(const GeoProximity&, const GeoProximity&) = default;
};

/// IP-based routing: a location of a CIDR collection, an account resource.
struct CidrRouting {
  std::string collection_id{};
  std::string location_name{};
  friend bool operator==(const CidrRouting&, const CidrRouting&) = default;
};

/// A routing policy. Exactly one policy field is set on a well-formed set.
struct Routing {
  std::string set_identifier{};
  std::optional<std::uint32_t> weight{};  // weighted, 0..255
  std::string region{};                   // latency
  std::optional<Failover> failover{};
  std::optional<GeoLocation> geolocation{};
  bool multivalue{false};
  std::optional<CidrRouting> cidr{};
  std::optional<GeoProximity> geoproximity{};
  friend bool operator==(const Routing&, const Routing&) = default;
};

/// One RRset as a provider holds it; values in presentation form
/// ("192.0.2.1", "ns1.example.com.", "10 mail.example.com."). An alias has
/// no values and TTL 0.
struct Rrset {
  dns::DomainName name{};
  dns::RecordType type{dns::RecordType::A};
  std::uint32_t ttl{300};
  std::vector<std::string> values{};
  std::optional<AliasTarget> alias{};
  std::optional<Routing> routing{};
  std::string health_check_id{};             // an account resource the set's answers depend on
  std::string traffic_policy_instance_id{};  // made by a traffic policy instance, not by hand
  friend bool operator==(const Rrset&, const Rrset&) = default;

  /// The routing policy's set identifier; "" for a simple set.
  const std::string& set_identifier() const;
};

/// What tells record sets apart in a zone: name, type and set identifier.
struct RrsetKey {
  dns::DomainName name{};
  dns::RecordType type{dns::RecordType::A};
  std::string set_identifier{};
  friend bool operator==(const RrsetKey&, const RrsetKey&) = default;
};

/// The identity of `rrset`.
RrsetKey key_of(const Rrset& rrset);

/// "www.example.com. A" or "www.example.com. A set 'eu-west'", for messages.
std::string describe(const RrsetKey& key);

/// What a change does to a record set. Create fails at providers that check
/// (Route 53) when the set exists; Upsert creates or replaces.
enum class ChangeKind { Create, Upsert, Delete };

/// "CREATE", "UPSERT", "DELETE" (Route 53's words, used in every rendering).
std::string_view to_string(ChangeKind kind);

struct RrsetChange {
  ChangeKind kind{ChangeKind::Upsert};
  Rrset rrset{};
};

}  // namespace cutover::planner
