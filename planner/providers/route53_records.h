#pragma once
// Pure conversions between Route 53's record sets and the planner's Rrsets,
// testable without HTTP. Route 53 spells names with *octal* escapes
// ("\052.example.com." is "*.example.com."), DNS presentation form with
// decimal ones ("\042"): names are converted both ways here so that a
// Route 53 zone and an RFC 2136 zone compare equal name for name.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/route53_types.h"
#include "planner/providers/dns_provider.h"
#include "planner/result.h"

namespace cutover::planner {

/// A Route 53 name ("\052.Example.com.") in presentation form
/// ("*.example.com."); Provider error naming the input when it is no valid name.
Result<dns::DomainName> name_from_route53(std::string_view route53_name);

/// A presentation-form name as Route 53 wants it: absolute, letters
/// lower-case (escaped ones too), octal escapes for characters other than
/// a-z 0-9 - _ * ("a\032b.x." -> "a\040b.x.", "\065.x." -> "a.x.").
std::string name_to_route53(const dns::DomainName& name);

/// The record types Route 53 accepts in a hosted zone (aws-apis.md 3.1a).
const std::vector<dns::RecordType>& route53_types();

/// True when `type` is one of route53_types().
bool route53_accepts(dns::RecordType type);

/// A Route 53 record set as an Rrset, aliases and routing policies included
/// (every field, so that a copy is identical or refused, never partial).
/// `zone_id` is the listed zone's own id: an alias into it becomes a
/// same-zone alias. Values are kept exactly as Route 53 returns them, so that
/// a DELETE built from a listed Rrset matches what Route 53 holds. Provider
/// error for an unparsable name or alias target, an unknown record type or
/// failover value.
Result<Rrset> rrset_from_route53(const aws::route53::RecordSet& record, const aws::route53::HostedZoneId& zone_id);

/// An Rrset change as a Route 53 change: CREATE, UPSERT or DELETE. An alias
/// goes without TTL and values; a same-zone alias points at `zone_id`.
aws::route53::Change change_to_route53(const RrsetChange& change, const aws::route53::HostedZoneId& zone_id);

/// The DELETEs that empty a zone for DeleteHostedZone: every listed record
/// set, special ones included, except the NS and SOA at `apex`.
std::vector<aws::route53::Change> deletions_for_zone_removal(const std::vector<aws::route53::RecordSet>& records,
                                                             const dns::DomainName& apex);

/// A planner error from an AWS one: "<what>: <AWS code (HTTP n): message>".
Error provider_error(std::string_view what, const aws::Error& error);

}  // namespace cutover::planner
