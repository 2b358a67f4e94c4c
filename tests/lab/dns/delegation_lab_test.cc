// check_delegation against the lab: a clean delegation, a parent still on the
// old set, a lame and a dead server, a DS with no, the wrong or the right
// DNSKEY in the zone, an NS name without glue, a child zone.

#include <gtest/gtest.h>

#include <algorithm>

#include "dns/delegation.h"
#include "tests/lab/dns/dns_lab_test.h"
#include "tests/lab/dns/lab_zones.h"

namespace cutover::lab {
namespace {

using namespace std::chrono_literals;
using dns::ProblemCode;
using dns::Verdict;

bool has(const dns::DelegationReport& r, ProblemCode code, const std::string& server = "") {
  return std::ranges::any_of(r.problems, [&](const dns::Problem& p) { return p.code == code && (server.empty() || p.server == server); });
}

std::string dump(const dns::DelegationReport& r) {
  std::string out = std::string(dns::to_string(r.verdict)) + "\n";
  for (const auto& p : r.problems) out += std::string(dns::to_string(p.code)) + " " + p.server + ": " + p.message + "\n";
  return out;
}

class DelegationLab : public DnsLabTest {
 protected:
  dns::DelegationReport check(const char* zone, std::vector<dns::DomainName> expect = {}) {
    auto report = dns::check_delegation(
        {.zone = name(zone), .root_hints = root_servers(), .expect_ns = std::move(expect), .probe = {.timeout = 200ms, .attempts = 2}});
    EXPECT_TRUE(report.has_value());
    return report.value_or(dns::DelegationReport{});
  }
  std::vector<dns::DomainName> new_set() {
    return {name("ns1.new-dns.test"), name("ns2.new-dns.test"), name("ns3.new-dns.test"), name("ns4.new-dns.test")};
  }
};

TEST_F(DelegationLab, CleanDelegationPasses) {
  auto r = check("example.test");
  EXPECT_EQ(r.verdict, Verdict::Consistent) << dump(r);
  EXPECT_EQ(r.parent_zone, name("test"));
  ASSERT_EQ(r.parent.size(), 2u);  // both TLD servers asked
  ASSERT_EQ(r.child.size(), 2u);
  EXPECT_EQ(r.parent_ns, (std::vector{name("ns1.example.test"), name("ns2.example.test")}));
  EXPECT_EQ(r.child_ns, r.parent_ns);
  EXPECT_EQ(r.parent[0].ns_ttl, 8u);
  EXPECT_TRUE(r.problems.empty()) << dump(r);
}

TEST_F(DelegationLab, ChildZoneDelegatedFromTheProviderServers) {
  auto r = check("dev.example.test");
  EXPECT_EQ(r.verdict, Verdict::Consistent) << dump(r);
  EXPECT_EQ(r.parent_zone, name("example.test"));
  EXPECT_EQ(r.child_ns, std::vector{name("ns1.dev.example.test")});
}

TEST_F(DelegationLab, ParentStillDelegatingToTheOldSet) {
  auto r = check("example.test", new_set());
  EXPECT_EQ(r.verdict, Verdict::NotConsistent) << dump(r);
  EXPECT_TRUE(has(r, ProblemCode::UnexpectedNsSet, "127.53.1.1")) << dump(r);
  EXPECT_TRUE(has(r, ProblemCode::UnexpectedNsSet, "127.53.1.2")) << dump(r);
}

TEST_F(DelegationLab, PassesOnceTheParentDelegatesToTheNewSet) {
  ASSERT_TRUE(lab_.delegate_example_to_new().has_value());
  auto r = check("example.test", new_set());
  EXPECT_EQ(r.verdict, Verdict::Consistent) << dump(r);
  EXPECT_EQ(r.child.size(), 4u);
}

TEST_F(DelegationLab, LameAndDeadServersAreReportedNeverCountedAsAgreeing) {
  auto r = check("broken.test");
  EXPECT_EQ(r.verdict, Verdict::NotConsistent) << dump(r);
  EXPECT_TRUE(has(r, ProblemCode::Refused, "127.53.30.1")) << dump(r);
  EXPECT_TRUE(has(r, ProblemCode::NoResponse, "127.53.99.1")) << dump(r);
  auto dead = std::ranges::find_if(r.child, [](const dns::ChildView& v) { return v.server.address.ip == "127.53.99.1"; });
  ASSERT_NE(dead, r.child.end());
  EXPECT_EQ(dead->outcome, dns::OutcomeKind::Unreachable);
  EXPECT_TRUE(dead->ns.empty());
  EXPECT_EQ(r.child_ns, r.parent_ns);  // the one good server agrees with the parent
}

TEST_F(DelegationLab, DsWithoutDnskeyInTheZoneIsAnError) {
  auto r = check("signed.test");
  EXPECT_TRUE(has(r, ProblemCode::DsAtParent)) << dump(r);
  ASSERT_FALSE(r.parent.empty());
  EXPECT_EQ(r.parent[0].ds.size(), 1u);
  // Validating resolvers answer SERVFAIL for such a zone: an error, never "consistent".
  EXPECT_TRUE(has(r, ProblemCode::DsWithoutDnskey, "127.53.40.1")) << dump(r);
  EXPECT_EQ(r.verdict, Verdict::NotConsistent) << dump(r);
}

TEST_F(DelegationLab, DsNamingAKeyTheZoneDoesNotPublishIsAnError) {
  auto r = check("wrongkey.test");
  ASSERT_EQ(r.child.size(), 1u) << dump(r);
  EXPECT_EQ(r.child[0].dnskeys, std::vector<std::string>{kWrongkeyDnskey});
  EXPECT_TRUE(has(r, ProblemCode::DsMatchesNoDnskey, "127.53.40.1")) << dump(r);
  EXPECT_EQ(r.verdict, Verdict::NotConsistent) << dump(r);
}

TEST_F(DelegationLab, DsMatchingThePublishedKeyIsConsistent) {
  auto r = check("goodkey.test");
  EXPECT_TRUE(has(r, ProblemCode::DsAtParent)) << dump(r);
  EXPECT_FALSE(has(r, ProblemCode::DsMatchesNoDnskey)) << dump(r);
  EXPECT_EQ(r.verdict, Verdict::Consistent) << dump(r);  // a warning, not an error
}

TEST_F(DelegationLab, MissingGlueIsReportedWithAndWithoutRootHints) {
  // ns2.noglue.test. resolves through ns1 when root hints are at hand; what the
  // parent hands out must decide all the same.
  auto with_hints = check("noglue.test");
  auto without = dns::check_delegation({.zone = name("noglue.test"),
                                        .parent_servers = {*dns::parse_server_address(LabAddresses::kTld1)},
                                        .probe = {.timeout = 200ms, .attempts = 2}});
  ASSERT_TRUE(without.has_value());
  for (const auto* r : {&with_hints, &*without}) {
    EXPECT_TRUE(has(*r, ProblemCode::GlueMissing, "ns2.noglue.test.")) << dump(*r);
    EXPECT_EQ(r->verdict, Verdict::NotConsistent) << dump(*r);
    ASSERT_EQ(r->unasked.size(), 1u) << dump(*r);
    EXPECT_EQ(r->unasked[0].name, name("ns2.noglue.test"));
    EXPECT_NE(r->unasked[0].reason.find("no address (glue)"), std::string::npos);
    ASSERT_EQ(r->child.size(), 1u) << dump(*r);  // ns1 only
    EXPECT_EQ(r->child[0].server.name, name("ns1.noglue.test"));
  }
}

TEST_F(DelegationLab, GivenParentServersAreUsedAsIs) {
  auto r = dns::check_delegation({.zone = name("example.test"),
                                  .parent_servers = {*dns::parse_server_address("127.53.1.2"), *dns::parse_server_address("127.53.99.1")},
                                  .root_hints = root_servers(),
                                  .probe = {.timeout = 200ms, .attempts = 2}});
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(has(*r, ProblemCode::NoResponse, "127.53.99.1")) << dump(*r);
  EXPECT_EQ(r->verdict, Verdict::NotConsistent) << dump(*r);
}

}  // namespace
}  // namespace cutover::lab
