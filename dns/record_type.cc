#include "dns/record_type.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <string>
#include <utility>
#include <vector>

namespace cutover::dns {
namespace {

// Every type with a mnemonic in IANA's registry that a zone can hold, plus
// the meta types a packet can carry (so a log never shows their number).
constexpr std::pair<std::uint16_t, std::string_view> kNames[] = {
    {1, "A"},       {2, "NS"},         {3, "MD"},       {4, "MF"},          {5, "CNAME"},       {6, "SOA"},       {7, "MB"},
    {8, "MG"},      {9, "MR"},         {10, "NULL"},    {11, "WKS"},        {12, "PTR"},        {13, "HINFO"},    {14, "MINFO"},
    {15, "MX"},     {16, "TXT"},       {17, "RP"},      {18, "AFSDB"},      {19, "X25"},        {20, "ISDN"},     {21, "RT"},
    {22, "NSAP"},   {23, "NSAP-PTR"},  {24, "SIG"},     {25, "KEY"},        {26, "PX"},         {27, "GPOS"},     {28, "AAAA"},
    {29, "LOC"},    {30, "NXT"},       {33, "SRV"},     {35, "NAPTR"},      {36, "KX"},         {37, "CERT"},     {38, "A6"},
    {39, "DNAME"},  {41, "OPT"},       {42, "APL"},     {43, "DS"},         {44, "SSHFP"},      {45, "IPSECKEY"}, {46, "RRSIG"},
    {47, "NSEC"},   {48, "DNSKEY"},    {49, "DHCID"},   {50, "NSEC3"},      {51, "NSEC3PARAM"}, {52, "TLSA"},     {53, "SMIMEA"},
    {55, "HIP"},    {59, "CDS"},       {60, "CDNSKEY"}, {61, "OPENPGPKEY"}, {62, "CSYNC"},      {63, "ZONEMD"},   {64, "SVCB"},
    {65, "HTTPS"},  {99, "SPF"},       {104, "NID"},    {105, "L32"},       {106, "L64"},       {107, "LP"},      {108, "EUI48"},
    {109, "EUI64"}, {249, "TKEY"},     {250, "TSIG"},   {251, "IXFR"},      {252, "AXFR"},      {255, "ANY"},     {256, "URI"},
    {257, "CAA"},   {260, "AMTRELAY"}, {32768, "TA"},   {32769, "DLV"},
};

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::ranges::equal(
      a, b, [](char x, char y) { return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y)); });
}

// "TYPE<n>" for every value, built once on first use, so to_string can hand
// out views that never dangle.
const std::vector<std::string>& generic_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out(65536);
    for (std::size_t i = 0; i < out.size(); ++i) out[i] = "TYPE" + std::to_string(i);
    return out;
  }();
  return names;
}

}  // namespace

std::string_view to_string(RecordType type) {
  auto value = static_cast<std::uint16_t>(type);
  for (const auto& [number, name] : kNames) {
    if (number == value) return name;
  }
  return generic_names()[value];
}

std::optional<RecordType> parse_record_type(std::string_view text) {
  for (const auto& [number, name] : kNames) {
    if (equal_ignoring_case(name, text)) return static_cast<RecordType>(number);
  }
  if (text.size() <= 4 || !equal_ignoring_case(text.substr(0, 4), "TYPE")) return std::nullopt;
  std::string_view digits = text.substr(4);
  if (digits.size() > 5 || !std::ranges::all_of(digits, [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  unsigned value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (value > 65535) return std::nullopt;
  return static_cast<RecordType>(value);
}

}  // namespace cutover::dns
