// ParentZoneRegistrarProvider over an RFC 2136 provider holding `test.`:
// reads the delegation of example.test, moves it, and the secondary hands
// out the new referral when set_delegation returns.

#include "dns/axfr.h"
#include "planner/providers/parent_zone_registrar.h"
#include "planner/providers/record_ops.h"
#include "planner/providers/rfc2136_zone.h"
#include "tests/lab/rfc2136_providers/lab_fixture.h"

namespace cutover::lab {
namespace {

using dns::RecordType;
using A = KnotPairAddresses;

class ParentZoneRegistrarLab : public KnotPairTest {
 protected:
  void SetUp() override {
    KnotPairTest::SetUp();
    if (HasFatalFailure()) return;
    planner::Rfc2136Zone spec{.primaries = {A::kPrimary},
                              .nameservers = {name("ns1.test.")},
                              .servers = {A::kPrimary, A::kSecondary},
                              .tsig_key_file = lab_.key_file()};
    auto opened = planner::Rfc2136ZoneProvider::open(name("test."), spec);
    ASSERT_TRUE(opened.has_value()) << opened.error().message;
    parent_ = std::move(*opened);
  }
  std::vector<std::string> texts(const std::vector<dns::DomainName>& names) {
    std::vector<std::string> out;
    for (const auto& n : names) out.push_back(n.text());
    std::ranges::sort(out);
    return out;
  }
  std::uint32_t ns_ttl(const char* owner) {
    auto zone = parent_->list();
    EXPECT_TRUE(zone.has_value());
    auto ns = zone ? planner::find_rrset(*zone, name(owner), RecordType::NS) : std::nullopt;
    return ns ? ns->ttl : 0;
  }
  // The NS values at `owner` in the secondary's copy of test. (by AXFR).
  std::vector<std::string> secondary_ns(const char* owner) {
    auto key = dns::read_tsig_key_file(lab_.key_file());
    auto sets = dns::transfer_zone(address(A::kSecondary), name("test."), *key);
    EXPECT_TRUE(sets.has_value()) << sets.error().message;
    std::vector<std::string> out;
    for (const auto& set : sets.value_or(std::vector<dns::RecordSet>{})) {
      if (set.name == name(owner) && set.type == RecordType::NS) out = set.rdata;
    }
    std::ranges::sort(out);
    return out;
  }
  std::unique_ptr<planner::Rfc2136ZoneProvider> parent_;
};

TEST_F(ParentZoneRegistrarLab, ReadsAndMovesADelegationKeepingItsTtl) {
  planner::ParentZoneRegistrarProvider registrar(*parent_);
  auto before = registrar.delegation(name("example.test."));
  ASSERT_TRUE(before.has_value()) << before.error().message;
  EXPECT_EQ(texts(*before), (std::vector<std::string>{"ns1.old-dns.test.", "ns2.old-dns.test."}));

  auto set = registrar.set_delegation(name("example.test."), {name("ns1.new-dns.test."), name("NS2.new-dns.test.")}, 0);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  auto after = registrar.delegation(name("example.test."));
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_EQ(texts(*after), (std::vector<std::string>{"ns1.new-dns.test.", "ns2.new-dns.test."}));
  EXPECT_EQ(ns_ttl("example.test."), 3600u);
  // The secondary holds the new delegation as soon as set_delegation returns
  // (read from its copy of test.: it also serves example.test. itself, so a query would answer from that).
  EXPECT_EQ(secondary_ns("example.test."), (std::vector<std::string>{"ns1.new-dns.test.", "ns2.new-dns.test."}));
}

TEST_F(ParentZoneRegistrarLab, CreatesADelegationWithTheGivenTtl) {
  planner::ParentZoneRegistrarProvider registrar(*parent_);
  auto none = registrar.delegation(name("dev.test."));
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_TRUE(none->empty());
  auto set = registrar.set_delegation(name("dev.test."), {name("ns1.dev-dns.test.")}, 120);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(ns_ttl("dev.test."), 120u);
  EXPECT_EQ(values_at(A::kSecondary, "dev.test.", RecordType::NS), std::vector<std::string>{"ns1.dev-dns.test."});
  EXPECT_EQ(secondary_ns("dev.test."), std::vector<std::string>{"ns1.dev-dns.test."});
  // Setting the same again is a no-op that succeeds.
  EXPECT_TRUE(registrar.set_delegation(name("dev.test."), {name("ns1.dev-dns.test.")}, 120).has_value());
}

TEST_F(ParentZoneRegistrarLab, RefusesNamesItCannotDelegate) {
  planner::ParentZoneRegistrarProvider registrar(*parent_);
  auto apex = registrar.delegation(name("test."));
  ASSERT_FALSE(apex.has_value());
  EXPECT_EQ(apex.error().code, planner::ErrorCode::Invalid);
  auto outside = registrar.set_delegation(name("example.com."), {name("ns1.example.com.")}, 0);
  ASSERT_FALSE(outside.has_value());
  EXPECT_NE(outside.error().message.find("example.com. is not below parent zone test."), std::string::npos);
  auto empty = registrar.set_delegation(name("example.test."), {}, 0);
  ASSERT_FALSE(empty.has_value());
  EXPECT_EQ(empty.error().code, planner::ErrorCode::Invalid);
}

}  // namespace
}  // namespace cutover::lab
