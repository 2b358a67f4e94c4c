// Zone and names files on real files in a temp dir.

#include "dns/zone_file.h"

#include <gtest/gtest.h>

#include "tests/common/temp_dir.h"

namespace cutover::dns {
namespace {

class ZoneFileTest : public ::testing::Test {
 protected:
  std::string write(const std::string& name, const std::string& text) const { return dir_.write(name, text); }
  Result<ZoneFile> read_zone(const std::string& name, const std::string& text) const { return read_zone_file(write(name, text)); }
  cutover::testing::TempDir dir_;
};

TEST_F(ZoneFileTest, ReadsAZoneAndLeavesOutSoaApexNsAndGlue) {
  auto zone = read_zone("example.zone",
                        "$ORIGIN example.com.\n$TTL 300\n"
                        "@ IN SOA ns1 hostmaster 1 2 3 4 5\n@ IN NS ns1\n@ IN NS ns2.other.net.\n"
                        "ns1 IN A 192.0.2.1\nwww IN A 192.0.2.2\nwww IN A 192.0.2.3\nWWW IN AAAA 2001:db8::1\n"
                        "dev IN NS ns1.dev\nns1.dev IN A 192.0.2.9\n"
                        "dev IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF\n");
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  EXPECT_EQ(zone->origin.text(), "example.com.");
  auto questions = parity_questions(*zone);
  std::vector<std::string> got;
  for (const auto& q : questions) got.push_back(q.name.text() + " " + std::string(to_string(q.type)));
  EXPECT_EQ(got, (std::vector<std::string>{"ns1.example.com. A", "www.example.com. A", "www.example.com. AAAA", "dev.example.com. NS",
                                           "dev.example.com. DS"}));
}

TEST_F(ZoneFileTest, BadRecordNamesTheLine) {
  auto zone = read_zone("bad.zone", "$ORIGIN example.com.\n@ 300 IN SOA ns1 h 1 2 3 4 5\nwww 300 IN A 999.1.1.1\n");
  ASSERT_FALSE(zone.has_value());
  EXPECT_EQ(zone.error().code, ErrorCode::Invalid);
  EXPECT_NE(zone.error().message.find("bad.zone:"), std::string::npos) << zone.error().message;
}

TEST_F(ZoneFileTest, MissingFileIsNotFound) {
  auto zone = read_zone_file((dir_ / "absent.zone").string());
  ASSERT_FALSE(zone.has_value());
  EXPECT_EQ(zone.error().code, ErrorCode::NotFound);
}

TEST_F(ZoneFileTest, NamesFileDefaultsToTypeA) {
  auto path = write("names", "# names to compare\nwww.example.com\nmail.example.com MX A\n\n");
  auto questions = read_names_file(path);
  ASSERT_TRUE(questions.has_value());
  ASSERT_EQ(questions->size(), 3u);
  EXPECT_EQ((*questions)[0].type, RecordType::A);
  EXPECT_EQ((*questions)[1].type, RecordType::MX);
}

TEST_F(ZoneFileTest, NamesFileRefusesUnknownTypeWithLine) {
  auto path = write("names", "www.example.com\nmail.example.com BOGUS\n");
  auto questions = read_names_file(path);
  ASSERT_FALSE(questions.has_value());
  EXPECT_NE(questions.error().message.find(":2:"), std::string::npos) << questions.error().message;
}

TEST_F(ZoneFileTest, RootHintsGiveAddresses) {
  auto path = write("root.hints",
                    ". 3600000 NS a.root.test.\na.root.test. 3600000 A 127.53.0.1\n"
                    "a.root.test. 3600000 AAAA ::1\n");
  auto roots = read_root_hints(path);
  ASSERT_TRUE(roots.has_value()) << roots.error().message;
  ASSERT_EQ(roots->size(), 2u);
  EXPECT_EQ((*roots)[0].ip, "127.53.0.1");
  EXPECT_TRUE((*roots)[1].ipv6);
}

TEST_F(ZoneFileTest, KeepsTheTypesRoute53Takes) {
  auto zone = read_zone("types.zone",
                        "$ORIGIN example.com.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n"
                        "@ IN NAPTR 100 10 \"u\" \"E2U+sip\" \"!^.*$!sip:info@example.com!\" .\n"
                        "_443._tcp IN TLSA 3 1 1 0123456789abcdef\n@ IN SSHFP 1 1 0123456789abcdef\n"
                        "@ IN SPF \"v=spf1 -all\"\n");
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  std::vector<std::string> types;
  for (const auto& r : zone->records) types.emplace_back(to_string(r.type));
  EXPECT_EQ(types, (std::vector<std::string>{"SOA", "NAPTR", "TLSA", "SSHFP", "SPF"}));
  EXPECT_EQ(parse_record_type("https"), RecordType::HTTPS);
  EXPECT_EQ(parse_record_type("svcb"), RecordType::SVCB);
}

TEST_F(ZoneFileTest, CanonicalRecordLineIsWhatLdnsPrints) {
  auto line = canonical_record_line("*.example.net. 60 IN A 192.0.2.1");
  ASSERT_TRUE(line.has_value()) << line.error().message;
  EXPECT_EQ(*line, "*.example.net.\t60\tIN\tA\t192.0.2.1\n");
  auto txt = canonical_record_line("t.example.net. 300 IN TXT \"a b\"   \"c\"");
  ASSERT_TRUE(txt.has_value()) << txt.error().message;
  EXPECT_EQ(*txt, "t.example.net.\t300\tIN\tTXT\t\"a b\" \"c\"\n");
  auto bad = canonical_record_line("www.example.net. 300 IN A not-an-address");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::Invalid);
}

}  // namespace
}  // namespace cutover::dns
