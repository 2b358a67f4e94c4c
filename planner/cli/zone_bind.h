#pragma once
// BIND zone files <-> Route 53 record sets for `cutover zone export/import`,
// with ldns doing the parsing and the presentation format. Also the name
// escapes of both worlds: Route 53 writes \ooo (octal), BIND \DDD (decimal).

#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "aws/route53_types.h"

namespace cutover::cli {

/// A Route 53 name ("\052.example.net.") in BIND presentation ("*.example.net.").
std::string route53_to_bind_name(std::string_view name);
/// A BIND name ("a\032b.example.") as Route 53 wants it ("a\040b.example."), lower-cased.
std::string bind_to_route53_name(std::string_view name);

/// What reading a zone file gives: record sets (one per owner and type), and
/// notes on what was merged (differing TTLs) — never fatal.
struct BindZone {
  std::vector<aws::route53::RecordSet> record_sets{};
  std::vector<std::string> notes{};
};

/// Reads a BIND zone file with ldns. `origin` applies when the file has no
/// $ORIGIN. Fails with a message naming the file and line.
std::expected<BindZone, std::string> read_bind_zone(const std::string& path, const std::string& origin);

/// Writes record sets as a BIND zone file (each line re-parsed and printed by
/// ldns). Alias and routing-policy records, which BIND cannot express, become
/// comments; `notes` says which.
std::string write_bind_zone(const std::vector<aws::route53::RecordSet>& records, std::string_view origin,
                            std::vector<std::string>& notes);

}  // namespace cutover::cli
