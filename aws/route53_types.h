#pragma once
// Route 53 values in our own types (no XML here). Record types and names are
// kept as Route 53 writes them ("A", "\052.example.net."): dns/ and the
// planner convert; aws/ only moves them to and from the wire.

#include <optional>
#include <string>
#include <vector>

#include "aws/query_request.h"

namespace cutover::aws::route53 {

/// A bare hosted zone id ("Z0123..."), never "/hostedzone/Z0123...".
struct HostedZoneId {
  std::string value{};
  friend bool operator==(const HostedZoneId&, const HostedZoneId&) = default;
};

/// A bare change id ("C0123...").
struct ChangeId {
  std::string value{};
  friend bool operator==(const ChangeId&, const ChangeId&) = default;
};

/// Strips everything up to the last '/', as botocore does for id inputs.
std::string bare_id(std::string_view id);

/// An alias record's target.
struct AliasTarget {
  std::string hosted_zone_id{};
  std::string dns_name{};
  bool evaluate_target_health{false};
  friend bool operator==(const AliasTarget&, const AliasTarget&) = default;
};

/// Geolocation routing.
struct GeoLocation {
  std::string continent_code{};
  std::string country_code{};
  std::string subdivision_code{};
  friend bool operator==(const GeoLocation&, const GeoLocation&) = default;
};

/// IP-based routing: a location of a CIDR collection of the account.
struct CidrRoutingConfig {
  std::string collection_id{};
  std::string location_name{};
  friend bool operator==(const CidrRoutingConfig&, const CidrRoutingConfig&) = default;
};

/// Geoproximity routing: an AWS region, a Local Zone group or coordinates
/// (decimal degrees as Route 53 writes them), and an optional bias.
struct GeoProximityLocation {
  std::string aws_region{};
  std::string local_zone_group{};
  std::string latitude{};
  std::string longitude{};
  std::optional<long> bias{};
  friend bool operator==(const GeoProximityLocation&, const GeoProximityLocation&) = default;
};

/// One record set, simple or with a routing policy (set_identifier set).
struct RecordSet {
  std::string name{};  // absolute, as Route 53 spells it
  std::string type{};  // "A", "TXT", ...
  std::string set_identifier{};
  std::optional<long> weight{};
  std::string region{};
  std::optional<GeoLocation> geo_location{};
  std::string failover{};  // PRIMARY / SECONDARY
  std::optional<bool> multi_value_answer{};
  std::optional<long> ttl{};          // absent for aliases
  std::vector<std::string> values{};  // ResourceRecord/Value, TXT with its quotes
  std::optional<AliasTarget> alias{};
  std::string health_check_id{};
  std::string traffic_policy_instance_id{};  // the set belongs to a traffic policy instance
  std::optional<CidrRoutingConfig> cidr_routing{};
  std::optional<GeoProximityLocation> geo_proximity{};
  friend bool operator==(const RecordSet&, const RecordSet&) = default;
};

/// What a change does.
enum class ChangeAction { Create, Delete, Upsert };

/// "CREATE", "DELETE", "UPSERT".
std::string_view to_string(ChangeAction action);

/// One change of a batch.
struct Change {
  ChangeAction action{ChangeAction::Upsert};
  RecordSet record{};
  friend bool operator==(const Change&, const Change&) = default;
};

/// A hosted zone's summary.
struct HostedZone {
  HostedZoneId id{};
  std::string name{};
  std::string caller_reference{};
  std::string comment{};
  bool private_zone{false};
  long record_count{0};
};

/// PENDING until every Route 53 server has the change, then INSYNC.
enum class ChangeStatus { Pending, InSync };

/// A submitted change.
struct ChangeInfo {
  ChangeId id{};
  ChangeStatus status{ChangeStatus::Pending};
  std::string submitted_at{};
  std::string comment{};
};

/// A zone with its delegation set (GetHostedZone, CreateHostedZone).
struct ZoneDetails {
  HostedZone zone{};
  std::vector<std::string> name_servers{};
  std::optional<ChangeInfo> change{};  // CreateHostedZone only
};

/// Input of CreateHostedZone.
struct CreateZoneRequest {
  /// The VPC a private zone is made for.
  struct Vpc {
    std::string region{};
    std::string id{};
  };
  std::string name{};
  std::optional<Vpc> vpc{};        // set: a private hosted zone
  std::string caller_reference{};  // deterministic per logical create, so a retry cannot make two zones
  std::string comment{};
  std::string delegation_set_id{};
};

/// One page of ListHostedZonesByName.
struct ZonePage {
  std::vector<HostedZone> zones{};
  bool truncated{false};
  std::string next_dns_name{};
  std::string next_hosted_zone_id{};
};

/// Where ListResourceRecordSets starts (all empty: at the beginning).
struct RecordCursor {
  std::string name{};
  std::string type{};
  std::string identifier{};
};

/// One page of ListResourceRecordSets.
struct RecordPage {
  std::vector<RecordSet> records{};
  bool truncated{false};
  RecordCursor next{};
};

}  // namespace cutover::aws::route53
