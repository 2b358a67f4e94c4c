// The pure parts of the live gate checker (questions, NS sets, evidence,
// tallies) and the gates answered by provider APIs, with the fakes of
// tests/planner/fakes.h. The DNS gates themselves are lab tests (tests/lab/gates).
#include "planner/gates/live_gate_checker.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "tests/planner/fakes.h"

namespace cutover::planner {
namespace {

using cutover::testing::FakeRegistry;
using cutover::testing::FakeTransfers;
using cutover::testing::FakeZone;
using cutover::testing::name;
using dns::RecordType;

bool has_line(const GateResult& r, const std::string& part) {
  return std::ranges::any_of(r.evidence, [&](const std::string& line) { return line.find(part) != std::string::npos; });
}

std::string all_lines(const GateResult& r) {
  std::string out;
  for (const auto& line : r.evidence) out += line + "\n";
  return out;
}

std::vector<Rrset> example_listing() {
  return {
      {.name = name("example.test"), .type = RecordType::SOA, .values = {"ns1. h. 1 2 3 4 5"}},
      {.name = name("example.test"), .type = RecordType::NS, .values = {"ns1.old.test."}},
      {.name = name("www.example.test"), .type = RecordType::A, .values = {"192.0.2.1"}},
      {.name = name("www.example.test"), .type = RecordType::AAAA, .values = {"2001:db8::1"}},
      {.name = name("dev.example.test"), .type = RecordType::NS, .values = {"ns1.dev.example.test."}},
      {.name = name("ns1.dev.example.test"), .type = RecordType::A, .values = {"192.0.2.53"}},
      {.name = name("old.dev.example.test"), .type = RecordType::A, .values = {"192.0.2.7"}},
      {.name = name("mail.example.test"), .type = RecordType::A, .values = {"192.0.2.25"}},
  };
}

std::vector<std::string> texts(const std::vector<dns::Question>& questions) {
  std::vector<std::string> out;
  for (const auto& q : questions) out.push_back(q.name.text() + " " + std::string(dns::to_string(q.type)));
  return out;
}

TEST(LiveGatesQuestions, LeaveOutSoaApexNsAndGlueButAskTheDelegation) {
  Gate gate{.kind = GateKind::ZoneParity};
  auto q = live::parity_questions(example_listing(), name("example.test"), gate);
  EXPECT_EQ(texts(q),
            (std::vector<std::string>{"www.example.test. A", "www.example.test. AAAA", "dev.example.test. NS", "mail.example.test. A"}));
}

TEST(LiveGatesQuestions, ExcludeBelowDropsTheChildAndItsDelegation) {
  Gate gate{.kind = GateKind::ZoneParity, .exclude_below = {name("dev.example.test")}};
  auto q = live::parity_questions(example_listing(), name("example.test"), gate);
  EXPECT_EQ(texts(q), (std::vector<std::string>{"www.example.test. A", "www.example.test. AAAA", "mail.example.test. A"}));
}

TEST(LiveGatesQuestions, NameRestrictsToASubtreeWhoseTopNsIsLeftOut) {
  // Sub-delegation parity: the parent's records under the child, before it delegates.
  std::vector<Rrset> listing = {
      {.name = name("example.test"), .type = RecordType::NS, .values = {"ns1.old.test."}},
      {.name = name("www.example.test"), .type = RecordType::A, .values = {"192.0.2.1"}},
      {.name = name("dev.example.test"), .type = RecordType::NS, .values = {"ns1.dev.test."}},
      {.name = name("app.dev.example.test"), .type = RecordType::A, .values = {"192.0.2.30"}},
  };
  Gate gate{.kind = GateKind::ZoneParity, .name = name("dev.example.test")};
  EXPECT_EQ(texts(live::parity_questions(listing, name("example.test"), gate)), (std::vector<std::string>{"app.dev.example.test. A"}));
}

TEST(LiveGatesQuestions, DuplicatesAreAskedOnce) {
  std::vector<Rrset> listing = {{.name = name("a.example.test"), .type = RecordType::A},
                                {.name = name("A.example.test"), .type = RecordType::A}};
  EXPECT_EQ(live::parity_questions(listing, name("example.test"), Gate{}).size(), 1u);
}

// A weighted share or an alias to an ELB answers differently by design:
// such sets are compared through the providers, field for field, not by DNS.
TEST(LiveGatesQuestions, AliasesAndRoutingSetsAreComparedThroughTheProviders) {
  Rrset plain{.name = name("www.example.test"), .type = RecordType::A, .ttl = 60, .values = {"192.0.2.1"}};
  Rrset blue{.name = name("w.example.test"), .type = RecordType::A, .ttl = 60, .values = {"192.0.2.2"}};
  blue.routing = Routing{.set_identifier = "blue", .weight = 70};
  Rrset alias{.name = name("example.test"), .type = RecordType::A, .ttl = 0};
  alias.alias = AliasTarget{.name = name("d1.cloudfront.net"), .hosted_zone_id = "Z2FDTNDATAQYW2"};
  Rrset child{.name = name("x.dev.example.test"), .type = RecordType::A, .ttl = 0};
  child.alias = alias.alias;
  std::vector<Rrset> old_zone{plain, blue, alias, child};
  Gate gate{.exclude_below = {name("dev.example.test")}};
  auto questions = live::parity_questions(old_zone, name("example.test"), gate);
  ASSERT_EQ(questions.size(), 1u);
  EXPECT_EQ(questions[0].name, name("www.example.test"));

  EXPECT_TRUE(live::routed_set_differences(old_zone, old_zone, name("example.test"), gate).differences.empty());
  Rrset reweighted = blue;
  reweighted.routing->weight = 30;
  auto compared = live::routed_set_differences(old_zone, {plain, reweighted}, name("example.test"), gate);
  EXPECT_EQ(compared.compared, 2u);  // the child's alias is out of scope
  EXPECT_EQ(compared.differences,
            (std::vector<std::string>{"w.example.test. A set 'blue': the new zone holds it differently: routing set 'blue' weight 70 -> "
                                      "set 'blue' weight 30",
                                      "example.test. A: missing from the new zone"}));
}

TEST(LiveGatesNames, NamesTextIsSorted) {
  EXPECT_EQ(live::names_text({name("ns2.x.test"), name("ns1.x.test")}), "ns1.x.test. ns2.x.test.");
  EXPECT_EQ(live::names_text({}), "(none)");
}

dns::Outcome ns_answer(bool aa) {
  dns::Outcome o{.kind = dns::OutcomeKind::Answer};
  o.reply.authoritative = aa;
  o.reply.answer = {{.name = name("example.test"), .type = RecordType::NS, .ttl = 10, .rdata = "ns2.old.test."},
                    {.name = name("example.test"), .type = RecordType::NS, .ttl = 10, .rdata = "ns1.old.test."}};
  return o;
}

TEST(LiveGatesNames, NsSetFromAnAnswerOrAReferral) {
  dns::Outcome referral{.kind = dns::OutcomeKind::Referral};
  referral.reply.authority = ns_answer(false).reply.answer;
  auto want = std::vector<dns::DomainName>{name("ns1.old.test"), name("ns2.old.test")};
  EXPECT_EQ(live::ns_set(ns_answer(true), name("example.test")), want);
  EXPECT_EQ(live::ns_set(referral, name("example.test")), want);
  EXPECT_TRUE(live::ns_set(dns::Outcome{.kind = dns::OutcomeKind::Timeout}, name("example.test")).empty());
  EXPECT_TRUE(live::ns_set(ns_answer(true), name("other.test")).empty());
}

TEST(LiveGatesEvidence, AnswerLineNamesServerQuestionValuesAndTtl) {
  dns::Question q{.name = name("example.test"), .type = RecordType::NS};
  EXPECT_EQ(live::answer_line("127.53.3.2", q, ns_answer(true)), "127.53.3.2: example.test. NS -> ns1.old.test. ns2.old.test. (TTL 10)");
  EXPECT_EQ(live::answer_line("127.53.3.2", q, ns_answer(false), true),
            "127.53.3.2: example.test. NS -> ns1.old.test. ns2.old.test. (TTL 10, no AA)");
}

TEST(LiveGatesEvidence, ReferralTimeoutAndNoData) {
  dns::Question q{.name = name("x.dev.example.test"), .type = RecordType::A};
  dns::Outcome referral{.kind = dns::OutcomeKind::Referral};
  referral.reply.authority = {{.name = name("dev.example.test"), .type = RecordType::NS, .ttl = 10, .rdata = "ns1.dev.test."}};
  EXPECT_EQ(live::answer_line("127.55.10.1", q, referral),
            "127.55.10.1: x.dev.example.test. A -> referral to dev.example.test.: ns1.dev.test. (TTL 10)");
  dns::Outcome timeout{.kind = dns::OutcomeKind::Timeout, .detail = "no reply after 2 attempts"};
  EXPECT_EQ(live::answer_line("127.55.99.1", q, timeout), "127.55.99.1: x.dev.example.test. A -> timeout (no reply after 2 attempts)");
  dns::Outcome nodata{.kind = dns::OutcomeKind::NoData};
  nodata.reply.authoritative = true;
  EXPECT_EQ(live::answer_line("127.55.1.1", q, nodata, true), "127.55.1.1: x.dev.example.test. A -> nodata (AA)");
}

TEST(LiveGatesEvidence, ValuesAndTtlOfAnAnswer) {
  dns::Question q{.name = name("db.example.test"), .type = RecordType::CNAME};
  dns::Outcome o{.kind = dns::OutcomeKind::Answer};
  o.reply.answer = {{.name = name("db.example.test"), .type = RecordType::CNAME, .ttl = 60, .rdata = "Old.Cluster.test."}};
  EXPECT_EQ(live::answer_values(o, q), std::vector<std::string>{"old.cluster.test."});
  EXPECT_EQ(live::answer_ttl(o, q), 60u);
  EXPECT_EQ(live::comparable_value("OLD.cluster.test."), live::comparable_value("old.cluster.test"));
}

TEST(LiveGatesEvidence, ParityDifferenceNamesBothServersAndAnswers) {
  dns::ParityDifference d{
      .server = *dns::parse_server_address("127.55.20.3"),
      .server_is_new = true,
      .question = {.name = name("www.example.test"), .type = RecordType::A},
      .reference_server = *dns::parse_server_address("127.55.10.1"),
      .expected = {.kind = dns::OutcomeKind::Answer, .authoritative = true, .records = {"www.example.test. a 192.0.2.10"}, .ttl = 30},
      .actual = {.kind = dns::OutcomeKind::Answer, .authoritative = true, .records = {"www.example.test. a 192.0.2.99"}, .ttl = 30}};
  EXPECT_EQ(live::difference_line(d),
            "127.55.20.3 (new): www.example.test. A -> 192.0.2.99 (TTL 30, AA), but 127.55.10.1 (old) -> 192.0.2.10 (TTL 30, AA)");
}

// The result of a tally of these findings, each with its evidence line.
GateResult tally(std::initializer_list<std::pair<live::Seen, std::string>> findings) {
  live::Tally t;
  for (const auto& [seen, line] : findings) t.add(seen, line);
  return t.result();
}

TEST(LiveGatesTally, HoldsOnlyWhenEveryServerAgrees) {
  auto r = tally({{live::Seen::Agrees, "a"}, {live::Seen::Agrees, "b"}});
  EXPECT_TRUE(r.holds);
  EXPECT_EQ(r.evidence, (std::vector<std::string>{"2/2 agree", "a", "b"}));

  r = tally({{live::Seen::Agrees, "a"}, {live::Seen::Silent, "b timeout"}});
  EXPECT_FALSE(r.holds);
  EXPECT_TRUE(r.undecided);
  EXPECT_EQ(r.evidence[0], "1/2 agree, 1 did not answer");

  r = tally({{live::Seen::Differs, "a"}, {live::Seen::Silent, "b"}});
  EXPECT_FALSE(r.holds);
  EXPECT_FALSE(r.undecided);

  r = tally({});
  EXPECT_FALSE(r.holds);
  EXPECT_TRUE(r.undecided);
  EXPECT_EQ(r.evidence[0], "no server to ask");
}

TEST(LiveGatesTally, JudgeNeverLetsASilentServerAgree) {
  EXPECT_EQ(live::judge(dns::Outcome{.kind = dns::OutcomeKind::Timeout}, true), live::Seen::Silent);
  EXPECT_EQ(live::judge(dns::Outcome{.kind = dns::OutcomeKind::NetworkError}, true), live::Seen::Silent);
  EXPECT_EQ(live::judge(dns::Outcome{.kind = dns::OutcomeKind::Refused}, false), live::Seen::Differs);
  EXPECT_EQ(live::judge(dns::Outcome{.kind = dns::OutcomeKind::Answer}, true), live::Seen::Agrees);
}

TEST(LiveGatesOptions, DatedNamesAndProbeOptions) {
  EXPECT_EQ(RunFacts{.run_date = "20261122"}.dated("prod-YYYYMMDD"), "prod-20261122");
  EXPECT_EQ(RunFacts{}.dated("prod-YYYYMMDD"), "prod-YYYYMMDD");
  EXPECT_EQ(RunFacts{.run_date = "20261122"}.dated("prod"), "prod");
  auto p = live::probe_options(Verification{.timeout = std::chrono::milliseconds(300), .attempts = 2});
  EXPECT_EQ(p.timeout, std::chrono::milliseconds(300));
  EXPECT_EQ(p.attempts, 2);
  EXPECT_EQ(p.backoff, 1.0);
}

// A database whose clusters the test sets; `broken` makes every call fail.
class FakeDatabase final : public Database {
 public:
  Result<std::optional<ClusterState>> describe(const std::string& id) override {
    if (broken) return fail(ErrorCode::Provider, "Throttling: rate exceeded");
    auto it = clusters.find(id);
    if (it == clusters.end()) return std::optional<ClusterState>{};
    return std::optional<ClusterState>{it->second};
  }
  Result<std::vector<ClusterState>> list(const std::string&) override { return std::vector<ClusterState>{}; }
  Result<void> clone(const std::string&, const std::string&, const std::map<std::string, std::string>&) override { return {}; }
  Result<void> create_instance(const std::string&, const std::string&, const std::string&) override { return {}; }
  Result<void> tag(const std::string&, const std::map<std::string, std::string>&) override { return {}; }
  Result<void> remove(const std::string&) override { return {}; }
  std::map<std::string, ClusterState> clusters{};
  bool broken{false};
};

class LiveGatesProviders : public ::testing::Test {
 protected:
  void SetUp() override {
    plan.domain = name("example.test");
    plan.registrar = Route53DomainsRegistrar{.account = "old"};
    plan.strategies.push_back(DomainTransfer{.from_account = "old", .to_account = "new"});
    registry.owner = "old";
    providers.transfers["old"] = std::make_unique<FakeTransfers>(registry, "old", "111111111111");
    providers.transfers["new"] = std::make_unique<FakeTransfers>(registry, "new", "222222222222");
    auto db = std::make_unique<FakeDatabase>();
    database = db.get();
    providers.databases["prod"] = std::move(db);
    providers.zones["old"] = std::make_unique<FakeZone>("example.test", std::vector<std::string>{"ns1.old.test"});
    providers.zones["gone"] = std::make_unique<FakeZone>("example.test", std::vector<std::string>{"ns1.new.test"}, false);
  }
  Result<GateResult> check(Gate gate, const RunFacts& run = {}) { return LiveGateChecker(plan, providers).check(gate, run); }

  Plan plan{};
  FakeRegistry registry{};
  ProviderSet providers{};
  FakeDatabase* database{nullptr};
};

TEST_F(LiveGatesProviders, ARecordGateOnAClusterEndpointFailsWhenTheClusterIsMissing) {
  // The daily clone's check after the switch: the expected answer is the
  // clone's writer endpoint, asked of RDS when the gate runs.
  Gate g{.kind = GateKind::RecordAnswers,
         .zones = {"old"},
         .name = name("db.example.test"),
         .type = dns::RecordType::CNAME,
         .expected = "prod-YYYYMMDD",
         .expected_is_cluster = true};
  auto missing = check(g, {.run_date = "20261122"});
  ASSERT_TRUE(missing.has_value()) << missing.error().message;
  EXPECT_FALSE(missing->holds);
  EXPECT_TRUE(has_line(*missing, "cluster prod-20261122 not found in any database account")) << all_lines(*missing);
  database->broken = true;
  auto broken = check(g, {.run_date = "20261122"});  // unproven, not an error: the gate does not hold
  ASSERT_TRUE(broken.has_value()) << broken.error().message;
  EXPECT_FALSE(broken->holds);
  EXPECT_TRUE(has_line(*broken, "provider error: RDS (account 'prod'): cluster prod-20261122: Throttling: rate exceeded"))
      << all_lines(*broken);
}

TEST_F(LiveGatesProviders, DomainIdleHoldsWithoutAnOperationAndFailsDuringATransfer) {
  auto idle = check(Gate{.kind = GateKind::DomainIdle, .name = name("example.test")});
  ASSERT_TRUE(idle.has_value());
  EXPECT_TRUE(idle->holds) << all_lines(*idle);
  EXPECT_TRUE(has_line(*idle, "account 'old'"));
  registry.pending_to = "222222222222";
  auto busy = check(Gate{.kind = GateKind::DomainIdle, .name = name("example.test")});
  ASSERT_TRUE(busy.has_value());
  EXPECT_FALSE(busy->holds);
  EXPECT_TRUE(has_line(*busy, "op-transfer-1 in progress")) << all_lines(*busy);
}

TEST_F(LiveGatesProviders, OperationSucceededNeedsTheRunsOperationId) {
  auto unknown = check(Gate{.kind = GateKind::OperationSucceeded});
  ASSERT_TRUE(unknown.has_value());
  EXPECT_FALSE(unknown->holds);
  EXPECT_TRUE(has_line(*unknown, "no transfer operation id"));
  auto done = check(Gate{.kind = GateKind::OperationSucceeded}, {.transfer_operation_id = "op-accept-1"});
  ASSERT_TRUE(done.has_value());
  EXPECT_TRUE(done->holds) << all_lines(*done);
  EXPECT_TRUE(has_line(*done, "op-accept-1 -> SUCCESSFUL"));
}

TEST_F(LiveGatesProviders, ClusterAvailableReadsTheDatedCluster) {
  database->clusters["prod-20261122"] =
      ClusterState{.id = "prod-20261122", .status = "available", .instances = {"prod-20261122-1"}, .instances_available = true};
  Gate gate{.kind = GateKind::ClusterAvailable, .expected = "prod-YYYYMMDD"};
  auto ready = check(gate, {.run_date = "20261122"});
  ASSERT_TRUE(ready.has_value());
  EXPECT_TRUE(ready->holds) << all_lines(*ready);
  EXPECT_TRUE(has_line(*ready, "cluster prod-20261122 -> status available"));

  auto undated = check(gate);
  ASSERT_TRUE(undated.has_value());
  EXPECT_FALSE(undated->holds);

  database->clusters["prod-20261122"].instances_available = false;
  auto starting = check(gate, {.run_date = "20261122"});
  ASSERT_TRUE(starting.has_value());
  EXPECT_FALSE(starting->holds);
  EXPECT_TRUE(has_line(*starting, "not all available"));

  auto missing = check(Gate{.kind = GateKind::ClusterAvailable, .expected = "nope"});
  ASSERT_TRUE(missing.has_value());
  EXPECT_FALSE(missing->holds);
  EXPECT_TRUE(has_line(*missing, "cluster nope not found"));
}

TEST_F(LiveGatesProviders, AProviderErrorIsAGateThatDoesNotHoldNotACrash) {
  database->broken = true;
  auto r = check(Gate{.kind = GateKind::ClusterAvailable, .expected = "prod"});
  ASSERT_TRUE(r.has_value());
  EXPECT_FALSE(r->holds);
  EXPECT_TRUE(has_line(*r, "Throttling: rate exceeded"));

  // The first zone of a parity gate cannot be listed.
  auto parity = check(Gate{.kind = GateKind::ZoneParity, .zones = {"gone", "old"}});
  ASSERT_TRUE(parity.has_value());
  EXPECT_FALSE(parity->holds);
  EXPECT_TRUE(has_line(*parity, "provider error: listing zone 'gone'")) << all_lines(*parity);
}

TEST_F(LiveGatesProviders, ParityWithNothingInScopeHoldsAndSaysSo) {
  // The fake zone lists only its SOA and apex NS: no question is left, so no query is sent.
  auto r = check(Gate{.kind = GateKind::ZoneParity, .zones = {"old", "old"}});
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->holds);
  EXPECT_TRUE(has_line(*r, "nothing to compare")) << all_lines(*r);
}

TEST_F(LiveGatesProviders, BadConfigurationFailsTheCheck) {
  auto unknown_zone = check(Gate{.kind = GateKind::Authoritative, .zones = {"nope"}});
  ASSERT_FALSE(unknown_zone.has_value());
  EXPECT_EQ(unknown_zone.error().code, ErrorCode::Invalid);

  // Neither parent servers nor root hints: nowhere to start.
  auto parent = check(Gate{.kind = GateKind::ParentDelegatesTo, .name = name("example.test"), .expected = "old"});
  ASSERT_FALSE(parent.has_value());
  EXPECT_EQ(parent.error().code, ErrorCode::Invalid);

  auto no_transfers = ProviderSet{};
  auto r = LiveGateChecker(plan, no_transfers).check(Gate{.kind = GateKind::DomainIdle}, {});
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::Invalid);
}

}  // namespace
}  // namespace cutover::planner
