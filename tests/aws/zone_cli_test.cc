// The zone commands' pure parts: name escapes of Route 53 and BIND, reading
// and writing BIND files with ldns, and which UPSERTs an import sends.

#include <gtest/gtest.h>

#include "planner/cli/zone_bind.h"
#include "planner/cli/zone_plan.h"
#include "tests/common/temp_dir.h"

namespace cutover::cli {
namespace {

namespace r53 = aws::route53;

TEST(ZoneNames, Route53OctalAndBindDecimalEscapes) {
  EXPECT_EQ(route53_to_bind_name("\\052.example.net."), "*.example.net.");
  EXPECT_EQ(route53_to_bind_name("a\\040b.example."), "a\\032b.example.");  // space
  EXPECT_EQ(bind_to_route53_name("A\\032b.Example"), "a\\040b.example.");
  EXPECT_EQ(bind_to_route53_name("*.example."), "*.example.");
  EXPECT_EQ(bind_to_route53_name("a\\.b.example."), "a\\056b.example.");  // a dot inside a label stays escaped
}

TEST(ZoneBind, ReadsAndGroupsRecordSets) {
  cutover::testing::TempDir dir;
  std::string path = dir.write("z.zone", "$TTL 300\n@ IN SOA ns1 admin 1 7200 3600 1209600 300\n@ IN NS ns1\n"
                                         "www IN A 192.0.2.1\nwww 60 IN A 192.0.2.2\ntxt IN TXT \"a b\" \"c\"\n");
  auto zone = read_bind_zone(path, "example.net");
  ASSERT_TRUE(zone.has_value()) << zone.error();
  ASSERT_EQ(zone->record_sets.size(), 4u);
  const r53::RecordSet* www = nullptr;
  for (const auto& r : zone->record_sets) {
    if (r.name == "www.example.net." && r.type == "A") www = &r;
  }
  ASSERT_NE(www, nullptr);
  EXPECT_EQ(www->values.size(), 2u);
  EXPECT_EQ(www->ttl, 60);  // the smallest, with a note
  EXPECT_EQ(zone->notes.size(), 1u);

  std::string bad = dir.write("bad.zone", "www IN A not-an-address\n");
  auto refused = read_bind_zone(bad, "example.net");
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().find("bad.zone:"), std::string::npos) << refused.error();
}

TEST(ZoneBind, WritesAliasesAndRoutingAsComments) {
  std::vector<std::string> notes;
  std::string text = write_bind_zone(
      {{.name = "\\052.example.net.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}},
       {.name = "w.example.net.", .type = "A", .set_identifier = "blue", .weight = 10, .ttl = 60, .values = {"192.0.2.2"}},
       {.name = "lb.example.net.", .type = "A", .alias = r53::AliasTarget{"Z35", "lb.example.com.", false}}},
      "example.net.", notes);
  EXPECT_NE(text.find("*.example.net.\t60\tIN\tA\t192.0.2.1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("; routing policy: SetIdentifier=blue Weight=10"), std::string::npos) << text;
  EXPECT_NE(text.find("; ALIAS lb.example.net. A -> lb.example.com."), std::string::npos) << text;
  EXPECT_EQ(notes.size(), 2u);
}

TEST(ZonePlan, SkipsApexSoaNsAndUnchangedSets) {
  std::vector<r53::RecordSet> wanted = {
      {.name = "example.net.", .type = "SOA", .ttl = 300, .values = {"ns1 admin 1 2 3 4 5"}},
      {.name = "example.net.", .type = "NS", .ttl = 300, .values = {"ns1.example.net."}},
      {.name = "sub.example.net.", .type = "NS", .ttl = 300, .values = {"ns1.other.net."}},  // a delegation: imported
      {.name = "www.example.net.", .type = "A", .ttl = 300, .values = {"192.0.2.2", "192.0.2.1"}},
      {.name = "new.example.net.", .type = "A", .ttl = 300, .values = {"192.0.2.9"}},
      {.name = "www.example.org.", .type = "A", .ttl = 300, .values = {"192.0.2.8"}},      // another zone
      {.name = "badexample.net.", .type = "A", .ttl = 300, .values = {"192.0.2.7"}}};      // not a subdomain
  std::vector<r53::RecordSet> current = {
      {.name = "WWW.example.net.", .type = "A", .ttl = 300, .values = {"192.0.2.1", "192.0.2.2"}}};
  ImportPlan plan = plan_import(wanted, current, "example.net");
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].record.name, "sub.example.net.");
  EXPECT_EQ(plan.unchanged, 1u);
  EXPECT_EQ(plan.skipped.size(), 2u);
  EXPECT_EQ(plan.outside, (std::vector<std::string>{"www.example.org.", "badexample.net."}));
  EXPECT_EQ(describe_change(plan.changes[1]), "UPSERT new.example.net. 300 A 192.0.2.9");
}

}  // namespace
}  // namespace cutover::cli
