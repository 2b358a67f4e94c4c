#pragma once
// What `cutover zone import` sends: the UPSERTs that make a Route 53 zone
// hold the record sets of a file, leaving out what Route 53 owns (the apex
// SOA and NS) and what already matches. A pure function, so the dry run and
// the real run agree.

#include <string>
#include <vector>

#include "aws/route53_types.h"

namespace cutover::cli {

/// The changes to send, and what was left out and why (for the report).
struct ImportPlan {
  std::vector<aws::route53::Change> changes{};
  size_t unchanged{0};
  std::vector<std::string> skipped{};
  std::vector<std::string> outside{};  // names not in the zone: the file is for another zone
};

/// UPSERTs for the file's record sets that differ from `current` (values
/// compared as sets), skipping the apex SOA and NS of `zone_name`; names
/// outside the zone are listed in `outside` and not planned.
ImportPlan plan_import(const std::vector<aws::route53::RecordSet>& wanted,
                       const std::vector<aws::route53::RecordSet>& current, const std::string& zone_name);

/// "UPSERT www.example.net. 300 A 192.0.2.1 192.0.2.2".
std::string describe_change(const aws::route53::Change& change);

}  // namespace cutover::cli
