// check_propagation against the lab, including Unbound holding the old NS
// set after the TLD switched to the new servers.

#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "dns/prober.h"
#include "dns/propagation.h"
#include "tests/lab/dns/dns_lab_test.h"
#include "tests/lab/dns/lab_zones.h"

namespace cutover::lab {
namespace {

using namespace std::chrono_literals;
using A = LabAddresses;
using Clock = std::chrono::steady_clock;

std::string dump(const dns::PropagationReport& r) {
  std::string out = std::string(dns::to_string(r.verdict)) + "\n";
  for (const auto& row : r.rows) {
    out += std::string(dns::to_string(row.role)) + " " + dns::to_string(row.server.address) + " " +
           std::string(dns::to_string(row.outcome)) + " ttl=" + std::to_string(row.ttl) + (row.matches ? " match" : " differ");
    for (const auto& v : row.values) out += " " + v;
    out += "\n";
  }
  return out;
}

class PropagationLab : public DnsLabTest {
 protected:
  dns::PropagationReport status(const char* name, dns::RecordType type, std::vector<std::string> expected) {
    auto r = dns::check_propagation({.name = *dns::DomainName::parse(name),
                                     .type = type,
                                     .expected = std::move(expected),
                                     .root_hints = root_servers(),
                                     .resolvers = {*dns::parse_server_address(A::kUnbound)},
                                     .probe = {.timeout = 300ms, .attempts = 2}});
    EXPECT_TRUE(r.has_value());
    return r.value_or(dns::PropagationReport{});
  }
  void prime_unbound(const char* name, dns::RecordType type) {
    std::vector<dns::ProbeRequest> q{{.server = *dns::parse_server_address(A::kUnbound),
                                      .question = {.name = *dns::DomainName::parse(name), .type = type},
                                      .recursion_desired = true}};
    auto o = dns::probe(q);
    ASSERT_TRUE(o.has_value());
    ASSERT_EQ((*o)[0].kind, dns::OutcomeKind::Answer);
  }
  std::vector<std::string> new_set{"ns1.new-dns.test", "ns2.new-dns.test", "ns3.new-dns.test", "ns4.new-dns.test"};
};

TEST_F(PropagationLab, CurrentStateIsPropagatedEverywhere) {
  auto r = status("example.test", dns::RecordType::NS, {"ns1.example.test", "ns2.example.test."});
  EXPECT_EQ(r.verdict, dns::Verdict::Consistent) << dump(r);
  EXPECT_EQ(r.zone.text(), "example.test.");
  EXPECT_EQ(std::ranges::count_if(r.rows, [](const auto& row) { return row.role == dns::Role::Parent; }), 2);
  EXPECT_EQ(std::ranges::count_if(r.rows, [](const auto& row) { return row.role == dns::Role::Resolver; }), 1);
  ASSERT_TRUE(r.eta.has_value());
  EXPECT_EQ(*r.eta, 0s);
  EXPECT_EQ(r.window, std::chrono::seconds(kExampleNsTtl));
}

TEST_F(PropagationLab, ParentStillOnTheOldSetIsNotPropagatedWithoutEta) {
  auto r = status("example.test", dns::RecordType::NS, new_set);
  EXPECT_EQ(r.verdict, dns::Verdict::NotConsistent) << dump(r);
  EXPECT_FALSE(r.eta.has_value());
  for (const auto& row : r.rows) {
    if (row.role == dns::Role::Parent) {
      EXPECT_FALSE(row.matches) << dump(r);
    }
  }
  // The new servers are asked too, and already answer with the new set.
  auto new1 = std::ranges::find_if(r.rows, [](const auto& row) { return row.server.address.ip == A::kNew1; });
  ASSERT_NE(new1, r.rows.end()) << dump(r);
  EXPECT_TRUE(new1->matches) << dump(r);
}

TEST_F(PropagationLab, UnboundHoldsTheOldNsUntilItsTtlRunsOut) {
  prime_unbound("example.test", dns::RecordType::NS);
  ASSERT_TRUE(lab_.delegate_example_to_new().has_value());
  auto r = status("example.test", dns::RecordType::NS, new_set);
  auto checked_at = Clock::now();
  EXPECT_EQ(r.verdict, dns::Verdict::NotConsistent) << dump(r);
  auto resolver = std::ranges::find_if(r.rows, [](const auto& row) { return row.role == dns::Role::Resolver; });
  ASSERT_NE(resolver, r.rows.end());
  EXPECT_FALSE(resolver->matches) << dump(r);
  EXPECT_EQ(resolver->values, (std::vector<std::string>{"ns1.example.test.", "ns2.example.test."})) << dump(r);
  for (const auto& row : r.rows) {
    if (row.role != dns::Role::Resolver) {
      EXPECT_TRUE(row.matches) << dump(r);
    }
  }
  ASSERT_TRUE(r.eta.has_value()) << dump(r);
  EXPECT_EQ(*r.eta, std::chrono::seconds(resolver->ttl));
  EXPECT_GE(r.eta->count(), 1);
  EXPECT_LE(r.eta->count(), kExampleNsTtl);
  // Poll until Unbound lets go; it must happen around the ETA, not before it.
  auto deadline = checked_at + *r.eta + 6s;
  dns::PropagationReport later;
  while (Clock::now() < deadline) {
    later = status("example.test", dns::RecordType::NS, new_set);
    if (later.verdict == dns::Verdict::Consistent) break;
    std::this_thread::sleep_for(250ms);
  }
  EXPECT_EQ(later.verdict, dns::Verdict::Consistent) << dump(later);
  EXPECT_GE(Clock::now() - checked_at, *r.eta - 1s);
}

TEST_F(PropagationLab, OtherTypesAreJudgedOnAuthoritativeAndResolverAnswers) {
  auto r = status("www.example.test", dns::RecordType::A, {"192.0.2.10"});
  EXPECT_EQ(r.verdict, dns::Verdict::Consistent) << dump(r);
  EXPECT_EQ(r.zone.text(), "example.test.");
  auto wrong = status("www.example.test", dns::RecordType::A, {"192.0.2.99"});
  EXPECT_EQ(wrong.verdict, dns::Verdict::NotConsistent) << dump(wrong);
}

}  // namespace
}  // namespace cutover::lab
