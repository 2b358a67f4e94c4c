// `cutover zone import/export` on the libraries: Route 53 and presentation
// names, a BIND file read as RRsets, which CREATEs and UPSERTs an import sends, and
// record sets written back as a BIND file. (Moved from tests/aws/zone_cli_test.cc,
// which compiled the CLI's own copies of these functions.)

#include "planner/providers/zone_import.h"

#include <gtest/gtest.h>

#include <fstream>

#include "planner/providers/route53_records.h"
#include "planner/providers/zone_export.h"
#include "tests/common/temp_dir.h"

namespace cutover::planner {
namespace {

namespace r53 = aws::route53;

dns::DomainName name(const char* text) { return *dns::DomainName::parse(text); }

// Each test writes the BIND file it reads (as the zone example.net) to a temp dir.
class ZoneBind : public ::testing::Test {
 protected:
  Result<ZoneFileRrsets> read(const std::string& file, const std::string& text) {
    std::string path = (dir_ / file).string();
    std::ofstream(path) << text;
    return read_zone_rrsets(path, name("example.net"));
  }

  testing::TempDir dir_;
};

TEST(ZoneNames, Route53OctalAndBindDecimalEscapes) {
  EXPECT_EQ(name_from_route53("\\052.example.net.")->text(), "*.example.net.");
  EXPECT_EQ(name_from_route53("a\\040b.example.")->text(), "a\\032b.example.");  // space
  EXPECT_EQ(name_to_route53(name("A\\032b.Example")), "a\\040b.example.");
  EXPECT_EQ(name_to_route53(name("*.example.")), "*.example.");
  EXPECT_EQ(name_to_route53(name("a\\.b.example.")), "a\\056b.example.");  // a dot inside a label stays escaped
}

TEST(ZoneNames, EscapedLettersGoToRoute53LowerCase) {
  // The CLI's own escaping lower-cased these, the provider's did not: Route 53
  // stores letters lower-case and its literal set is a-z 0-9 - _.
  EXPECT_EQ(name_to_route53(name("\\065B.example.")), "ab.example.");
  EXPECT_EQ(name_to_route53(name("a\\033b.example.")), "a\\041b.example.");  // '!' is escaped, decimal 33 = octal 41
}

TEST_F(ZoneBind, ReadsAndGroupsRecordSets) {
  auto zone = read("z.zone",
                   "$TTL 300\n@ IN SOA ns1 admin 1 7200 3600 1209600 300\n@ IN NS ns1\n"
                   "www IN A 192.0.2.1\nwww 60 IN A 192.0.2.2\ntxt IN TXT \"a b\" \"c\"\n");
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  ASSERT_EQ(zone->rrsets.size(), 4u);
  const Rrset* www = nullptr;
  for (const auto& r : zone->rrsets) {
    if (r.name == name("www.example.net.") && r.type == dns::RecordType::A) www = &r;
  }
  ASSERT_NE(www, nullptr);
  EXPECT_EQ(www->values.size(), 2u);
  EXPECT_EQ(www->ttl, 60u);  // the smallest, with a note
  EXPECT_EQ(zone->notes.size(), 1u);

  auto refused = read("bad.zone", "www IN A not-an-address\n");
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
  EXPECT_NE(refused.error().message.find("bad.zone:"), std::string::npos) << refused.error().message;
}

TEST_F(ZoneBind, RefusesTypesCutoverDoesNotKnowAndUnreadableFiles) {
  auto zone = read("loc.zone", "$TTL 300\nloc IN LOC 52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m\n");
  ASSERT_FALSE(zone.has_value());
  EXPECT_EQ(zone.error().code, ErrorCode::Invalid);
  EXPECT_NE(zone.error().message.find("loc.example.net."), std::string::npos) << zone.error().message;
  auto absent = read_zone_rrsets((dir_ / "absent.zone").string(), name("example.net"));
  ASSERT_FALSE(absent.has_value());
  EXPECT_EQ(absent.error().code, ErrorCode::Io);
}

TEST_F(ZoneBind, OrdersRecordSetsByRoute53NameThenType) {
  auto zone = read("o.zone", "$TTL 300\nwww IN TXT \"t\"\nwww IN A 192.0.2.1\n*.w IN CNAME www\na IN A 192.0.2.3\n");
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  std::vector<std::string> got;
  for (const auto& r : zone->rrsets) got.push_back(name_to_route53(r.name) + " " + std::string(dns::to_string(r.type)));
  EXPECT_EQ(got, (std::vector<std::string>{"*.w.example.net. CNAME", "a.example.net. A", "www.example.net. A", "www.example.net. TXT"}));
}

TEST_F(ZoneBind, WritesAliasesAndRoutingAsComments) {
  std::vector<std::string> notes;
  std::string text =
      write_bind_zone({{.name = "\\052.example.net.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}},
                       {.name = "w.example.net.", .type = "A", .set_identifier = "blue", .weight = 10, .ttl = 60, .values = {"192.0.2.2"}},
                       {.name = "lb.example.net.", .type = "A", .alias = r53::AliasTarget{"Z35", "lb.example.com.", false}}},
                      "example.net.", notes);
  EXPECT_NE(text.find("*.example.net.\t60\tIN\tA\t192.0.2.1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("; routing policy: SetIdentifier=blue Weight=10"), std::string::npos) << text;
  EXPECT_NE(text.find("; ALIAS lb.example.net. A -> lb.example.com."), std::string::npos) << text;
  EXPECT_EQ(notes.size(), 2u);
}

TEST(ZonePlan, SkipsApexSoaNsAndUnchangedSets) {
  std::vector<Rrset> wanted = {
      {.name = name("example.net."), .type = dns::RecordType::SOA, .ttl = 300, .values = {"ns1 admin 1 2 3 4 5"}},
      {.name = name("example.net."), .type = dns::RecordType::NS, .ttl = 300, .values = {"ns1.example.net."}},
      {.name = name("sub.example.net."), .type = dns::RecordType::NS, .ttl = 300, .values = {"ns1.other.net."}},  // a delegation: imported
      {.name = name("www.example.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.2", "192.0.2.1"}},
      {.name = name("new.example.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.9"}},
      {.name = name("www.example.org."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.8"}},  // another zone
      {.name = name("badexample.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.7"}}};  // not a subdomain
  std::vector<r53::RecordSet> current = {{.name = "WWW.example.net.", .type = "A", .ttl = 300, .values = {"192.0.2.1", "192.0.2.2"}}};
  auto planned = plan_import(wanted, current, name("example.net"));
  ASSERT_TRUE(planned.has_value()) << planned.error().message;
  const ImportPlan& plan = *planned;
  ASSERT_EQ(plan.changes.size(), 2u);
  EXPECT_EQ(plan.changes[0].record.name, "sub.example.net.");
  EXPECT_EQ(plan.unchanged, 1u);
  EXPECT_EQ(plan.skipped.size(), 2u);
  EXPECT_EQ(plan.outside, (std::vector<std::string>{"www.example.org.", "badexample.net."}));
  EXPECT_EQ(describe_change(plan.changes[1]), "CREATE new.example.net. 300 A 192.0.2.9");  // nothing there yet
}

TEST(ZonePlan, CreatesWhereNothingIsAndUpsertsOverWhatIs) {
  std::vector<Rrset> wanted = {{.name = name("www.example.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.1"}},
                               {.name = name("www.example.net."), .type = dns::RecordType::AAAA, .ttl = 300, .values = {"2001:db8::1"}},
                               {.name = name("lb.example.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.2"}},
                               {.name = name("w.example.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.3"}},
                               {.name = name("*.example.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.4"}}};
  std::vector<r53::RecordSet> current = {
      {.name = "www.example.net.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}},  // other TTL
      {.name = "lb.example.net.", .type = "A", .alias = r53::AliasTarget{"Z35", "lb.example.com.", false}},
      {.name = "w.example.net.", .type = "A", .set_identifier = "blue", .weight = 10, .ttl = 60, .values = {"192.0.2.3"}},
      {.name = "\\052.example.net.", .type = "TXT", .ttl = 60, .values = {"\"x\""}}};  // another type at the name
  auto plan = plan_import(wanted, current, name("example.net"));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  std::vector<std::string> described;
  for (const auto& change : plan->changes) described.push_back(describe_change(change));
  EXPECT_EQ(described, (std::vector<std::string>{"UPSERT www.example.net. 300 A 192.0.2.1", "CREATE www.example.net. 300 AAAA 2001:db8::1",
                                                 "UPSERT lb.example.net. 300 A 192.0.2.2", "UPSERT w.example.net. 300 A 192.0.2.3",
                                                 "CREATE *.example.net. 300 A 192.0.2.4"}));
}

TEST(ZonePlan, AFileSetReplacesAnAliasAtItsNameAndType) {
  std::vector<Rrset> wanted = {{.name = name("www.example.net."), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.1"}}};
  std::vector<r53::RecordSet> current = {
      {.name = "www.example.net.", .type = "A", .alias = r53::AliasTarget{"Z2FDTNDATAQYW2", "d1.cloudfront.net.", false}}};
  auto plan = plan_import(wanted, current, name("example.net")).value();
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(describe_change(plan.changes[0]), "UPSERT www.example.net. 300 A 192.0.2.1");  // a CREATE would be refused: it exists
}

TEST(ZonePlan, TxtCaseIsAChangeNameCaseIsNot) {
  std::vector<Rrset> wanted = {
      {.name = name("k.example.net."), .type = dns::RecordType::TXT, .ttl = 300, .values = {"\"p=AbC\""}},
      {.name = name("c.example.net."), .type = dns::RecordType::CNAME, .ttl = 300, .values = {"www.example.net."}}};
  std::vector<r53::RecordSet> current = {{.name = "k.example.net.", .type = "TXT", .ttl = 300, .values = {"\"p=abc\""}},
                                         {.name = "c.example.net.", .type = "CNAME", .ttl = 300, .values = {"WWW.example.net."}}};
  auto plan = plan_import(wanted, current, name("example.net"));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  ASSERT_EQ(plan->changes.size(), 1u);
  EXPECT_EQ(describe_change(plan->changes[0]), "UPSERT k.example.net. 300 TXT \"p=AbC\"");
  EXPECT_EQ(plan->unchanged, 1u);
}

TEST(ZonePlan, NewRecordsFillRequestsToRoute53Limits) {
  // 2,345 single-value records new to the zone: CREATEs, 3 requests of at most 1,000 records.
  std::vector<Rrset> wanted;
  for (int i = 0; i < 2345; ++i) {
    wanted.push_back({.name = name(("n" + std::to_string(i) + ".example.net.").c_str()),
                      .type = dns::RecordType::A,
                      .ttl = 300,
                      .values = {"192.0.2.1"}});
  }
  auto plan = plan_import(wanted, {}, name("example.net"));
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  auto batches = import_batches(*plan);
  ASSERT_TRUE(batches.has_value()) << batches.error().message;
  ASSERT_EQ(batches->size(), 3u);
  EXPECT_EQ((*batches)[0].size(), 1000u);
  EXPECT_EQ((*batches)[2].size(), 345u);
  EXPECT_EQ(import_batches(*plan, {.max_changes = 100})->size(), 24u);  // the old cut, kept for bench/aws

  ImportPlan plan_upserts;  // the same as UPSERTs count twice: 5 requests
  for (auto change : plan->changes) plan_upserts.changes.push_back({r53::ChangeAction::Upsert, change.record});
  EXPECT_EQ(import_batches(plan_upserts)->size(), 5u);

  ImportPlan huge;
  huge.changes.push_back({r53::ChangeAction::Upsert,
                          {.name = "big.example.net.", .type = "TXT", .ttl = 300, .values = std::vector<std::string>(600, "\"x\"")}});
  auto refused = import_batches(huge);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
}

}  // namespace
}  // namespace cutover::planner
