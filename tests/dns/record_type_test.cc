#include "dns/record_type.h"

#include <gtest/gtest.h>

#include <string>

namespace cutover::dns {
namespace {

struct Named {
  std::uint16_t value;
  const char* name;
};

// Every type a production zone holds, with its IANA number.
constexpr Named kZoneTypes[] = {
    {1, "A"},        {2, "NS"},          {5, "CNAME"},  {6, "SOA"},     {12, "PTR"},        {13, "HINFO"}, {15, "MX"},       {16, "TXT"},
    {17, "RP"},      {18, "AFSDB"},      {24, "SIG"},   {25, "KEY"},    {28, "AAAA"},       {29, "LOC"},   {33, "SRV"},      {35, "NAPTR"},
    {36, "KX"},      {37, "CERT"},       {39, "DNAME"}, {42, "APL"},    {43, "DS"},         {44, "SSHFP"}, {45, "IPSECKEY"}, {46, "RRSIG"},
    {47, "NSEC"},    {48, "DNSKEY"},     {49, "DHCID"}, {50, "NSEC3"},  {51, "NSEC3PARAM"}, {52, "TLSA"},  {53, "SMIMEA"},   {59, "CDS"},
    {60, "CDNSKEY"}, {61, "OPENPGPKEY"}, {62, "CSYNC"}, {63, "ZONEMD"}, {64, "SVCB"},       {65, "HTTPS"}, {99, "SPF"},      {108, "EUI48"},
    {109, "EUI64"},  {256, "URI"},       {257, "CAA"},
};

TEST(RecordType, NamesEveryTypeOfAZoneBothWays) {
  for (const auto& [value, name] : kZoneTypes) {
    auto type = static_cast<RecordType>(value);
    EXPECT_EQ(to_string(type), name) << value;
    EXPECT_EQ(parse_record_type(name), type) << name;
  }
  EXPECT_EQ(to_string(RecordType::NAPTR), "NAPTR");
  EXPECT_EQ(to_string(RecordType::DNAME), "DNAME");
}

TEST(RecordType, ParsesMnemonicsCaseInsensitively) {
  EXPECT_EQ(parse_record_type("naptr"), RecordType::NAPTR);
  EXPECT_EQ(parse_record_type("Https"), RecordType::HTTPS);
  EXPECT_EQ(parse_record_type("openpgpkey"), RecordType::OPENPGPKEY);
  EXPECT_EQ(parse_record_type("nsec3param"), RecordType::NSEC3PARAM);
}

TEST(RecordType, UnnamedValuesUseTheGenericFormBothWays) {
  EXPECT_EQ(to_string(static_cast<RecordType>(65534)), "TYPE65534");
  EXPECT_EQ(to_string(static_cast<RecordType>(0)), "TYPE0");
  EXPECT_EQ(parse_record_type("TYPE65534"), static_cast<RecordType>(65534));
  EXPECT_EQ(parse_record_type("type65534"), static_cast<RecordType>(65534));
  EXPECT_EQ(parse_record_type("TYPE35"), RecordType::NAPTR);
  std::string printed(to_string(static_cast<RecordType>(4242)));
  EXPECT_EQ(parse_record_type(printed), static_cast<RecordType>(4242));
}

TEST(RecordType, NeverPrintsAQuestionMark) {
  for (unsigned value = 0; value <= 65535; ++value) {
    auto text = to_string(static_cast<RecordType>(value));
    ASSERT_EQ(text.find('?'), std::string_view::npos) << value;
    ASSERT_EQ(parse_record_type(text), static_cast<RecordType>(value)) << text;
  }
}

TEST(RecordType, RefusesWhatIsNoType) {
  EXPECT_FALSE(parse_record_type(""));
  EXPECT_FALSE(parse_record_type("BOGUS"));
  EXPECT_FALSE(parse_record_type("TYPE"));
  EXPECT_FALSE(parse_record_type("TYPE65536"));
  EXPECT_FALSE(parse_record_type("TYPE-1"));
  EXPECT_FALSE(parse_record_type("TYPE1x"));
  EXPECT_FALSE(parse_record_type("TYPE123456"));
}

}  // namespace
}  // namespace cutover::dns
