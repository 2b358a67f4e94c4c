// The `records` strategy (S5): a matrix expanded into names, the plan refused
// by field for what cannot be meant, the diff against a zone's listing,
// octoDNS's large-change rule, and the step run, resumed after a crash and
// rolled back over a fake zone.
#include <gtest/gtest.h>

#include <fstream>

#include "planner/gates/records_gate.h"
#include "planner/plan/parser.h"
#include "planner/plan/records_matrix.h"
#include "planner/providers/records_diff.h"
#include "planner/run/records_preview.h"
#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using testing::name;

Rrset cname(std::string_view owner, std::string_view target, std::uint32_t ttl = 60) {
  return Rrset{.name = name(owner), .type = dns::RecordType::CNAME, .ttl = ttl, .values = {name(target).text()}};
}
Rrset a(std::string_view owner, std::string value, std::uint32_t ttl = 60) {
  return Rrset{.name = name(owner), .type = dns::RecordType::A, .ttl = ttl, .values = {std::move(value)}};
}

// A plan around one `records` strategy given as JSON text.
std::string plan_with(const std::string& strategy, const std::string& provider = "route53") {
  std::string zone = provider == "route53"
                         ? R"({"name": "dev.example.com", "provider": "route53", "account": "a", "hosted_zone_id": "Z0DEV"})"
                         : R"({"name": "dev.example.com", "provider": "rfc2136", "primaries": ["127.0.0.1"], "servers": ["127.0.0.1"],
                              "nameservers": ["ns1.example.com"], "tsig_key_file": "k"})";
  return R"({"version": 1, "domain": "dev.example.com", "accounts": {"a": {"profile": "p"}}, "zones": {"dev": )" + zone +
         R"(}, "strategies": [)" + strategy + "]}";
}

std::vector<std::string> problems_of(const std::string& text) {
  auto plan = parse_plan(text);
  std::vector<std::string> out;
  if (plan) return out;
  for (const auto& p : plan.error().problems) out.push_back(to_string(p));
  return out;
}

bool has_problem(const std::vector<std::string>& problems, const std::string& start, const std::string& part) {
  return std::ranges::any_of(problems, [&](const std::string& p) { return p.starts_with(start) && p.find(part) != std::string::npos; });
}

TEST(RecordsMatrix, FourEnvsByThreeAppsGiveTwelveNamesEnvsOutermost) {
  BulkRecords spec{
      .zone = "dev",
      .matrix = {{"env", {"a", "b", "c", "d"}}, {"app", {"x", "y", "z"}}},
      .records = {RecordTemplate{
          .name = "{env}-{app}.dev.example.com", .type = dns::RecordType::CNAME, .ttl = 60, .values = {"{app}.{env}.lb.example.com"}}}};
  auto out = expand_records(spec, name("dev.example.com"), {.at = "/strategies/0"});
  ASSERT_TRUE(out.problems.empty()) << out.problems.front().message;
  ASSERT_EQ(out.sets.size(), 12u);
  EXPECT_EQ(out.sets[0].name, name("a-x.dev.example.com"));
  EXPECT_EQ(out.sets[1].name, name("a-y.dev.example.com"));
  EXPECT_EQ(out.sets[11].name, name("d-z.dev.example.com"));
  EXPECT_EQ(out.sets[11].values, std::vector<std::string>{"z.d.lb.example.com."});
  EXPECT_EQ(out.sets[11].ttl, 60u);
}

TEST(RecordsMatrix, AnAliasTargetUsesTheVariablesToo) {
  BulkRecords spec{.zone = "dev",
                   .matrix = {{"env", {"a", "b"}}},
                   .records = {RecordTemplate{.name = "{env}.dev.example.com",
                                              .type = dns::RecordType::A,
                                              .alias = AliasSpec{.target = "{env}-lb.elb.amazonaws.com", .hosted_zone_id = "Z35"}}}};
  auto out = expand_records(spec, name("dev.example.com"), {.aliases = true});
  ASSERT_TRUE(out.problems.empty());
  ASSERT_EQ(out.sets.size(), 2u);
  ASSERT_TRUE(out.sets[1].alias.has_value());
  EXPECT_EQ(out.sets[1].alias->name, name("b-lb.elb.amazonaws.com"));
  EXPECT_EQ(out.sets[1].alias->hosted_zone_id, "Z35");
  EXPECT_FALSE(out.sets[1].alias->same_zone);
  EXPECT_EQ(out.sets[1].ttl, 0u) << "an alias has no TTL of its own";
}

TEST(RecordsMatrix, TemplateVariablesAreReadInOrderAndMalformedOnesRefused) {
  EXPECT_EQ(template_variables("{env}-{app}.{env}.x").value(), (std::vector<std::string>{"env", "app"}));
  EXPECT_FALSE(template_variables("{env.x").has_value());
  EXPECT_FALSE(template_variables("{}.x").has_value());
  EXPECT_FALSE(template_variables("env}.x").has_value());
  EXPECT_EQ(fill_template("{a}-{b}-{a}", {{"a", "1"}, {"b", "2"}}), "1-2-1");
}

TEST(RecordsPlan, TheS5ExampleParsesAndPlansOneStep) {
  auto plan = load_plan(CUTOVER_SOURCE_DIR "/plans/s5-bulk-names.json");
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  ASSERT_EQ(plan->strategies.size(), 1u);
  EXPECT_EQ(strategy_type_name(plan->strategies[0]), "records");
}

TEST(RecordsPlan, EachMistakeIsNamedByItsField) {
  auto problems = problems_of(plan_with(R"({"type": "records", "zone": "dev", "matrix": {"env": ["a", "b"]},
      "records": [
        {"name": "{env}-{app}.dev.example.com", "type": "CNAME", "value": "x.example.com"},
        {"name": "{env}.other.example.org", "type": "CNAME", "value": "x.example.com"},
        {"name": "www.dev.example.com", "type": "TXT", "value": "hello"},
        {"name": "www.dev.example.com", "type": "A", "value": "{env}.example.com"},
        {"name": "{env}.dev.example.com", "type": "A", "value": "192.0.2.1"},
        {"name": "a.dev.example.com", "type": "A", "value": "192.0.2.2"},
        {"name": "bad.dev.example.com", "type": "A", "value": "not-an-address"}],
      "delete": [{"name": "{env}.dev.example.com", "type": "CNAME"}]})"));
  EXPECT_TRUE(has_problem(problems, "/strategies/0/records/0/name:", "{app}, which /matrix does not define (it defines env)"))
      << ::testing::PrintToString(problems);
  EXPECT_TRUE(has_problem(problems, "/strategies/0/records/1/name:", "outside the zone dev.example.com."));
  EXPECT_TRUE(has_problem(problems, "/strategies/0/records/2/type:", "TXT is not a type this strategy writes"));
  EXPECT_TRUE(has_problem(problems, "/strategies/0/records/3/values/0:", "uses {env}, which the name does not"));
  EXPECT_TRUE(
      has_problem(problems, "/strategies/0/records/5/name:", "a.dev.example.com. A is also produced by /strategies/0/records/4/name"));
  EXPECT_TRUE(has_problem(problems, "/strategies/0/records/6/values/0:", "is not an IPv4 address"));
  EXPECT_TRUE(has_problem(problems, "/strategies/0/delete/0/name:", "a matrix never deletes"));
  // A structural mistake is reported alone: the meaning is checked once the structure is clean.
  auto bogus =
      problems_of(plan_with(R"({"type": "records", "zone": "dev", "delete": [{"name": "old.dev.example.com", "type": "BOGUS"}]})"));
  EXPECT_TRUE(has_problem(bogus, "/strategies/0/delete/0/type:", "'BOGUS' is not a record type"));
}

TEST(RecordsPlan, AnAliasNeedsRoute53AndACnameStandsAlone) {
  auto alias = R"({"type": "records", "zone": "dev", "records": [
      {"name": "x.dev.example.com", "type": "A", "alias": {"target": "lb.elb.amazonaws.com", "hosted_zone_id": "Z35"}}]})";
  EXPECT_TRUE(has_problem(problems_of(plan_with(alias, "rfc2136")), "/strategies/0/records/0/alias:", "write a CNAME instead"));
  EXPECT_TRUE(problems_of(plan_with(alias)).empty());
  auto clash = R"({"type": "records", "zone": "dev", "records": [
      {"name": "x.dev.example.com", "type": "A", "value": "192.0.2.1"},
      {"name": "x.dev.example.com", "type": "CNAME", "value": "y.example.com"}]})";
  EXPECT_TRUE(has_problem(problems_of(plan_with(clash)), "/strategies/0/records/1/name:", "a CNAME stands alone"));
  auto nothing = R"({"type": "records", "zone": "dev"})";
  EXPECT_TRUE(has_problem(problems_of(plan_with(nothing)), "/strategies/0:", "lists no record set"));
  auto unknown_zone =
      R"({"type": "records", "zone": "prod", "records": [{"name": "x.dev.example.com", "type": "A", "value": "192.0.2.1"}]})";
  EXPECT_TRUE(has_problem(problems_of(plan_with(unknown_zone)), "/strategies/0/zone:", "which /zones does not define"));
}

TEST(RecordsDiff, CreatesWhatIsMissingUpsertsWhatDiffersDeletesWhatIsListed) {
  auto apex = name("dev.example.com");
  std::vector<Rrset> zone{
      {.name = apex, .type = dns::RecordType::SOA, .ttl = 900, .values = {"ns. h. 1 2 3 4 5"}},
      {.name = apex, .type = dns::RecordType::NS, .ttl = 900, .values = {"ns1.example.com."}},
      cname("same.dev.example.com", "t.example.com"),
      cname("changed.dev.example.com", "old.example.com"),
      cname("gone.dev.example.com", "t.example.com"),
  };
  std::vector<Rrset> wanted{cname("same.dev.example.com", "t.example.com"), cname("changed.dev.example.com", "new.example.com"),
                            cname("new.dev.example.com", "t.example.com")};
  std::vector<RrsetKey> deleted{{.name = name("gone.dev.example.com"), .type = dns::RecordType::CNAME},
                                {.name = name("never.dev.example.com"), .type = dns::RecordType::CNAME}};
  auto diff = diff_records(zone, apex, wanted, deleted);
  EXPECT_EQ(diff.creates, 1u);
  EXPECT_EQ(diff.upserts, 1u);
  EXPECT_EQ(diff.deletes, 1u);
  EXPECT_EQ(diff.unchanged, 2u);
  EXPECT_EQ(diff.existing, 3u) << "SOA and apex NS are not counted";
  ASSERT_EQ(diff.changes.size(), 3u);
  EXPECT_EQ(diff.changes[0].kind, ChangeKind::Delete) << "deletions first";
  EXPECT_EQ(diff.changes[0].rrset.values, zone[4].values) << "a DELETE carries what the zone holds";
  EXPECT_EQ(diff_summary(diff), "1 CREATE, 1 UPSERT, 1 DELETE, 2 unchanged (the zone holds 3 record sets)");
}

TEST(RecordsDiff, ARoutingSetOrACnameInTheWayIsAConflictNotAChange) {
  auto apex = name("dev.example.com");
  Rrset weighted = a("w.dev.example.com", "192.0.2.1");
  weighted.routing = Routing{.set_identifier = "blue", .weight = 10};
  std::vector<Rrset> zone{weighted, cname("c.dev.example.com", "t.example.com")};
  auto diff = diff_records(zone, apex, {a("w.dev.example.com", "192.0.2.9"), a("c.dev.example.com", "192.0.2.9")}, {});
  EXPECT_TRUE(diff.changes.empty());
  ASSERT_EQ(diff.conflicts.size(), 2u);
  EXPECT_NE(diff.conflicts[0].find("routing-policy set"), std::string::npos);
  EXPECT_NE(diff.conflicts[1].find("a CNAME stands alone"), std::string::npos);
  // Listed for deletion, the CNAME makes way (and goes first).
  auto replaced = diff_records(zone, apex, {a("c.dev.example.com", "192.0.2.9")},
                               {RrsetKey{.name = name("c.dev.example.com"), .type = dns::RecordType::CNAME}});
  EXPECT_TRUE(replaced.conflicts.empty());
  ASSERT_EQ(replaced.changes.size(), 2u);
  EXPECT_EQ(replaced.changes[0].kind, ChangeKind::Delete);
}

TEST(RecordsLargeChange, MoreThanThirtyPercentOfTenOrMoreIsRefusedWithTheCounts) {
  RecordsDiff diff{.creates = 50, .upserts = 3, .deletes = 1, .existing = 10};
  auto refused = large_change_refusal(diff, {});
  ASSERT_TRUE(refused.has_value());
  EXPECT_NE(refused->find("large-change rule"), std::string::npos);
  EXPECT_NE(refused->find("4 of the 10 record sets"), std::string::npos) << *refused;
  EXPECT_NE(refused->find("40.0 %"), std::string::npos) << *refused;
  EXPECT_NE(refused->find("--allow-large-change"), std::string::npos);
  EXPECT_FALSE(large_change_refusal({.upserts = 3, .existing = 10}, {})) << "30 % is allowed";
  EXPECT_FALSE(large_change_refusal({.upserts = 9, .existing = 9}, {})) << "a zone under 10 sets changes freely";
  EXPECT_FALSE(large_change_refusal({.creates = 500, .existing = 10}, {})) << "creations replace nothing";
  EXPECT_FALSE(large_change_refusal(diff, {.allowed = true}));
  EXPECT_FALSE(large_change_refusal(diff, {.max_percent = 50}));
  EXPECT_TRUE(large_change_refusal({.upserts = 1, .existing = 4}, {.max_percent = 10, .min_existing = 2}));
}

TEST(RecordsSnapshot, ReadsBackAndRestoresWhatWasThere) {
  Rrset alias = a("al.dev.example.com", "");
  alias.values.clear();
  alias.ttl = 0;
  alias.alias = AliasTarget{.name = name("lb.elb.amazonaws.com"), .hosted_zone_id = "Z35", .evaluate_target_health = true};
  std::vector<Rrset> before{cname("changed.dev.example.com", "old.example.com"), alias};
  std::vector<RrsetKey> keys{key_of(before[0]), key_of(before[1]), {.name = name("created.dev.example.com"), .type = dns::RecordType::A}};
  auto snapshot = parse_snapshot(snapshot_text(keys, before));
  ASSERT_TRUE(snapshot.has_value()) << snapshot.error().message;
  ASSERT_EQ(snapshot->size(), 3u);
  EXPECT_EQ((*snapshot)[1].before, alias);
  EXPECT_FALSE((*snapshot)[2].before.has_value());
  // After the change: one set replaced, the alias deleted, one created.
  std::vector<Rrset> after{cname("changed.dev.example.com", "new.example.com"), a("created.dev.example.com", "192.0.2.1")};
  auto undo = restore_changes(after, *snapshot);
  ASSERT_EQ(undo.size(), 3u);
  EXPECT_EQ(undo[0].kind, ChangeKind::Delete);
  EXPECT_EQ(undo[0].rrset.name, name("created.dev.example.com"));
  EXPECT_EQ(undo[1].kind, ChangeKind::Upsert);
  EXPECT_EQ(undo[1].rrset, before[0]);
  EXPECT_EQ(undo[2].kind, ChangeKind::Create);
  EXPECT_TRUE(restore_changes(before, *snapshot).empty()) << "nothing to put back in a zone as it was";
  EXPECT_FALSE(parse_snapshot("[{\"name\": 1}]").has_value());
}

dns::Outcome reply(dns::OutcomeKind kind, std::vector<dns::Record> answer = {}, bool aa = true) {
  return dns::Outcome{.kind = kind, .reply = {.authoritative = aa, .answer = std::move(answer)}};
}

TEST(RecordsGate, AServerAnswersAsPlannedOnlyWithTheValuesTtlAndAa) {
  ExpectedRecord cname_set{.name = name("a-x.dev.example.com"), .type = dns::RecordType::CNAME, .values = {"x.lb.example.com."}, .ttl = 60};
  dns::Record good{.name = cname_set.name, .type = dns::RecordType::CNAME, .ttl = 60, .rdata = "x.lb.example.com."};
  EXPECT_TRUE(live::answers_as_planned(reply(dns::OutcomeKind::Answer, {good}), cname_set));
  EXPECT_FALSE(live::answers_as_planned(reply(dns::OutcomeKind::Answer, {good}, false), cname_set)) << "AA required";
  auto other = good;
  other.rdata = "y.lb.example.com.";
  EXPECT_FALSE(live::answers_as_planned(reply(dns::OutcomeKind::Answer, {other}), cname_set));
  auto longer = good;
  longer.ttl = 300;
  EXPECT_FALSE(live::answers_as_planned(reply(dns::OutcomeKind::Answer, {longer}), cname_set)) << "the planned TTL";
  EXPECT_FALSE(live::answers_as_planned(reply(dns::OutcomeKind::NxDomain), cname_set));
  ExpectedRecord alias{.name = name("a.dev.example.com"), .type = dns::RecordType::A, .alias = true};
  dns::Record address{.name = alias.name, .type = dns::RecordType::A, .ttl = 60, .rdata = "198.51.100.10"};
  EXPECT_TRUE(live::answers_as_planned(reply(dns::OutcomeKind::Answer, {address}), alias));
  EXPECT_FALSE(live::answers_as_planned(reply(dns::OutcomeKind::NoData), alias));
  ExpectedRecord gone{.name = name("old.dev.example.com"), .type = dns::RecordType::CNAME, .absent = true};
  EXPECT_TRUE(live::answers_as_planned(reply(dns::OutcomeKind::NxDomain), gone));
  EXPECT_TRUE(live::answers_as_planned(reply(dns::OutcomeKind::NoData), gone));
  EXPECT_FALSE(live::answers_as_planned(reply(dns::OutcomeKind::Answer, {good}), gone));
  EXPECT_FALSE(live::answers_as_planned(reply(dns::OutcomeKind::ServerFailure), gone));
}

// plans/s5-bulk-names.json run over a fake zone "dev".
class RecordsRun : public testing::World {
 protected:
  void SetUp() override {
    load("s5-bulk-names.json");
    dev_ = add_zone("dev", "dev.example.com", {"ns-1.dev.example"});
    dev_->add(cname("staging.dev.example.com", "old-lb.example.com"));
    dev_->add(cname("build-a.dev.example.com", "stale.example.com", 300));
    original_ = dev_->list().value();
  }
  RunOutcome run_all() { return apply({.poll_interval = std::chrono::seconds{1}}).value(); }

  std::vector<Rrset> original_;
};

TEST_F(RecordsRun, TheBulkChangeIsOneApplyAndARerunSendsNothing) {
  auto outcome = run_all();
  ASSERT_EQ(outcome.status, RunStatus::Completed) << outcome.message;
  EXPECT_EQ(dev_->applies, 1) << "one batch for the whole change";
  EXPECT_TRUE(dev_->find("d-admin.dev.example.com", dns::RecordType::A).has_value());
  EXPECT_FALSE(dev_->find("staging.dev.example.com", dns::RecordType::CNAME).has_value());
  EXPECT_EQ(dev_->find("build-a.dev.example.com", dns::RecordType::CNAME)->ttl, 60u);
  EXPECT_NE(std::ranges::find(
                observer_.actions,
                "records.dev.change: 15 CREATE, 1 UPSERT, 1 DELETE, 0 unchanged (the zone holds 2 record sets), applied and in sync"),
            observer_.actions.end())
      << ::testing::PrintToString(observer_.actions);
  ASSERT_EQ(run_all().status, RunStatus::Completed);
  EXPECT_EQ(dev_->applies, 1);
}

TEST_F(RecordsRun, ACrashAfterTheRequestWentOutIsRecheckedNotResent) {
  ASSERT_EQ(run_all().status, RunStatus::Completed);
  // Cut the journal back to "the change was announced": as if the process died
  // after the provider took the request, before it was recorded.
  std::vector<std::string> kept;
  {
    std::ifstream in(journal_path());
    for (std::string line; std::getline(in, line);) {
      if (line.find("\"action-done\"") != std::string::npos && line.find("\"action\":1") != std::string::npos) break;
      kept.push_back(line);
    }
  }
  {
    std::ofstream out(journal_path(), std::ios::trunc);
    for (const auto& line : kept) out << line << "\n";
  }
  ASSERT_NE(kept.back().find("\"action-started\""), std::string::npos) << kept.back();
  ASSERT_EQ(run_all().status, RunStatus::Completed);
  EXPECT_EQ(dev_->applies, 1) << "in effect already: nothing sent twice";
  EXPECT_NE(std::ranges::find(observer_.actions, "records.dev.change: already in effect (re-checked)"), observer_.actions.end());
}

TEST_F(RecordsRun, RollbackPutsBackWhatWasThereAndDeletesWhatWasCreated) {
  ASSERT_EQ(run_all().status, RunStatus::Completed);
  auto entries = rollback().value();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].verdict, RollbackVerdict::Undone) << entries[0].explanation;
  auto now = dev_->list().value();
  EXPECT_TRUE(changes_to_hold(now, original_).empty()) << "every set as it was";
  EXPECT_EQ(now.size(), original_.size()) << "the created sets are gone";
  EXPECT_EQ(dev_->applies, 2);
  EXPECT_TRUE(rollback().value().empty() || rollback().value()[0].verdict != RollbackVerdict::Failed);
}

TEST_F(RecordsRun, TheLargeChangeRuleStopsTheStepBeforeAnythingIsSent) {
  // Ten sets, five of which the plan replaces or deletes: 50 % > 30 %.
  for (const auto* env : {"a", "b", "c"}) dev_->add(a(std::string(env) + "-shop.dev.example.com", "192.0.2.7"));
  for (int i = 0; i < 5; ++i) dev_->add(a("host" + std::to_string(i) + ".dev.example.com", "192.0.2.1"));
  auto outcome = run_all();
  ASSERT_EQ(outcome.status, RunStatus::Failed);
  EXPECT_NE(outcome.message.find("large-change rule"), std::string::npos) << outcome.message;
  EXPECT_EQ(dev_->applies, 0);
}

// What `cutover plan` (live) and `cutover apply` do before any step: the
// counts on the step, and the large-change rule refusing the plan (exit 2)
// unless --allow-large-change waives it.
TEST_F(RecordsRun, ThePreviewCountsAndTheRuleRefusesUnlessWaived) {
  for (const auto* env : {"a", "b", "c"}) dev_->add(a(std::string(env) + "-shop.dev.example.com", "192.0.2.7"));
  for (int i = 0; i < 5; ++i) dev_->add(a("host" + std::to_string(i) + ".dev.example.com", "192.0.2.1"));
  auto refused = preview_records(graph_, providers_, facts_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
  ASSERT_EQ(refused.error().problems.size(), 1u);
  EXPECT_NE(refused.error().problems[0].message.find("step records.dev.change: refused by the large-change rule"), std::string::npos)
      << refused.error().problems[0].message;
  EXPECT_NE(refused.error().problems[0].message.find("5 of the 10 record sets"), std::string::npos);
  const Step* step = graph_.find(step_id("records.dev.change"));
  EXPECT_NE(std::ranges::find(step->notes, "live: 12 CREATE, 4 UPSERT, 1 DELETE, 0 unchanged (the zone holds 10 record sets)"),
            step->notes.end())
      << ::testing::PrintToString(step->notes);

  allow_large_changes(plan_);
  graph_ = build_steps(plan_, facts_).value();
  schedule_ = graph_.schedule().value();
  ASSERT_TRUE(preview_records(graph_, providers_, facts_).has_value());
  ASSERT_EQ(run_all().status, RunStatus::Completed);
  EXPECT_EQ(dev_->applies, 1);
  EXPECT_FALSE(facts_.done_steps.contains("records.dev.change"));
  ASSERT_TRUE(preview_records(graph_, providers_, facts_).has_value());
  EXPECT_TRUE(facts_.done_steps.contains("records.dev.change")) << "nothing left to change: shown as done";
}

}  // namespace
}  // namespace cutover::planner
