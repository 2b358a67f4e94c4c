#pragma once
// What `cutover zone import` sends: the CREATEs (nothing at that name and
// type yet) and UPSERTs that make a Route 53 zone hold the RRsets of a BIND
// zone file, leaving out what Route 53 owns (the
// apex SOA and NS) and what already matches (the record_ops diff), cut into
// batches within Route 53's limits. Pure functions but the file read, so the
// dry run and the real run agree.
//
//   auto file = read_zone_rrsets(path, zone);          // notes: merged TTLs
//   auto plan = plan_import(file->rrsets, listed, zone);
//   auto batches = import_batches(*plan);              // what --dry-run prints

#include <cstddef>
#include <string>
#include <vector>

#include "aws/route53_batches.h"
#include "aws/route53_types.h"
#include "dns/domain_name.h"
#include "planner/providers/dns_provider.h"
#include "planner/result.h"

namespace cutover::planner {

/// A zone file's RRsets, one per owner and type, in Route 53 name order, and
/// notes on what was merged (differing TTLs): never fatal.
struct ZoneFileRrsets {
  std::vector<Rrset> rrsets{};
  std::vector<std::string> notes{};
};

/// Reads a BIND zone file (dns/zone_file); `origin` applies when the file has
/// no $ORIGIN. Records of one owner and type with different TTLs get the
/// smallest, with a note. Io when the file cannot be read; Invalid naming the
/// file and line for a record that does not parse, or naming a record type
/// cutover does not know.
Result<ZoneFileRrsets> read_zone_rrsets(const std::string& path, const dns::DomainName& origin);

/// The changes to send, and what was left out and why (for the report).
struct ImportPlan {
  std::vector<aws::route53::Change> changes{};
  std::size_t unchanged{0};
  std::vector<std::string> skipped{};
  std::vector<std::string> outside{};  // names not in the zone: the file is for another zone
};

/// Changes for the RRsets of `wanted` that differ from the listed record sets
/// `current` (changes_to_hold: values compared as sets): CREATE where
/// `current` has nothing at that name and type (not even an alias or a
/// routing-policy set), UPSERT where it has something else; skipping the apex SOA
/// and NS of `zone`; names outside the zone are listed in `outside` and not
/// planned. Provider error when Route 53 listed a name that is no domain name.
Result<ImportPlan> plan_import(const std::vector<Rrset>& wanted, const std::vector<aws::route53::RecordSet>& current,
                               const dns::DomainName& zone);

/// The plan's changes cut into ChangeResourceRecordSets batches filled to
/// Route 53's limits (aws/route53_batches.h); Invalid, with aws/'s message,
/// when one change exceeds them on its own.
Result<std::vector<std::vector<aws::route53::Change>>> import_batches(const ImportPlan& plan, const aws::route53::BatchLimits& limits = {});

/// "UPSERT www.example.net. 300 A 192.0.2.1 192.0.2.2".
std::string describe_change(const aws::route53::Change& change);

}  // namespace cutover::planner
