// The live gate checker against real servers (GatesLab, 127.55.0.0/16): each
// DNS gate holds on a healthy hierarchy, fails naming the server that
// differs, and never holds when a server is silent.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <memory>

#include "planner/gates/live_gate_checker.h"
#include "tests/lab/gates/gates_lab.h"

namespace cutover::lab {
namespace {

using planner::Gate;
using planner::GateKind;
using planner::GateResult;
using A = GatesAddresses;

dns::DomainName dn(std::string_view text) { return dns::DomainName::parse(text).value(); }

std::string all_lines(const GateResult& r) {
  std::string out;
  for (const auto& line : r.evidence) out += line + "\n";
  return out;
}

bool has_line(const GateResult& r, const std::string& part) {
  return std::ranges::any_of(r.evidence, [&](const std::string& l) { return l.find(part) != std::string::npos; });
}

// Whether a result does not hold, decided (not undecided), with each of
// `parts` in some evidence line; on failure, shows the evidence.
::testing::AssertionResult fails_naming(const GateResult& r, std::initializer_list<std::string> parts) {
  std::string wrong;
  if (r.holds) wrong += "it holds\n";
  if (r.undecided) wrong += "it is undecided\n";
  for (const std::string& part : parts) {
    if (!has_line(r, part)) wrong += "no line with \"" + part + "\"\n";
  }
  if (wrong.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << wrong << "evidence:\n" << all_lines(r);
}

class GatesLabTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    lab_ = std::make_unique<GatesLab>();
    auto started = lab_->start();
    ASSERT_TRUE(started.has_value()) << started.error().message;
  }
  static void TearDownTestSuite() { lab_.reset(); }

  void SetUp() override {
    ASSERT_TRUE(lab_) << "lab not started";
    plan_.domain = dn("example.test");
    plan_.verification.parent_servers = {A::kTld1, A::kTld2};
    // Short and few tries: a dead server is known in 0.4 s, not 14 s.
    plan_.verification.timeout = std::chrono::milliseconds(200);
    plan_.verification.attempts = 2;
    add("old", old_example());
    add("new", new_example());
    add("new-stale", new_example_with_stale());
    add("dev", dev_example());
    auto other_child = dev_example();
    other_child.nameservers = {"ns9.dev-dns.test."};
    add("dev-elsewhere", other_child);
    auto with_dead = old_example();
    with_dead.servers.push_back(A::kDead);
    add("old-with-dead", with_dead);
    for (auto& v : parity_variants()) add(v.key, std::move(v.spec));
  }

  void add(const std::string& key, ZoneSpec spec) { providers_.zones[key] = std::make_unique<ServedZone>(std::move(spec)); }

  GateResult check(const Gate& gate, const planner::RunFacts& run = {}) {
    if (!checker_) checker_ = std::make_unique<planner::LiveGateChecker>(plan_, providers_);
    auto result = checker_->check(gate, run);
    EXPECT_TRUE(result.has_value()) << result.error().message;
    return result.value_or(GateResult{.evidence = {"check failed"}});
  }

  /// Parity of the old zone and `variant` (a key of parity_variants()).
  GateResult parity_with(const std::string& variant) { return check(Gate{.kind = GateKind::ZoneParity, .zones = {"old", variant}}); }

  static std::unique_ptr<GatesLab> lab_;
  planner::Plan plan_{};
  planner::ProviderSet providers_{};
  std::unique_ptr<planner::LiveGateChecker> checker_{};
};

std::unique_ptr<GatesLab> GatesLabTest::lab_;

TEST_F(GatesLabTest, ParityHoldsForIdenticalZones) {
  auto r = parity_with("new");
  EXPECT_TRUE(r.holds) << all_lines(r);
  // www A, www AAAA, mail A, MX, TXT, api CNAME, db CNAME, dev NS, lab NS (with its glue), lab DS on 2 old + 2 new servers.
  EXPECT_EQ(r.evidence[0].rfind("10 questions x 4 servers", 0), 0u) << all_lines(r);
}

// One parity rule each: the variant's one server differs from the old zone in
// exactly one record set, and the evidence names it.
TEST_F(GatesLabTest, ParityAsksWhatOnlyTheNewZoneHolds) {
  EXPECT_TRUE(fails_naming(parity_with("new-extra"), {"127.55.21.1 (new): extra.example.test. A -> 192.0.2.77"}));
}

TEST_F(GatesLabTest, ParityFailsOnARecordSetMissingInTheNewZone) {
  EXPECT_TRUE(fails_naming(parity_with("new-missing"), {"127.55.21.2 (new): mail.example.test. A -> nxdomain"}));
}

TEST_F(GatesLabTest, ParityFailsOnTxtDifferingOnlyInLetterCase) {
  EXPECT_TRUE(
      fails_naming(parity_with("new-txt-case"), {"127.55.21.3 (new): example.test. TXT -> \"v=spf1 include:mail.example.test -all\""}));
}

TEST_F(GatesLabTest, ParityFailsOnALongerTtlNamingBothAndLetsAShorterOnePass) {
  EXPECT_TRUE(fails_naming(parity_with("new-longer-ttl"),
                           {"127.55.21.4 (new): www.example.test. A -> 192.0.2.10 (TTL 86400, AA)", "(old) -> 192.0.2.10 (TTL 30, AA)"}));
  auto shorter = parity_with("new-shorter-ttl");
  EXPECT_TRUE(shorter.holds) << all_lines(shorter);
}

TEST_F(GatesLabTest, ParityFailsOnADifferentDsAtADelegation) {
  EXPECT_TRUE(fails_naming(parity_with("new-ds"), {"127.55.21.6 (new): lab.example.test. DS"}));
}

TEST_F(GatesLabTest, ParitySamplesRoutedNamesAndHoldsWhenEveryAnswerIsOneTheOldZoneGives) {
  auto r = parity_with("new");
  EXPECT_TRUE(r.holds) << all_lines(r);
  EXPECT_TRUE(has_line(r, "2 alias and routing-policy sets compared through the providers, 0 differ")) << all_lines(r);
  EXPECT_TRUE(has_line(r, "1 alias and routing-policy names asked 6 times on every server: 12/12 new answers")) << all_lines(r);
}

TEST_F(GatesLabTest, ParityFailsWhenARoutedNameAnswersWhatTheOldZoneNeverGives) {
  EXPECT_TRUE(
      fails_naming(parity_with("new-routed-stray"), {"127.55.21.8 (new): shop.example.test. A -> ", "not an answer the old zone gives"}));
}

TEST_F(GatesLabTest, ParityFailsOnDifferentGlueBelowADelegation) {
  EXPECT_TRUE(fails_naming(parity_with("new-glue"), {"127.55.21.7 (new): lab.example.test. NS -> referral: ", "192.0.2.54"}));
}

TEST_F(GatesLabTest, ParityFailsNamingExactlyTheStaleServer) {
  auto r = parity_with("new-stale");
  EXPECT_TRUE(fails_naming(r, {}));
  // The summary, the one difference, then the routed sets' two lines (both hold).
  ASSERT_EQ(r.evidence.size(), 4u) << all_lines(r);
  EXPECT_EQ(r.evidence[1].rfind("127.55.20.3 (new): www.example.test. A -> 192.0.2.99", 0), 0u) << all_lines(r);
  EXPECT_NE(r.evidence[3].find(": 18/18 new answers are ones the old zone gives"), std::string::npos) << all_lines(r);
  EXPECT_NE(r.evidence[1].find("(old) -> 192.0.2.10"), std::string::npos) << all_lines(r);
}

TEST_F(GatesLabTest, ParityWithASilentServerIsUndecided) {
  auto r = check(Gate{.kind = GateKind::ZoneParity, .zones = {"old-with-dead", "new"}});
  EXPECT_FALSE(r.holds);
  EXPECT_TRUE(r.undecided) << all_lines(r);
  EXPECT_TRUE(has_line(r, "127.55.99.1 (old): ")) << all_lines(r);
}

TEST_F(GatesLabTest, AuthoritativeHoldsOnEveryServerAndIsUndecidedWithADeadOne) {
  auto r = check(Gate{.kind = GateKind::Authoritative, .zones = {"new"}});
  EXPECT_TRUE(r.holds) << all_lines(r);
  EXPECT_TRUE(has_line(r, "127.55.20.2: example.test. NS -> ns1.new-dns.test. ns2.new-dns.test. (TTL 10, AA)")) << all_lines(r);

  auto dead = check(Gate{.kind = GateKind::Authoritative, .zones = {"old-with-dead"}});
  EXPECT_FALSE(dead.holds);
  EXPECT_TRUE(dead.undecided) << all_lines(dead);
  EXPECT_TRUE(has_line(dead, "127.55.99.1: example.test. SOA -> ")) << all_lines(dead);
}

TEST_F(GatesLabTest, ParentDelegatesToTheOldZoneNotTheNewOne) {
  auto old = check(Gate{.kind = GateKind::ParentDelegatesTo, .name = dn("example.test"), .expected = "old"});
  EXPECT_TRUE(old.holds) << all_lines(old);
  EXPECT_TRUE(has_line(old, "127.55.1.2: example.test. NS -> referral to example.test.: ns1.old-dns.test. ns2.old-dns.test. (TTL 10)"))
      << all_lines(old);

  auto moved = check(Gate{.kind = GateKind::ParentDelegatesTo, .name = dn("example.test"), .expected = "new"});
  EXPECT_TRUE(fails_naming(moved, {"0/2 agree, 2 differ"}));
}

TEST_F(GatesLabTest, ParentServersFoundFromTheRootHints) {
  plan_.verification.parent_servers.clear();
  plan_.verification.root_hints = lab_->root_hints();
  auto r = check(Gate{.kind = GateKind::ParentDelegatesTo, .name = dn("example.test"), .expected = "old"});
  EXPECT_TRUE(r.holds) << all_lines(r);
  EXPECT_TRUE(has_line(r, "127.55.1.1 (ns1.nic.test.)")) << all_lines(r);
}

TEST_F(GatesLabTest, UnchangedDelegationRemembersTheSetSeenFirst) {
  Gate unchanged{.kind = GateKind::ParentDelegatesTo, .name = dn("example.test")};
  auto first = check(unchanged);
  EXPECT_TRUE(first.holds) << all_lines(first);
  auto remembered = checker_->remembered_delegation(dn("example.test"));
  ASSERT_TRUE(remembered.has_value());
  EXPECT_EQ(*remembered, (std::vector<dns::DomainName>{dn("ns1.old-dns.test"), dn("ns2.old-dns.test")}));
  auto again = check(unchanged);
  EXPECT_TRUE(again.holds) << all_lines(again);
  EXPECT_TRUE(has_line(again, "expected (the set first seen by this run): ns1.old-dns.test. ns2.old-dns.test.")) << all_lines(again);
  // The first look hands the baseline to the executor, to journal.
  const auto key = planner::baseline_key("delegation example.test.");
  EXPECT_EQ(first.learned.at(key), "ns1.old-dns.test. ns2.old-dns.test.");
  EXPECT_TRUE(again.learned.empty());
}

TEST_F(GatesLabTest, UnchangedDelegationComparesWithTheJournaledBaseline) {
  // A resumed run: the baseline comes from the run facts, not from what a new process sees first.
  Gate unchanged{.kind = GateKind::ParentDelegatesTo, .name = dn("example.test")};
  const auto key = planner::baseline_key("delegation example.test.");
  auto moved = check(unchanged, {.baselines = {{key, "ns1.new-dns.test. ns2.new-dns.test."}}});
  EXPECT_FALSE(moved.holds) << all_lines(moved);
  EXPECT_TRUE(has_line(moved, "expected (the set first seen by this run, kept in the journal): ns1.new-dns.test. ns2.new-dns.test."))
      << all_lines(moved);
  EXPECT_TRUE(moved.learned.empty());
  auto same = check(unchanged, {.baselines = {{key, "ns2.old-dns.test. ns1.old-dns.test."}}});
  EXPECT_TRUE(same.holds) << all_lines(same);
}

TEST_F(GatesLabTest, ADeadParentServerMakesTheDelegationUndecided) {
  plan_.verification.parent_servers = {A::kTld1, A::kDead};
  auto r = check(Gate{.kind = GateKind::ParentDelegatesTo, .name = dn("example.test"), .expected = "old"});
  EXPECT_FALSE(r.holds);
  EXPECT_TRUE(r.undecided) << all_lines(r);
  EXPECT_TRUE(has_line(r, "1/2 agree, 1 did not answer")) << all_lines(r);
}

TEST_F(GatesLabTest, ReferralToChildFromEveryParentServer) {
  auto r = check(Gate{.kind = GateKind::ReferralToChild, .zones = {"old", "dev"}, .name = dn("dev.example.test")});
  EXPECT_TRUE(r.holds) << all_lines(r);
  EXPECT_TRUE(has_line(r, "127.55.10.2: x.dev.example.test. A -> referral to dev.example.test.: ns1.dev-dns.test.")) << all_lines(r);

  auto elsewhere = check(Gate{.kind = GateKind::ReferralToChild, .zones = {"new", "dev-elsewhere"}, .name = dn("dev.example.test")});
  EXPECT_TRUE(fails_naming(elsewhere, {}));

  // mail.example.test is no child: the parent answers for it itself.
  auto none = check(Gate{.kind = GateKind::ReferralToChild, .zones = {"old", "dev"}, .name = dn("mail.example.test")});
  EXPECT_FALSE(none.holds);
  EXPECT_TRUE(has_line(none, "127.55.10.1: x.mail.example.test. A -> nxdomain")) << all_lines(none);
}

TEST_F(GatesLabTest, NoDsAtParentHoldsWithoutDsAndFailsWithOne) {
  auto clean = check(Gate{.kind = GateKind::NoDsAtParent, .name = dn("example.test"), .expected = "absent"});
  EXPECT_TRUE(clean.holds) << all_lines(clean);

  auto ds = check(Gate{.kind = GateKind::NoDsAtParent, .name = dn("signed.test"), .expected = "absent"});
  EXPECT_TRUE(fails_naming(ds, {"127.55.1.1: signed.test. DS -> 12345 13 2 "}));

  // Allowed, but the servers handed over to ('old', which does not serve signed.test) have no
  // DNSKEY the DS names: validating resolvers would answer SERVFAIL after the switch.
  auto allowed = check(Gate{.kind = GateKind::NoDsAtParent, .zones = {"old"}, .name = dn("signed.test"), .expected = "allowed"});
  EXPECT_TRUE(fails_naming(allowed, {"a DS was seen at the parent", "127.55.10.1 ('old'): signed.test. DNSKEY -> no DNSKEY"}));

  // Allowed with no zone to check the keys at: cannot decide, never holds.
  auto nowhere = check(Gate{.kind = GateKind::NoDsAtParent, .name = dn("signed.test"), .expected = "allowed"});
  EXPECT_FALSE(nowhere.holds) << all_lines(nowhere);
  EXPECT_TRUE(nowhere.undecided) << all_lines(nowhere);

  // Allowed and no DS: nothing to match.
  auto clean_allowed = check(Gate{.kind = GateKind::NoDsAtParent, .zones = {"old"}, .name = dn("example.test"), .expected = "allowed"});
  EXPECT_TRUE(clean_allowed.holds) << all_lines(clean_allowed);
}

TEST_F(GatesLabTest, TtlAtMostAndRecordAnswersOnEveryServer) {
  Gate ttl{.kind = GateKind::TtlAtMost, .zones = {"old", "new"}, .name = dn("example.test"), .type = dns::RecordType::NS, .ttl = 10};
  auto low = check(ttl);
  EXPECT_TRUE(low.holds) << all_lines(low);
  ttl.ttl = 5;
  auto high = check(ttl);
  EXPECT_FALSE(high.holds);
  EXPECT_TRUE(has_line(high, "0/4 agree, 4 differ")) << all_lines(high);

  Gate pointer{.kind = GateKind::RecordAnswers,
               .zones = {"old", "new"},
               .name = dn("db.example.test"),
               .type = dns::RecordType::CNAME,
               .expected = "old-db.cluster.test"};
  auto pinned = check(pointer);
  EXPECT_TRUE(pinned.holds) << all_lines(pinned);
  pointer.expected = "new-db.cluster.test.";
  auto moved = check(pointer);
  EXPECT_FALSE(moved.holds);
  EXPECT_TRUE(has_line(moved, "127.55.20.1: db.example.test. CNAME -> old-db.cluster.test. (TTL 60, AA)")) << all_lines(moved);
}

// The check after a bulk record change (`records`): each planned name on every
// server, exact values and TTL, a deleted name NXDOMAIN; one server that
// missed an update fails it, a dead one leaves it undecided.
TEST_F(GatesLabTest, RecordsAsPlannedOnEveryServer) {
  using planner::ExpectedRecord;
  std::vector<ExpectedRecord> planned{
      {.name = dn("www.example.test"), .type = dns::RecordType::A, .values = {"192.0.2.10"}, .ttl = 30},
      {.name = dn("api.example.test"), .type = dns::RecordType::CNAME, .values = {"www.example.test."}, .ttl = 30},
      {.name = dn("gone.example.test"), .type = dns::RecordType::CNAME, .absent = true}};
  auto held = check(Gate{.kind = GateKind::RecordsAsPlanned, .zones = {"old"}, .records = planned});
  EXPECT_TRUE(held.holds) << all_lines(held);
  EXPECT_TRUE(has_line(held, "127.55.10.2: 3/3 as planned")) << all_lines(held);
  auto stale = check(Gate{.kind = GateKind::RecordsAsPlanned, .zones = {"new-stale"}, .records = planned});
  EXPECT_TRUE(fails_naming(stale, {"www.example.test. A -> 192.0.2.99"}));
  planned[0].ttl = 60;
  auto ttl = check(Gate{.kind = GateKind::RecordsAsPlanned, .zones = {"old"}, .records = planned});
  EXPECT_FALSE(ttl.holds) << "the planned TTL is part of the answer";
  planned[0].ttl = 30;
  auto dead = check(Gate{.kind = GateKind::RecordsAsPlanned, .zones = {"old-with-dead"}, .records = planned});
  EXPECT_FALSE(dead.holds);
  EXPECT_TRUE(dead.undecided) << all_lines(dead);
}

TEST_F(GatesLabTest, ResolversAgreeWithTheZoneTheyResolveThrough) {
  plan_.verification.resolvers = {A::kUnbound};
  auto old = check(Gate{.kind = GateKind::ResolversAgree, .zones = {"old"}});
  EXPECT_TRUE(old.holds) << all_lines(old);
  EXPECT_TRUE(has_line(old, "127.55.53.1: example.test. NS -> ns1.old-dns.test. ns2.old-dns.test. (TTL ")) << all_lines(old);

  auto moved = check(Gate{.kind = GateKind::ResolversAgree, .zones = {"new"}});
  EXPECT_TRUE(fails_naming(moved, {}));

  plan_.verification.resolvers = {A::kUnbound, A::kDead};
  auto dead = check(Gate{.kind = GateKind::ResolversAgree, .zones = {"old"}});
  EXPECT_FALSE(dead.holds);
  EXPECT_TRUE(dead.undecided) << all_lines(dead);
}

}  // namespace
}  // namespace cutover::lab
