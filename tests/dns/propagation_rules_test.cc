// judge_propagation on hand-made rows: verdict, ETA and window.

#include <gtest/gtest.h>

#include "dns/propagation.h"

namespace cutover::dns {
namespace {

using namespace std::chrono_literals;

PropagationRow row(Role role, const char* ip, std::vector<std::string> values, std::uint32_t ttl, OutcomeKind kind = OutcomeKind::Answer) {
  return PropagationRow{
      .role = role, .server = {.address = *parse_server_address(ip)}, .outcome = kind, .values = std::move(values), .ttl = ttl};
}

PropagationReport report(std::vector<PropagationRow> rows) {
  return PropagationReport{
      .name = *DomainName::parse("example.com"), .type = RecordType::NS, .expected = {"a.new.net.", "b.new.net."}, .rows = std::move(rows)};
}

const std::vector<std::string> kNew{"a.new.net.", "b.new.net."};
const std::vector<std::string> kOld{"a.old.net.", "b.old.net."};

TEST(PropagationRulesTest, EverythingNewIsPropagatedWithZeroEta) {
  auto r = report({row(Role::Parent, "192.0.2.1", kNew, 172800), row(Role::Authoritative, "192.0.2.2", kNew, 3600),
                   row(Role::Resolver, "192.0.2.3", kNew, 100)});
  judge_propagation(r);
  EXPECT_EQ(r.verdict, Verdict::Consistent);
  EXPECT_EQ(r.eta, 0s);
  EXPECT_EQ(r.window, 172800s);
}

TEST(PropagationRulesTest, ResolverHoldingOldAnswerGivesEtaFromItsTtl) {
  auto r = report({row(Role::Parent, "192.0.2.1", kNew, 172800), row(Role::Authoritative, "192.0.2.2", kNew, 3600),
                   row(Role::Resolver, "192.0.2.3", kOld, 700), row(Role::Resolver, "192.0.2.4", kOld, 1200),
                   row(Role::Resolver, "192.0.2.5", kNew, 50)});
  judge_propagation(r);
  EXPECT_EQ(r.verdict, Verdict::NotConsistent);
  EXPECT_EQ(r.eta, 1200s);
}

TEST(PropagationRulesTest, ParentOnOldSetHasNoEta) {
  auto r = report({row(Role::Parent, "192.0.2.1", kOld, 172800), row(Role::Authoritative, "192.0.2.2", kNew, 3600)});
  judge_propagation(r);
  EXPECT_EQ(r.verdict, Verdict::NotConsistent);
  EXPECT_FALSE(r.eta.has_value());
}

TEST(PropagationRulesTest, SilentServerIsUndecidedNeverAMatch) {
  auto r = report({row(Role::Parent, "192.0.2.1", kNew, 172800), row(Role::Authoritative, "192.0.2.2", {}, 0, OutcomeKind::Timeout)});
  judge_propagation(r);
  EXPECT_FALSE(r.rows[1].matches);
  EXPECT_EQ(r.verdict, Verdict::Undecided);
}

// For an A record the parent's answer is not compared, but a silent parent
// server may delegate to servers nobody asked (the fault lab's late parent).
TEST(PropagationRulesTest, ASilentParentServerLeavesAnAddressUndecided) {
  PropagationReport r{.name = *DomainName::parse("www.example.com"),
                      .type = RecordType::A,
                      .expected = {"192.0.2.10"},
                      .rows = {row(Role::Parent, "192.0.2.1", kNew, 172800), row(Role::Parent, "192.0.2.9", {}, 0, OutcomeKind::Timeout),
                               row(Role::Authoritative, "192.0.2.2", {"192.0.2.10"}, 300)}};
  judge_propagation(r);
  EXPECT_TRUE(r.rows[2].matches);
  EXPECT_EQ(r.verdict, Verdict::Undecided);
}

TEST(PropagationRulesTest, NormalisesNamesButNotOtherValues) {
  EXPECT_EQ(normalise_value(RecordType::NS, "NS1.Example.COM"), "ns1.example.com.");
  EXPECT_EQ(normalise_value(RecordType::A, "192.0.2.1"), "192.0.2.1");
}

}  // namespace
}  // namespace cutover::dns
