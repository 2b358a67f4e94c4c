#include "dns/record_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace cutover::dns {
namespace {

// Every type Route 53 takes (aws-apis.md 3.0) is named, so that a zone file
// read for `cutover zone import` keeps its types.
constexpr std::array<std::pair<RecordType, std::string_view>, 18> kNames{{
    {RecordType::A, "A"},         {RecordType::NS, "NS"},       {RecordType::CNAME, "CNAME"},
    {RecordType::SOA, "SOA"},     {RecordType::PTR, "PTR"},     {RecordType::MX, "MX"},
    {RecordType::TXT, "TXT"},     {RecordType::AAAA, "AAAA"},   {RecordType::SRV, "SRV"},
    {RecordType::NAPTR, "NAPTR"}, {RecordType::DS, "DS"},       {RecordType::SSHFP, "SSHFP"},
    {RecordType::DNSKEY, "DNSKEY"}, {RecordType::TLSA, "TLSA"}, {RecordType::SVCB, "SVCB"},
    {RecordType::HTTPS, "HTTPS"}, {RecordType::SPF, "SPF"},     {RecordType::CAA, "CAA"},
}};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::string_view to_string(RecordType type) {
  for (const auto& [value, name] : kNames) {
    if (value == type) return name;
  }
  return "TYPE?";
}

std::optional<RecordType> parse_record_type(std::string_view text) {
  for (const auto& [value, name] : kNames) {
    if (equal_ignoring_case(name, text)) return value;
  }
  return std::nullopt;
}

}  // namespace cutover::dns
