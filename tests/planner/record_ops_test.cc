#include "planner/providers/record_ops.h"

#include <gtest/gtest.h>

namespace cutover::planner {
namespace {

dns::DomainName n(std::string_view text) { return dns::DomainName::parse(text).value(); }
Rrset rr(std::string_view owner, dns::RecordType type, std::uint32_t ttl, std::vector<std::string> values) {
  return Rrset{.name = n(owner), .type = type, .ttl = ttl, .values = std::move(values)};
}

const std::vector<Rrset> kOld{
    rr("example.com", dns::RecordType::SOA, 900, {"ns1. h. 1 2 3 4 5"}),
    rr("example.com", dns::RecordType::NS, 172800, {"ns1.old.", "ns2.old."}),
    rr("example.com", dns::RecordType::MX, 300, {"10 mail.example.com."}),
    rr("www.example.com", dns::RecordType::A, 300, {"192.0.2.1"}),
    rr("dev.example.com", dns::RecordType::A, 300, {"192.0.2.2"}),
    rr("app.dev.example.com", dns::RecordType::A, 300, {"192.0.2.3"}),
};

TEST(RecordOps, CopyLeavesSoaApexNsAndChildSubtrees) {
  auto copied = rrsets_to_copy(kOld, {.from_apex = n("example.com"), .to_apex = n("example.com"), .skip_below = {n("dev.example.com")}});
  ASSERT_EQ(copied.size(), 2u);
  EXPECT_EQ(copied[0].type, dns::RecordType::MX);
  EXPECT_EQ(copied[1].name, n("www.example.com"));
}

TEST(RecordOps, CopyOfASubtreeTakesOnlyIt) {
  auto copied = rrsets_to_copy(kOld, {.from_apex = n("example.com"), .to_apex = n("dev.example.com"), .only_below = n("dev.example.com")});
  ASSERT_EQ(copied.size(), 2u);
  EXPECT_EQ(copied[0].name, n("dev.example.com"));
  EXPECT_EQ(copied[1].name, n("app.dev.example.com"));
}

TEST(RecordOps, ChangesSkipWhatIsAlreadyIdentical) {
  std::vector<Rrset> target{rr("www.example.com", dns::RecordType::A, 300, {"192.0.2.1"}),
                            rr("example.com", dns::RecordType::MX, 60, {"10 MAIL.example.com."})};
  auto changes = changes_to_hold(target, {kOld[2], kOld[3]});
  ASSERT_EQ(changes.size(), 1u);  // www is identical; MX differs in TTL
  EXPECT_EQ(changes[0].rrset.type, dns::RecordType::MX);
  EXPECT_EQ(changes[0].kind, ChangeKind::Upsert);
  EXPECT_TRUE(changes_in_effect(kOld, changes));
  EXPECT_FALSE(changes_in_effect(target, changes));
}

TEST(RecordOps, DeletionsBelowKeepTheDelegation) {
  auto zone = kOld;
  zone.push_back(rr("dev.example.com", dns::RecordType::NS, 300, {"ns1.dev."}));
  auto deletions = deletions_below(zone, n("dev.example.com"));
  ASSERT_EQ(deletions.size(), 2u);
  for (const auto& d : deletions) {
    EXPECT_EQ(d.kind, ChangeKind::Delete);
    EXPECT_NE(d.rrset.type, dns::RecordType::NS);
  }
}

TEST(RecordOps, ValuesCompareAsSetsIgnoringCase) {
  EXPECT_TRUE(same_values({"NS2.old.", "ns1.old."}, {"ns1.OLD.", "ns2.old."}));
  EXPECT_FALSE(same_values({"ns1.old."}, {"ns1.old.", "ns2.old."}));
}

Rrset weighted(std::string_view id, std::uint32_t weight, std::string value) {
  Rrset set = rr("w.example.com", dns::RecordType::A, 60, {std::move(value)});
  set.routing = Routing{.set_identifier = std::string(id), .weight = weight};
  return set;
}

TEST(RecordOps, AbsentSetsAreCreatedAndChangedOnesUpserted) {
  std::vector<Rrset> target{rr("www.example.com", dns::RecordType::A, 60, {"192.0.2.1"})};
  auto changes = changes_to_hold(target, {kOld[2], kOld[3]});
  ASSERT_EQ(changes.size(), 2u);
  EXPECT_EQ(changes[0].kind, ChangeKind::Create);  // the MX is not in the target
  EXPECT_EQ(changes[1].kind, ChangeKind::Upsert);  // www differs in TTL
  EXPECT_TRUE(changes_in_effect(kOld, changes));
}

TEST(RecordOps, RecordSetsAreToldApartByTheirSetIdentifier) {
  std::vector<Rrset> target{weighted("blue", 10, "192.0.2.1")};
  auto changes = changes_to_hold(target, {weighted("blue", 10, "192.0.2.1"), weighted("green", 10, "192.0.2.2")});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::Create);
  EXPECT_EQ(changes[0].rrset.set_identifier(), "green");

  // A weight is part of the set: a changed one is an UPSERT of that set alone.
  changes = changes_to_hold(target, {weighted("blue", 20, "192.0.2.1")});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].kind, ChangeKind::Upsert);
  EXPECT_FALSE(changes_in_effect(target, changes));

  EXPECT_EQ(find_rrset(target, RrsetKey{.name = n("w.example.com"), .type = dns::RecordType::A, .set_identifier = "blue"}), target[0]);
  EXPECT_FALSE(find_rrset(target, n("w.example.com"), dns::RecordType::A).has_value());  // no simple set there
  EXPECT_TRUE(changes_in_effect(target, {RrsetChange{.kind = ChangeKind::Delete, .rrset = weighted("green", 1, "x")}}));
}

TEST(RecordOps, EveryFieldCounts) {
  Rrset alias = rr("example.com", dns::RecordType::A, 0, {});
  alias.alias = AliasTarget{.name = n("d1.cloudfront.net"), .hosted_zone_id = "Z2FDTNDATAQYW2"};
  Rrset other_target = alias;
  other_target.alias->evaluate_target_health = true;
  Rrset checked = weighted("blue", 10, "192.0.2.1");
  Rrset with_check = checked;
  with_check.health_check_id = "hc-1";
  EXPECT_NE(alias, other_target);
  EXPECT_FALSE(same_content(alias, other_target));
  EXPECT_FALSE(same_content(checked, with_check));
  EXPECT_EQ(changes_to_hold({alias}, {other_target}).size(), 1u);
  EXPECT_EQ(changes_to_hold({checked}, {with_check}).size(), 1u);
  EXPECT_TRUE(changes_to_hold({alias}, {alias}).empty());
}

}  // namespace
}  // namespace cutover::planner
