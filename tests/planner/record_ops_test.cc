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

}  // namespace
}  // namespace cutover::planner
