// The Route 53 zone provider against moto behind the lab proxy: a zone the
// plan creates is created once however often create() runs, found again by a
// fresh provider (a resumed run), changed and listed back, PENDING changes
// are waited out, and remove() empties and deletes it.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

#include "planner/providers/record_ops.h"
#include "planner/providers/route53_zone.h"
#include "planner/run/private_zone_gates.h"
#include "tests/lab/route53_rds_providers/providers_lab.h"

namespace cutover::planner::lab {
namespace {

constexpr const char* kReference = "cutover-example.com-new";

class Route53ZoneLab : public ProvidersLab {
 protected:
  std::unique_ptr<Route53ZoneProvider> provider(std::vector<std::string> servers = {}) {
    return std::make_unique<Route53ZoneProvider>(session("new"), Route53ZoneOptions{.name = name("example.com"),
                                                                                    .caller_reference = kReference,
                                                                                    .server_addresses = std::move(servers),
                                                                                    .wait = {.first = std::chrono::milliseconds(100),
                                                                                             .max = std::chrono::milliseconds(300),
                                                                                             .deadline = std::chrono::seconds(30)}});
  }
  static Rrset rrset(std::string_view owner, dns::RecordType type, std::uint32_t ttl, std::vector<std::string> values) {
    return Rrset{.name = name(owner), .type = type, .ttl = ttl, .values = std::move(values)};
  }
};

TEST_F(Route53ZoneLab, CreateTwiceWithOneReferenceMakesOneZone) {
  auto zone = provider();
  auto before = zone->exists();
  ASSERT_TRUE(before.has_value()) << before.error().message;
  EXPECT_FALSE(*before);
  EXPECT_EQ(zone->nameservers().error().code, ErrorCode::Provider);  // not created yet

  ASSERT_TRUE(zone->create(kReference).has_value());
  auto again = zone->create(kReference);
  ASSERT_TRUE(again.has_value()) << again.error().message;

  // A fresh provider (a resumed run) finds the same zone by its reference.
  auto resumed = provider();
  ASSERT_TRUE(resumed->create(kReference).has_value());
  EXPECT_TRUE(resumed->exists().value());
  auto zones = session("new")->route53().find_zones_by_name("example.com.");
  ASSERT_TRUE(zones.has_value()) << aws::describe(zones.error());
  EXPECT_EQ(zones->size(), 1u);
  EXPECT_EQ(count("CreateHostedZone", /*forwarded_only=*/true), 1);

  auto ns = resumed->nameservers();
  ASSERT_TRUE(ns.has_value()) << ns.error().message;
  EXPECT_EQ(ns->size(), 4u);
  EXPECT_EQ(*ns, zone->nameservers().value());

  // The zone as created: apex NS (the delegation set) and SOA.
  auto listed = resumed->list();
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  auto apex_ns = find_rrset(*listed, name("example.com"), dns::RecordType::NS);
  ASSERT_TRUE(apex_ns.has_value());
  EXPECT_EQ(apex_ns->values.size(), 4u);
  EXPECT_TRUE(find_rrset(*listed, name("example.com"), dns::RecordType::SOA).has_value());
}

TEST_F(Route53ZoneLab, ApplyUpsertsAndDeletesAndListsThemBack) {
  auto zone = provider();
  ASSERT_TRUE(zone->create(kReference).has_value());
  std::vector<RrsetChange> changes{
      {.kind = ChangeKind::Upsert, .rrset = rrset("www.example.com", dns::RecordType::A, 300, {"192.0.2.1", "192.0.2.2"})},
      {.kind = ChangeKind::Upsert, .rrset = rrset("example.com", dns::RecordType::MX, 3600, {"10 mail.example.com."})},
      {.kind = ChangeKind::Upsert, .rrset = rrset("*.example.com", dns::RecordType::A, 60, {"192.0.2.9"})},
      {.kind = ChangeKind::Upsert, .rrset = rrset("dev.example.com", dns::RecordType::NS, 300, {"ns1.dev-dns.net."})},
  };
  auto applied = zone->apply(changes, "cutover lab");
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  auto listed = zone->list();
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  EXPECT_TRUE(changes_in_effect(*listed, changes));
  auto wildcard = find_rrset(*listed, name("*.example.com"), dns::RecordType::A);
  ASSERT_TRUE(wildcard.has_value());  // Route 53's "\052" came back as "*"
  EXPECT_EQ(wildcard->ttl, 60u);

  // Delete one with the values list() gave, change the TTL of another.
  auto www = find_rrset(*listed, name("www.example.com"), dns::RecordType::A).value();
  std::vector<RrsetChange> second{
      {.kind = ChangeKind::Delete, .rrset = www},
      {.kind = ChangeKind::Upsert, .rrset = rrset("*.example.com", dns::RecordType::A, 30, {"192.0.2.9"})},
  };
  ASSERT_TRUE(zone->apply(second, "cutover lab").has_value());
  auto after = zone->list().value();
  EXPECT_FALSE(find_rrset(after, name("www.example.com"), dns::RecordType::A).has_value());
  EXPECT_EQ(find_rrset(after, name("*.example.com"), dns::RecordType::A)->ttl, 30u);
  EXPECT_TRUE(find_rrset(after, name("example.com"), dns::RecordType::MX).has_value());
}

TEST_F(Route53ZoneLab, APendingChangeIsWaitedOut) {
  auto zone = provider();
  ASSERT_TRUE(zone->create(kReference).has_value());
  lab->configure({{"change_pending_seconds", 2}});
  auto polls_before = count("GetChange");
  auto start = std::chrono::steady_clock::now();
  auto applied = zone->apply({{.kind = ChangeKind::Upsert, .rrset = rrset("slow.example.com", dns::RecordType::TXT, 60, {"\"pending\""})}},
                             "cutover lab");
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1900));
  EXPECT_GE(count("GetChange") - polls_before, 2);  // PENDING at least once, then INSYNC
  EXPECT_TRUE(find_rrset(zone->list().value(), name("slow.example.com"), dns::RecordType::TXT).has_value());
}

TEST_F(Route53ZoneLab, AZoneLargerThanAPageIsListedWholeAndThrottlingIsRetried) {
  auto zone = provider();
  ASSERT_TRUE(zone->create(kReference).has_value());
  std::vector<RrsetChange> many;
  for (int i = 0; i < 420; ++i) {
    many.push_back(
        {.kind = ChangeKind::Upsert,
         .rrset = rrset("host" + std::to_string(i) + ".example.com", dns::RecordType::A, 300, {"192.0.2." + std::to_string(i % 250 + 1)})});
  }
  lab->add_fault({{"service", "route53"}, {"operation", "ChangeResourceRecordSets"}, {"kind", "throttle"}, {"count", 1}});
  auto applied = zone->apply(many, "cutover lab");
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  auto listed = zone->list();  // 422 record sets: two pages of ListResourceRecordSets
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  EXPECT_EQ(listed->size(), 422u);
  EXPECT_TRUE(changes_in_effect(*listed, many));
  EXPECT_GE(count("ListResourceRecordSets"), 2);
}

TEST_F(Route53ZoneLab, RemoveEmptiesAndDeletesTheZoneOnce) {
  auto zone = provider();
  ASSERT_TRUE(zone->create(kReference).has_value());
  ASSERT_TRUE(zone->apply({{.kind = ChangeKind::Upsert, .rrset = rrset("www.example.com", dns::RecordType::A, 300, {"192.0.2.1"})},
                           {.kind = ChangeKind::Upsert, .rrset = rrset("dev.example.com", dns::RecordType::NS, 300, {"ns1.dev-dns.net."})}},
                          "cutover lab")
                  .has_value());
  auto removed = zone->remove();
  ASSERT_TRUE(removed.has_value()) << removed.error().message;
  EXPECT_FALSE(zone->exists().value());
  EXPECT_FALSE(provider()->exists().value());
  EXPECT_TRUE(zone->remove().has_value());  // gone already: nothing to do
  EXPECT_EQ(count("DeleteHostedZone"), 1);
}

TEST_F(Route53ZoneLab, AnExistingZoneByIdAndExplicitServerAddresses) {
  auto created = session("old")->route53().create_hosted_zone({.name = "example.org.", .caller_reference = "by-hand"});
  ASSERT_TRUE(created.has_value()) << aws::describe(created.error());
  Route53ZoneProvider zone(session("old"), {.name = name("example.org"),
                                            .hosted_zone_id = "/hostedzone/" + created->zone.id.value,
                                            .server_addresses = {"127.0.0.1@5301", "127.0.0.2@5301"}});
  EXPECT_TRUE(zone.exists().value());
  EXPECT_TRUE(zone.create("ignored").has_value());  // exists: nothing to create
  EXPECT_EQ(zone.server_addresses().value(), (std::vector<std::string>{"127.0.0.1@5301", "127.0.0.2@5301"}));
  EXPECT_EQ(zone.nameservers().value().size(), 4u);

  Route53ZoneProvider missing(session("old"), {.name = name("example.org"), .hosted_zone_id = "NOSUCHZONE"});
  EXPECT_FALSE(missing.exists().value());
  auto listed = missing.list();
  ASSERT_FALSE(listed.has_value());
  EXPECT_EQ(listed.error().code, ErrorCode::Provider);
  EXPECT_NE(listed.error().message.find("NoSuchHostedZone"), std::string::npos) << listed.error().message;
}

// A private zone's name servers do not serve it: no gate may ask them, and
// the live plan is refused naming the zone (planner/run/private_zone_gates.h).
TEST_F(Route53ZoneLab, APrivateZoneHasNoServersToAskAndItsGatesAreRefused) {
  auto created =
      session("old")->route53().create_hosted_zone({.name = "db.example.org.",
                                                    .vpc = aws::route53::CreateZoneRequest::Vpc{.region = "us-east-1", .id = "vpc-lab0001"},
                                                    .caller_reference = "private-by-hand"});
  ASSERT_TRUE(created.has_value()) << aws::describe(created.error());
  ProviderSet providers;
  providers.zones["inside"] = std::make_unique<Route53ZoneProvider>(
      session("old"), Route53ZoneOptions{.name = name("db.example.org"), .hosted_zone_id = created->zone.id.value});
  auto public_zone = session("old")->route53().create_hosted_zone({.name = "example.org.", .caller_reference = "public-by-hand"});
  ASSERT_TRUE(public_zone.has_value()) << aws::describe(public_zone.error());
  providers.zones["public"] = std::make_unique<Route53ZoneProvider>(
      session("old"), Route53ZoneOptions{.name = name("example.org"), .hosted_zone_id = public_zone->zone.id.value});
  auto& inside = *providers.zones["inside"];
  EXPECT_TRUE(inside.capabilities().value().private_zone);
  EXPECT_FALSE(providers.zones["public"]->capabilities().value().private_zone);
  auto servers = inside.server_addresses();
  ASSERT_FALSE(servers.has_value());
  EXPECT_EQ(servers.error().code, ErrorCode::Invalid);
  EXPECT_NE(servers.error().message.find("hosted zone db.example.org. is private"), std::string::npos) << servers.error().message;

  StepGraph graph;
  Gate answers{.kind = GateKind::RecordAnswers, .description = "db answers", .zones = {"inside"}};
  Gate api{.kind = GateKind::ClusterAvailable, .description = "cluster", .zones = {"inside"}};
  Gate elsewhere{.kind = GateKind::Authoritative, .description = "public", .zones = {"public"}};
  graph.add(Step{.id = StepId{"db.switch"}, .title = "switch", .gates = {api, elsewhere}, .check_after = {answers}});
  auto refused = refuse_private_zone_gates(graph, providers);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
  ASSERT_EQ(refused.error().problems.size(), 2u);
  EXPECT_EQ(refused.error().problems[0].message,
            "step db.switch: gate [record-answers] asks the authoritative servers of zone 'inside', a private hosted zone");
  EXPECT_NE(refused.error().problems[1].message.find("zone 'inside': hosted zone db.example.org. is private"), std::string::npos);
}

}  // namespace
}  // namespace cutover::planner::lab
