#pragma once
// What `cutover zone export` prints: a hosted zone's record sets as a BIND
// zone file, each record line printed the way ldns writes zone files
// (dns/zone_file), names in presentation form (route53_records).

#include <string>
#include <string_view>
#include <vector>

#include "aws/route53_types.h"

namespace cutover::planner {

/// Record sets as a BIND zone file starting with $ORIGIN `origin`. Alias and
/// routing-policy records, which BIND cannot express, and values ldns cannot
/// parse become comments; `notes` says which.
std::string write_bind_zone(const std::vector<aws::route53::RecordSet>& records, std::string_view origin, std::vector<std::string>& notes);

}  // namespace cutover::planner
