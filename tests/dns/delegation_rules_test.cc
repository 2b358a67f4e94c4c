// evaluate_delegation on hand-made views: the rules without a network.

#include <gtest/gtest.h>

#include <algorithm>

#include "dns/delegation.h"

namespace cutover::dns {
namespace {

DomainName n(const char* text) { return *DomainName::parse(text); }
NameServer at(const char* ip, const char* name = nullptr) {
  return NameServer{.name = name ? std::optional(n(name)) : std::nullopt, .address = *parse_server_address(ip)};
}
ParentView parent(const char* ip, std::vector<DomainName> ns) {
  return ParentView{.server = at(ip), .outcome = OutcomeKind::Referral, .ns = std::move(ns), .ns_ttl = 3600};
}
ChildView child(const char* ip, std::vector<DomainName> ns, std::uint32_t serial = 1) {
  return ChildView{
      .server = at(ip), .outcome = OutcomeKind::Answer, .authoritative = true, .ns = std::move(ns), .ns_ttl = 3600, .soa_serial = serial};
}
bool has(const DelegationReport& r, ProblemCode code) {
  return std::ranges::any_of(r.problems, [&](const Problem& p) { return p.code == code; });
}

class DelegationRulesTest : public ::testing::Test {
 protected:
  DelegationReport report() {
    DelegationReport r{.zone = n("example.com"), .parent_zone = n("com")};
    r.parent_ns = {n("a.ns.net"), n("b.ns.net")};
    return r;
  }
  std::vector<DomainName> ab{n("a.ns.net"), n("b.ns.net")};
};

TEST_F(DelegationRulesTest, AgreeingServersAreConsistent) {
  auto r = report();
  r.parent = {parent("192.0.2.1", ab), parent("192.0.2.2", ab)};
  r.child = {child("198.51.100.1", ab), child("198.51.100.2", ab)};
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::Consistent);
  EXPECT_TRUE(r.problems.empty());
}

TEST_F(DelegationRulesTest, ChildListingOtherNamesDiffersFromParent) {
  auto r = report();
  r.parent = {parent("192.0.2.1", ab)};
  r.child = {child("198.51.100.1", {n("a.ns.net"), n("c.ns.net")}), child("198.51.100.2", {n("a.ns.net"), n("c.ns.net")})};
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::NotConsistent);
  ASSERT_TRUE(has(r, ProblemCode::NsSetDiffersParentChild));
  auto p = std::ranges::find_if(r.problems, [](const Problem& p) { return p.code == ProblemCode::NsSetDiffersParentChild; });
  EXPECT_NE(p->message.find("only at the parent {b.ns.net.}"), std::string::npos) << p->message;
  EXPECT_NE(p->message.find("only in the zone {c.ns.net.}"), std::string::npos) << p->message;
}

TEST_F(DelegationRulesTest, UpwardReferralIsLame) {
  auto r = report();
  r.parent = {parent("192.0.2.1", ab)};
  r.child = {child("198.51.100.1", ab),
             ChildView{.server = at("198.51.100.2"), .outcome = OutcomeKind::Referral, .detail = "referral to ."}};
  evaluate_delegation(r, {});
  EXPECT_TRUE(has(r, ProblemCode::UpwardReferral));
  EXPECT_EQ(r.verdict, Verdict::NotConsistent);
}

TEST_F(DelegationRulesTest, NobodyAnsweringIsUndecided) {
  auto r = report();
  r.parent = {ParentView{.server = at("192.0.2.1"), .outcome = OutcomeKind::Timeout, .detail = "no reply"}};
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::Undecided);
  EXPECT_TRUE(has(r, ProblemCode::NoResponse));
}

TEST_F(DelegationRulesTest, GlueThatDiffersFromTheZoneIsReported) {
  auto r = report();
  std::vector<DomainName> in_zone{n("ns1.example.com")};
  r.parent_ns = in_zone;
  auto p = parent("192.0.2.1", in_zone);
  p.glue = {Record{.name = n("ns1.example.com"), .type = RecordType::A, .ttl = 60, .rdata = "198.51.100.1"}};
  auto c = child("198.51.100.1", in_zone);
  c.addresses = {Record{.name = n("ns1.example.com"), .type = RecordType::A, .ttl = 60, .rdata = "198.51.100.9"}};
  r.parent = {p};
  r.child = {c};
  evaluate_delegation(r, {});
  EXPECT_TRUE(has(r, ProblemCode::GlueMismatch));
}

TEST_F(DelegationRulesTest, DifferentSerialsAreAWarningOnly) {
  auto r = report();
  r.parent = {parent("192.0.2.1", ab)};
  r.child = {child("198.51.100.1", ab, 1), child("198.51.100.2", ab, 2)};
  evaluate_delegation(r, {});
  EXPECT_TRUE(has(r, ProblemCode::SoaSerialDiffers));
  EXPECT_EQ(r.verdict, Verdict::Consistent);
}

}  // namespace
}  // namespace cutover::dns
