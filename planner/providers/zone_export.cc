#include "planner/providers/zone_export.h"

#include "dns/zone_file.h"
#include "planner/providers/route53_records.h"

namespace cutover::planner {
namespace {

// A Route 53 name ("\052.example.net.") in presentation form
// ("*.example.net."); as listed when it is no domain name (never seen from
// Route 53), so that the export still shows it.
std::string presentation(std::string_view route53_name) {
  auto name = name_from_route53(route53_name);
  return name ? name->text() : std::string(route53_name);
}

std::string routing_comment(const aws::route53::RecordSet& r) {
  return "; routing policy: SetIdentifier=" + r.set_identifier + (r.weight ? " Weight=" + std::to_string(*r.weight) : "") +
         (r.region.empty() ? "" : " Region=" + r.region) + (r.failover.empty() ? "" : " Failover=" + r.failover) + "\n";
}

}  // namespace

std::string write_bind_zone(const std::vector<aws::route53::RecordSet>& records, std::string_view origin, std::vector<std::string>& notes) {
  std::string out = "$ORIGIN " + presentation(origin) + "\n";
  for (const aws::route53::RecordSet& r : records) {
    std::string owner = presentation(r.name);
    if (r.alias) {
      out += "; ALIAS " + owner + " " + r.type + " -> " + r.alias->dns_name + " (zone " + r.alias->hosted_zone_id + ")\n";
      notes.push_back(owner + " " + r.type + " is an alias: written as a comment");
      continue;
    }
    if (!r.set_identifier.empty()) {
      out += routing_comment(r);
      notes.push_back(owner + " " + r.type + " (" + r.set_identifier + ") has a routing policy BIND cannot express");
    }
    for (const std::string& value : r.values) {
      std::string line = owner + " " + std::to_string(r.ttl.value_or(300)) + " IN " + r.type + " " + value;
      auto text = dns::canonical_record_line(line);
      if (!text) {
        out += "; (ldns could not parse) " + line + "\n";
        notes.push_back(owner + " " + r.type + ": value not understood by ldns, written as a comment");
        continue;
      }
      out += *text;
    }
  }
  return out;
}

}  // namespace cutover::planner
