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
std::string message(const DelegationReport& r, ProblemCode code) {
  auto p = std::ranges::find_if(r.problems, [&](const Problem& p) { return p.code == code; });
  return p == r.problems.end() ? "" : p->message;
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
  ASSERT_TRUE(has(r, ProblemCode::GlueMismatch));
  // Both addresses are named: the parent's and the zone's.
  EXPECT_NE(message(r, ProblemCode::GlueMismatch).find("at the parent {198.51.100.1} differs from the zone's own A records {198.51.100.9}"),
            std::string::npos)
      << message(r, ProblemCode::GlueMismatch);
}

TEST_F(DelegationRulesTest, DifferentSerialsAreAWarningOnly) {
  auto r = report();
  r.parent = {parent("192.0.2.1", ab)};
  r.child = {child("198.51.100.1", ab, 1), child("198.51.100.2", ab, 2)};
  evaluate_delegation(r, {});
  EXPECT_TRUE(has(r, ProblemCode::SoaSerialDiffers));
  EXPECT_EQ(r.verdict, Verdict::Consistent);
  // Which server serves which serial: the one lagging behind is named.
  EXPECT_NE(message(r, ProblemCode::SoaSerialDiffers).find("2 different SOA serials: 1 (198.51.100.1), 2 (198.51.100.2)"),
            std::string::npos)
      << message(r, ProblemCode::SoaSerialDiffers);
}

// A key and its DS made with ldns-keygen and ldns-key2ds, and a key the DS does not name.
constexpr const char* kKey = "257 3 13 aW+iuXMZJGOAo60ENk2DAkFd1+eaZkhUveaySKHxkIW80iUCDMy/NRxMjWe9VHVn34gYw3MZ7PiJNEMJABctmA==";
constexpr const char* kDs = "2532 13 2 1e3d64fd10041be19fb08220c5dc28e28bf08ce92834de1814ad02787640e7e5";
constexpr const char* kOtherKey = "257 3 13 C8tZc7Y1QAOZMC2HCfm/M+GZzC9QH3QS4MJsYDG97lyH3JFCPirjClJH7siL4sJ2LdY6cngQBuSTwz6l3tO/Xg==";

class DsRulesTest : public ::testing::Test {
 protected:
  // goodkey.test with a DS at its parent and two servers serving `keys` (DNSKEY answered with `kind`).
  DelegationReport signed_report(std::vector<std::string> keys, OutcomeKind kind = OutcomeKind::Answer) {
    DelegationReport r{.zone = n("goodkey.test"), .parent_zone = n("test")};
    r.parent_ns = ab;
    r.parent = {parent("192.0.2.1", ab)};
    r.parent[0].ds = {kDs};
    for (const char* ip : {"198.51.100.1", "198.51.100.2"}) {
      auto c = child(ip, ab);
      c.dnskey_outcome = kind;
      c.dnskeys = keys;
      r.child.push_back(c);
    }
    return r;
  }
  std::vector<DomainName> ab{n("a.ns.net"), n("b.ns.net")};
};

TEST_F(DsRulesTest, DsWithoutAnyDnskeyIsAnError) {
  auto r = signed_report({}, OutcomeKind::NoData);
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::NotConsistent);
  ASSERT_TRUE(has(r, ProblemCode::DsWithoutDnskey));
  EXPECT_NE(message(r, ProblemCode::DsWithoutDnskey).find("serves no DNSKEY, but the parent has DS 2532 13 2"), std::string::npos);
  EXPECT_NE(message(r, ProblemCode::DsWithoutDnskey).find("SERVFAIL"), std::string::npos);
}

TEST_F(DsRulesTest, DsMatchingNoServedKeyIsAnError) {
  auto r = signed_report({kOtherKey});
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::NotConsistent);
  ASSERT_TRUE(has(r, ProblemCode::DsMatchesNoDnskey));
  EXPECT_NE(message(r, ProblemCode::DsMatchesNoDnskey)
                .find("serves DNSKEY {61496}, and none matches a DS at the parent {DS 2532: no-key-with-tag}"),
            std::string::npos)
      << message(r, ProblemCode::DsMatchesNoDnskey);
}

TEST_F(DsRulesTest, OneServerWithoutTheKeyIsEnoughToFail) {
  auto r = signed_report({kKey});
  r.child[1].dnskeys = {kOtherKey};
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::NotConsistent);
  ASSERT_TRUE(has(r, ProblemCode::DsMatchesNoDnskey));
  auto bad = std::ranges::count_if(r.problems, [](const Problem& p) { return p.code == ProblemCode::DsMatchesNoDnskey; });
  EXPECT_EQ(bad, 1);
}

TEST_F(DsRulesTest, MatchingKeyIsConsistentWithAWarning) {
  auto r = signed_report({kOtherKey, kKey});
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::Consistent);
  EXPECT_TRUE(has(r, ProblemCode::DsAtParent));
  EXPECT_FALSE(has(r, ProblemCode::DsMatchesNoDnskey));
}

TEST_F(DsRulesTest, UnansweredDnskeyQuestionIsUndecided) {
  auto r = signed_report({}, OutcomeKind::Timeout);
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::Undecided);
}

TEST_F(DsRulesTest, WithoutDsKeysAreNotJudged) {
  auto r = signed_report({}, OutcomeKind::NoData);
  r.parent[0].ds.clear();
  evaluate_delegation(r, {});
  EXPECT_EQ(r.verdict, Verdict::Consistent);
  EXPECT_TRUE(r.problems.empty());
}

TEST(ProblemTagsTest, OwnTagsWithPeerTagsBeside) {
  EXPECT_EQ(to_string(ProblemCode::GlueMissing), "NO_GLUE_FOR_IN_ZONE_NS");
  EXPECT_EQ(peer_tags(ProblemCode::GlueMissing), "Zonemaster CS05_MISSING_GLUE_FOR_NS; DNSViz MISSING_GLUE_FOR_NS_NAME");
  EXPECT_EQ(to_string(ProblemCode::DsWithoutDnskey), "DS_WITHOUT_DNSKEY");
  EXPECT_NE(peer_tags(ProblemCode::DsWithoutDnskey).find("DS_BUT_NOT_DNSKEY"), std::string_view::npos);
  EXPECT_EQ(peer_tags(ProblemCode::UnexpectedNsSet), "");
}

}  // namespace
}  // namespace cutover::dns
