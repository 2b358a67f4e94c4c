// A copy of record sets reviewed before it runs: the inventory by kind, and
// every set the target cannot hold refused by name, with why and what to do;
// the copy action and live planning refuse the same way, before any change.

#include "planner/providers/copy_review.h"

#include <gtest/gtest.h>

#include "planner/run/action_runner.h"
#include "planner/run/copy_check.h"
#include "planner/run/secrets.h"
#include "tests/planner/copy_world.h"

namespace cutover::planner {
namespace {

using testing::FakeZone;
using testing::name;

const dns::DomainName kApex = name("example.com");
const ZoneCapabilities kRoute53{.aliases = true, .routing = true, .health_checks = true, .account = "111111111111"};
const ZoneCapabilities kOtherAccount{.aliases = true, .routing = true, .health_checks = true, .account = "222222222222"};
const ZoneCapabilities kRfc2136{};

Rrset simple(std::string_view owner, dns::RecordType type = dns::RecordType::A) {
  return Rrset{.name = name(owner), .type = type, .ttl = 300, .values = {"192.0.2.1"}};
}

Rrset with_routing(std::string_view owner, Routing routing, std::string health_check = {}) {
  Rrset set = simple(owner);
  set.routing = std::move(routing);
  set.health_check_id = std::move(health_check);
  return set;
}

Rrset alias_to(std::string_view owner, std::string_view target, bool same_zone) {
  Rrset set{.name = name(owner), .type = dns::RecordType::A, .ttl = 0};
  set.alias = AliasTarget{.name = name(target), .hosted_zone_id = same_zone ? "" : "Z2FDTNDATAQYW2", .same_zone = same_zone};
  return set;
}

CopyReview review(const std::vector<Rrset>& copied, const ZoneCapabilities& to, const std::vector<Rrset>& target = {},
                  const ZoneCapabilities& from = kRoute53) {
  return review_copy({.copied = copied, .target = target, .to_apex = kApex, .from = from, .to = to});
}

std::vector<std::string> lines(const CopyReview& r) {
  std::vector<std::string> out;
  for (const auto& refusal : r.refusals) out.push_back(to_string(refusal));
  return out;
}

TEST(CopyReview, CountsWhatItCarriesByKind) {
  std::vector<Rrset> copied{
      simple("www.example.com"),
      alias_to("example.com", "d1.cloudfront.net", false),
      with_routing("w.example.com", {.set_identifier = "a", .weight = 1}),
      with_routing("w.example.com", {.set_identifier = "b", .weight = 2}),
      with_routing("l.example.com", {.set_identifier = "eu", .region = "eu-west-1"}),
      with_routing("f.example.com", {.set_identifier = "p", .failover = Failover::Primary}, "hc-1"),
      with_routing("g.example.com", {.set_identifier = "d", .geolocation = GeoLocation{.country = "*"}}),
      with_routing("m.example.com", {.set_identifier = "m", .multivalue = true}, "hc-2"),
      with_routing("p.example.com", {.set_identifier = "p", .geoproximity = GeoProximity{.aws_region = "us-east-1"}}),
  };
  auto r = review(copied, kRoute53);
  EXPECT_TRUE(r.refusals.empty()) << ::testing::PrintToString(lines(r));
  EXPECT_EQ(r.inventory.sets, 9u);
  EXPECT_EQ(
      r.inventory.by_kind,
      (std::map<std::string, std::size_t>{
          {"simple", 2}, {"weighted", 2}, {"latency", 1}, {"failover", 1}, {"geolocation", 1}, {"multivalue", 1}, {"geoproximity", 1}}));
  EXPECT_EQ(r.inventory.aliases, 1u);
  EXPECT_EQ(r.inventory.health_checks, (std::set<std::string>{"hc-1", "hc-2"}));
  EXPECT_EQ(to_string(r.inventory),
            "9 record sets: 1 failover, 1 geolocation, 1 geoproximity, 1 latency, 1 multivalue, 2 simple, 2 weighted; 1 alias; "
            "health checks referenced: hc-1 hc-2");
}

TEST(CopyReview, RefusesTrafficPolicySets) {
  Rrset made = simple("tp.example.com");
  made.traffic_policy_instance_id = "tpi-1";
  auto r = review({made}, kRoute53);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(lines(r)[0],
            "tp.example.com. A: made by traffic policy instance tpi-1, not a record set a copy can recreate; delete the traffic "
            "policy instance before the move and create it again in the new zone (AWS's migration guide)");
}

TEST(CopyReview, RefusesAliasesAndRoutingForAServerWithout) {
  auto r = review({simple("www.example.com"), alias_to("example.com", "d1.cloudfront.net", false),
                   with_routing("w.example.com", {.set_identifier = "a", .weight = 1})},
                  kRfc2136, {}, kRoute53);
  ASSERT_EQ(r.refusals.size(), 2u) << ::testing::PrintToString(lines(r));
  EXPECT_EQ(describe(r.refusals[0].set), "example.com. A");
  EXPECT_NE(r.refusals[0].why.find("an alias to d1.cloudfront.net., and the target zone's provider has no aliases"), std::string::npos);
  EXPECT_EQ(describe(r.refusals[1].set), "w.example.com. A set 'a'");
  EXPECT_NE(r.refusals[1].why.find("a weighted routing set, and the target zone's provider has no routing policies"), std::string::npos);
  EXPECT_FALSE(r.refusals[1].remedy.empty());
}

TEST(CopyReview, RefusesTypesTheTargetDoesNotAccept) {
  ZoneCapabilities to = kRoute53;
  to.types = std::vector<dns::RecordType>{dns::RecordType::A, dns::RecordType::TXT};
  auto r = review({simple("www.example.com"), simple("here.example.com", dns::RecordType::LOC)}, to);
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(lines(r)[0],
            "here.example.com. LOC: type LOC, which the target zone's provider does not accept; remove it from the source zone, or "
            "keep the zone at a provider that accepts LOC");
}

TEST(CopyReview, HealthChecksAndCidrCollectionsStayInTheirAccount) {
  std::vector<Rrset> copied{
      with_routing("f.example.com", {.set_identifier = "p", .failover = Failover::Primary}, "hc-1"),
      with_routing("ip.example.com", {.set_identifier = "o", .cidr = CidrRouting{.collection_id = "c-1", .location_name = "office"}}),
  };
  EXPECT_TRUE(review(copied, kRoute53).refusals.empty());  // same account: the check and the collection are there
  auto r = review(copied, kOtherAccount);
  ASSERT_EQ(r.refusals.size(), 2u);
  EXPECT_NE(lines(r)[0].find("f.example.com. A set 'p': uses health check hc-1 of account 111111111111; a health check belongs to its "
                             "account and this copy into account 222222222222 does not recreate it; create an equivalent health check"),
            std::string::npos)
      << lines(r)[0];
  EXPECT_NE(lines(r)[1].find("ip.example.com. A set 'o': CIDR routing on location 'office' of CIDR collection c-1, which belongs to "
                             "account 111111111111 and is not recreated in account 222222222222"),
            std::string::npos)
      << lines(r)[1];
  // An account that could not be told counts as another one.
  EXPECT_EQ(review(copied, ZoneCapabilities{.aliases = true, .routing = true}).refusals.size(), 2u);
}

TEST(CopyReview, ASameZoneAliasNeedsItsTargetInTheTargetZone) {
  auto carried = review({alias_to("www2.example.com", "www.example.com", true), simple("www.example.com")}, kRoute53);
  EXPECT_TRUE(carried.refusals.empty());
  EXPECT_TRUE(review({alias_to("www2.example.com", "www.example.com", true)}, kRoute53, {simple("www.example.com")}).refusals.empty());
  auto missing = review({alias_to("www2.example.com", "www.example.com", true)}, kRoute53);
  ASSERT_EQ(missing.refusals.size(), 1u);
  EXPECT_NE(lines(missing)[0].find("an alias to www.example.com. A in its own zone, which the target zone example.com. will not hold"),
            std::string::npos);
}

TEST(CopyReview, RefusesSetsTheTargetHoldsUnderAnotherIdentifier) {
  auto r = review({with_routing("w.example.com", {.set_identifier = "a", .weight = 1})}, kRoute53, {simple("w.example.com")});
  ASSERT_EQ(r.refusals.size(), 1u);
  EXPECT_EQ(lines(r)[0],
            "w.example.com. A set 'a': the target zone holds w.example.com. A (simple), which the copy does not replace; delete "
            "w.example.com. A from the target zone before the copy");
}

// The copy action reviews again when it runs: a plan made offline cannot
// slip a set through that the target cannot hold. Nothing is changed.
class CopyAction : public testing::CopyWorld {
 protected:
  void SetUp() override {
    from_->add(simple("www.example.com"));
    from_->add(with_routing("w.example.com", {.set_identifier = "a", .weight = 1}, "hc-1"));
    from_->add(alias_to("www2.example.com", "www.example.com", true));
  }
};

TEST_F(CopyAction, CarriesEveryKindIntoTheSameAccount) {
  auto ran = runner_.run(copy_);
  ASSERT_TRUE(ran.has_value()) << ran.error().message;
  EXPECT_EQ(ran->how, "3 changes applied and in sync");
  auto source = from_->list().value();
  auto target = to_->list().value();
  for (const auto& set : source) {
    if (set.type == dns::RecordType::NS || set.type == dns::RecordType::SOA) continue;
    EXPECT_EQ(find_rrset(target, key_of(set)), set) << describe(key_of(set));
  }
  EXPECT_TRUE(runner_.in_effect(copy_).value());
}

TEST_F(CopyAction, RefusesBeforeAnyChange) {
  to_->capabilities_held.account = "222222222222";
  auto ran = runner_.run(copy_);
  ASSERT_FALSE(ran.has_value());
  EXPECT_EQ(ran.error().code, ErrorCode::Invalid);
  EXPECT_TRUE(
      ran.error().message.starts_with("copy of zone 'old' into 'new' refused before anything ran: 1 record set cannot be carried\n  "))
      << ran.error().message;
  EXPECT_NE(ran.error().message.find("w.example.com. A set 'a': uses health check hc-1"), std::string::npos);
  ASSERT_EQ(ran.error().problems.size(), 1u);
  EXPECT_NE(ran.error().problems[0].message.find("w.example.com. A set 'a': uses health check hc-1"), std::string::npos);
  EXPECT_EQ(to_->applies, 0);
  EXPECT_FALSE(runner_.in_effect(copy_).has_value());
}

TEST_F(CopyAction, LivePlanningShowsTheInventoryAndRefusesLikeTheAction) {
  StepGraph graph;
  graph.add(Step{.id = StepId{"switch.copy-records"}, .title = "copy", .actions = {copy_}});
  auto previews = preview_copies(graph, providers_);
  ASSERT_TRUE(previews.has_value()) << previews.error().message;
  ASSERT_EQ(previews->size(), 1u);
  EXPECT_EQ((*previews)[0].step, "switch.copy-records");
  ASSERT_TRUE((*previews)[0].inventory.has_value());
  EXPECT_EQ(to_string(*(*previews)[0].inventory), "3 record sets: 2 simple, 1 weighted; 1 alias; health checks referenced: hc-1");

  to_->capabilities_held = ZoneCapabilities{};  // an RFC 2136 server
  auto refused = preview_copies(graph, providers_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
  EXPECT_EQ(refused.error().problems.size(), 3u);  // the alias, the weighted set, and its health check in no account
  EXPECT_NE(refused.error().problems[0].message.find("step switch.copy-records: copy of zone 'old' into 'new': "), std::string::npos);
}

}  // namespace
}  // namespace cutover::planner
