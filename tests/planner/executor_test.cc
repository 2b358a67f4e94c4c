#include "planner/run/executor.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "fakes.h"
#include "planner/plan/parser.h"
#include "planner/run/rollback.h"
#include "planner/planner.h"
#include "tests/common/temp_dir.h"

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;
using testing::FakeZone;
using testing::name;

// The lab plan (S2 + S1 on RFC 2136 zones, the TLD as parent) over fake providers.
class ExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    plan_ = load_plan(CUTOVER_SOURCE_DIR "/plans/lab-example-test.json").value();
    facts_ = assumed_facts(plan_);
    graph_ = build_steps(plan_, facts_).value();
    schedule_ = graph_.schedule().value();
    auto tld = std::make_unique<FakeZone>("test", std::vector<std::string>{"ns1.nic.test"});
    auto old_zone = std::make_unique<FakeZone>("example.test", std::vector<std::string>{"ns1.old.test", "ns2.old.test"});
    old_zone->add({.name = name("www.example.test"), .type = dns::RecordType::A, .ttl = 5, .values = {"192.0.2.10"}});
    old_zone->add({.name = name("app.dev.example.test"), .type = dns::RecordType::A, .ttl = 5, .values = {"192.0.2.20"}});
    tld->add({.name = name("example.test"), .type = dns::RecordType::NS, .ttl = 10, .values = {"ns1.old.test.", "ns2.old.test."}});
    tld_ = tld.get();
    old_ = old_zone.get();
    new_ = new FakeZone("example.test", {"ns1.new.test", "ns2.new.test"});
    dev_ = new FakeZone("dev.example.test", {"ns1.dev.test"});
    providers_.zones["tld"] = std::move(tld);
    providers_.zones["old"] = std::move(old_zone);
    providers_.zones["new"].reset(new_);
    providers_.zones["dev"].reset(dev_);
    providers_.registrar = std::make_unique<testing::FakeParentRegistrar>(*tld_);
  }

  Result<RunOutcome> run(ExecutorOptions options = {}) {
    std::vector<std::string> warnings;
    auto journal = Journal::open(dir_ / "journal.jsonl", {.domain = "example.test.", .plan_digest = "d1"}, warnings).value();
    auto secrets = SecretStore::open(dir_ / "journal.jsonl.secrets").value();
    testing::FakeGates gates(providers_, plan_.domain);
    gates.forced_failures = forced_;
    gates.forced_undecided = undecided_;
    gates.learn = learn_;
    options.poll_interval = 1s;
    options.poll_timeout = 30s;
    Executor executor({.plan = plan_, .schedule = schedule_, .providers = providers_, .gates = gates,
                       .journal = journal, .secrets = secrets, .clock = clock_, .observer = observer_});
    auto outcome = executor.run(options);
    runs_seen_ = gates.runs_seen;
    return outcome;
  }

  std::vector<std::string> planned_ids() const {
    std::vector<std::string> out;
    for (const auto& s : schedule_) out.push_back(s.step->id.value);
    return out;
  }

  testing::TempDir dir_;
  Plan plan_;
  Facts facts_;
  StepGraph graph_;
  std::vector<ScheduledStep> schedule_;
  ProviderSet providers_;
  FakeZone* tld_{nullptr};
  FakeZone* old_{nullptr};
  FakeZone* new_{nullptr};
  FakeZone* dev_{nullptr};
  testing::FakeClock clock_;
  testing::RecordingObserver observer_;
  std::vector<GateKind> forced_{};
  std::vector<GateKind> undecided_{};
  RunFacts learn_{};
  std::vector<RunFacts> runs_seen_{};
};

TEST_F(ExecutorTest, RunsTheWholeCutoverInThePlannedOrder) {
  auto outcome = run();
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::Completed) << outcome->message;
  // The steps apply ran are the steps plan printed, in the same order.
  EXPECT_EQ(observer_.done, planned_ids());
  // The world is migrated: the TLD delegates to the new servers, dev is delegated from both parents.
  EXPECT_EQ(tld_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.new.test.", "ns2.new.test."}));
  EXPECT_TRUE(old_->find("dev.example.test", dns::RecordType::NS).has_value());
  EXPECT_TRUE(new_->find("dev.example.test", dns::RecordType::NS).has_value());
  EXPECT_TRUE(dev_->find("app.dev.example.test", dns::RecordType::A).has_value());
  EXPECT_TRUE(new_->find("www.example.test", dns::RecordType::A).has_value());
  EXPECT_FALSE(new_->find("app.dev.example.test", dns::RecordType::A).has_value()) << "dev records stay in the child zone";
  EXPECT_EQ(new_->find("example.test", dns::RecordType::NS)->ttl, 60u);  // restored after the window
  // The window (12 s) was waited out, on the clock the executor was given.
  EXPECT_GE(clock_.slept, 12s);
}

TEST_F(ExecutorTest, NoWaitStopsAtAWaitAndARerunContinuesWithoutRepeating) {
  auto first = run({.wait = false});
  ASSERT_TRUE(first.has_value());
  ASSERT_EQ(first->status, RunStatus::Waiting);
  EXPECT_EQ(first->step, "switch.verify-ready");
  ASSERT_TRUE(first->next_at.has_value());
  int applies_before = old_->applies + new_->applies + dev_->applies + tld_->applies;

  auto early = run({.wait = false});  // nothing has changed: still waiting
  ASSERT_EQ(early->status, RunStatus::Waiting);

  clock_.advance(60s);
  auto second = run({.wait = false});
  ASSERT_TRUE(second.has_value());
  // The window after the switch is a wait too.
  EXPECT_EQ(second->status, RunStatus::Waiting);
  EXPECT_EQ(second->step, "switch.window-end");
  clock_.advance(60s);
  auto third = run({.wait = false});
  EXPECT_EQ(third->status, RunStatus::Completed) << third->message;
  EXPECT_EQ(observer_.done, planned_ids());
  // Steps done before the first stop were skipped, not redone.
  EXPECT_GE(observer_.skipped.size(), 7u);
  // After the first stop only the switch (1 change at the TLD) and the TTL restore (new zone, TLD) remained.
  EXPECT_EQ(old_->applies + new_->applies + dev_->applies + tld_->applies - applies_before, 3);
}

TEST_F(ExecutorTest, AnActionInDoubtIsRecheckedNotRepeated) {
  ASSERT_EQ(run({.until = "subdelegation.dev.copy"})->status, RunStatus::Stopped);
  // Simulate a crash right after the provider call of the next step went through:
  // the journal says "started", the zone already holds the change.
  {
    std::vector<std::string> warnings;
    auto journal = Journal::open(dir_ / "journal.jsonl", {.domain = "example.test.", .plan_digest = "d1"}, warnings).value();
    ASSERT_TRUE(journal.append({.step = "switch.copy-records", .event = JournalEvent::StepStarted}));
    ASSERT_TRUE(journal.append({.step = "switch.copy-records", .event = JournalEvent::ActionStarted, .action = 0}));
  }
  new_->add({.name = name("www.example.test"), .type = dns::RecordType::A, .ttl = 5, .values = {"192.0.2.10"}});
  int before = new_->applies;
  ASSERT_EQ(run({.until = "switch.copy-records"})->status, RunStatus::Stopped);
  EXPECT_EQ(new_->applies, before) << "the copy was in effect: nothing sent again";
  EXPECT_NE(std::ranges::find(observer_.actions, "switch.copy-records: already in effect (re-checked)"), observer_.actions.end());
}

TEST_F(ExecutorTest, AnActionInDoubtThatDidNotHappenRunsOnce) {
  {
    std::vector<std::string> warnings;
    auto journal = Journal::open(dir_ / "journal.jsonl", {.domain = "example.test.", .plan_digest = "d1"}, warnings).value();
    ASSERT_TRUE(journal.append({.step = "subdelegation.dev.copy", .event = JournalEvent::ActionStarted, .action = 0}));
  }
  ASSERT_EQ(run({.until = "subdelegation.dev.copy"})->status, RunStatus::Stopped);
  EXPECT_EQ(dev_->applies, 1);
  EXPECT_TRUE(dev_->find("app.dev.example.test", dns::RecordType::A).has_value());
}

TEST_F(ExecutorTest, AFailingGateStopsWithEvidenceAndChangesNothing) {
  forced_ = {GateKind::NoDsAtParent};
  auto outcome = run();
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::GateFailed);
  EXPECT_EQ(outcome->step, "switch.verify-ready");
  ASSERT_FALSE(outcome->evidence.empty());
  EXPECT_NE(outcome->evidence.back().find("127.0.0.9: forced to fail"), std::string::npos);
  EXPECT_EQ(tld_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.old.test.", "ns2.old.test."}));
}

TEST_F(ExecutorTest, AFailedActionStopsTheRunAndARerunRetriesIt) {
  dev_->fail_next_apply = true;
  auto outcome = run();
  ASSERT_EQ(outcome->status, RunStatus::Failed);
  EXPECT_EQ(outcome->step, "subdelegation.dev.copy");
  EXPECT_NE(outcome->message.find("injected failure"), std::string::npos);
  EXPECT_EQ(run()->status, RunStatus::Completed);
}

TEST_F(ExecutorTest, StepRunsExactlyOneStep) {
  auto outcome = run({.single_step = true});
  ASSERT_EQ(outcome->status, RunStatus::Stopped);
  EXPECT_EQ(observer_.done, std::vector<std::string>{planned_ids().front()});
  EXPECT_EQ(outcome->step, planned_ids()[1]);
}

TEST_F(ExecutorTest, JournalRecordsEveryTransition) {
  ASSERT_EQ(run({.until = "subdelegation.dev.copy"})->status, RunStatus::Stopped);
  std::ifstream in(dir_ / "journal.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\"event\":\"step-started\""), std::string::npos);
  EXPECT_NE(text.str().find("\"event\":\"action-started\""), std::string::npos);
  EXPECT_NE(text.str().find("\"event\":\"action-done\""), std::string::npos);
  EXPECT_NE(text.str().find("\"event\":\"step-done\""), std::string::npos);
}

// S3 over fakes: example.com held by account "old", delegated in a fake "com",
// with a journal and its secrets file in a temporary directory.
class ExecutorTransfer : public ::testing::Test {
 protected:
  void SetUp() override {
    plan_ = load_plan(CUTOVER_SOURCE_DIR "/plans/s3-domain-transfer.json").value();
    facts_ = assumed_facts(plan_);
    graph_ = build_steps(plan_, facts_).value();
    schedule_ = graph_.schedule().value();
    providers_.zones["old"] = std::make_unique<FakeZone>("example.com", std::vector<std::string>{"ns-1.old.example"});
    providers_.zones["new"] = std::make_unique<FakeZone>("example.com", std::vector<std::string>{"ns-1.new.example"});
    auto* parent = new FakeZone("com", {"a.gtld.example"});
    parent->add({.name = name("example.com"), .type = dns::RecordType::NS, .ttl = 172800, .values = {"ns-1.old.example."}});
    providers_.zones["com"].reset(parent);
    providers_.registrar = std::make_unique<testing::FakeParentRegistrar>(*parent);
    providers_.transfers["old"] = std::make_unique<testing::FakeTransfers>(registry_, "old", "111122223333");
    providers_.transfers["new"] = std::make_unique<testing::FakeTransfers>(registry_, "new", "444455556666");
  }
  Journal journal() {
    std::vector<std::string> warnings;
    return Journal::open(dir_ / "j.jsonl", {.domain = "example.com.", .plan_digest = "d"}, warnings).value();
  }
  SecretStore secrets() { return SecretStore::open(dir_ / "j.jsonl.secrets").value(); }
  Result<RunOutcome> apply(ExecutorOptions options) {
    auto j = journal();
    auto s = secrets();
    testing::FakeGates gates(providers_, plan_.domain);
    testing::RecordingObserver observer;
    Executor executor({.plan = plan_, .schedule = schedule_, .providers = providers_, .gates = gates, .journal = j,
                       .secrets = s, .clock = clock_, .observer = observer});
    return executor.run(options);
  }

  testing::TempDir dir_;
  Plan plan_;
  Facts facts_;
  StepGraph graph_;
  std::vector<ScheduledStep> schedule_;
  ProviderSet providers_;
  testing::FakeRegistry registry_{.owner = "old"};
  testing::FakeClock clock_;
};

// The password reaches the accept step, never the journal.
TEST_F(ExecutorTransfer, PasswordNeverReachesTheJournal) {
  auto outcome = apply({.poll_interval = 60s, .poll_timeout = 600s});
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::Completed) << outcome->message;
  EXPECT_EQ(registry_.owner, "new");
  EXPECT_EQ(registry_.transfers, 1);
  EXPECT_EQ(registry_.accepts, 1);
  EXPECT_TRUE(registry_.locked) << "the transfer lock is back on after the transfer";
  EXPECT_EQ(registry_.locks, 1);
  std::ifstream in(dir_ / "j.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().find("s3cret-Transfer-Password"), std::string::npos);
  EXPECT_NE(text.str().find("op-transfer-1"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir_ / "j.jsonl.secrets")) << "the secret is removed once accepted";
}

// Rolled back before the accept: the transfer is cancelled, the lock the
// transfer turned off is back on, and the password is gone from disk.
TEST_F(ExecutorTransfer, ARollbackCancelsRelocksAndForgetsThePassword) {
  ASSERT_EQ(apply({.until = "transfer.initiate", .poll_interval = 60s}).value().status, RunStatus::Stopped);
  ASSERT_FALSE(registry_.locked);
  ASSERT_TRUE(std::filesystem::exists(dir_ / "j.jsonl.secrets"));
  auto j = journal();
  auto s = secrets();
  auto entries = roll_back({.plan = plan_, .schedule = schedule_, .providers = providers_, .journal = j, .secrets = s,
                            .clock = clock_, .wait = false}).value();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().step, "transfer.initiate");
  EXPECT_EQ(entries.front().verdict, RollbackVerdict::Undone) << entries.front().explanation;
  EXPECT_TRUE(registry_.pending_to.empty()) << "cancelled";
  EXPECT_TRUE(registry_.locked) << "the lock is back on";
  EXPECT_FALSE(std::filesystem::exists(dir_ / "j.jsonl.secrets")) << "the password is gone once the cancel is on record";
}

}  // namespace
}  // namespace cutover::planner

namespace cutover::planner {
namespace {

TEST_F(ExecutorTest, RollbackUndoesCompletedStepsInReverse) {
  ASSERT_EQ(run({.until = "switch.verify-parent"})->status, RunStatus::Stopped);
  ASSERT_EQ(tld_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.new.test.", "ns2.new.test."}));
  std::vector<std::string> warnings;
  auto journal = Journal::open(dir_ / "journal.jsonl", {.domain = "example.test.", .plan_digest = "d1"}, warnings).value();
  auto secrets = SecretStore::open(std::nullopt).value();
  auto entries = roll_back({.plan = plan_, .schedule = schedule_, .providers = providers_, .journal = journal,
                            .secrets = secrets, .clock = clock_});
  ASSERT_TRUE(entries.has_value());
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->front().step, "switch.verify-parent");
  // The switch is undone: the TLD delegates to the old servers again, and the
  // explanation says when every resolver sees it.
  EXPECT_EQ(tld_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.old.test.", "ns2.old.test."}));
  auto undone = std::ranges::find_if(*entries, [](const RollbackEntry& e) { return e.step == "switch.registrar"; });
  ASSERT_NE(undone, entries->end());
  EXPECT_EQ(undone->verdict, RollbackVerdict::Undone);
  EXPECT_NE(undone->explanation.find("takes effect for every resolver within the parent NS TTL"), std::string::npos);
  // The delegations of dev are removed from both parents.
  EXPECT_FALSE(old_->find("dev.example.test", dns::RecordType::NS).has_value());
  EXPECT_FALSE(new_->find("dev.example.test", dns::RecordType::NS).has_value());
  EXPECT_FALSE(journal.done_at("switch.registrar").has_value());
}

TEST_F(ExecutorTest, RollbackRefusesWhenTheSafePeriodIsOver) {
  ASSERT_EQ(run()->status, RunStatus::Completed);
  clock_.advance(std::chrono::hours{24});  // far past the 12 s window of the lab plan
  std::vector<std::string> warnings;
  auto journal = Journal::open(dir_ / "journal.jsonl", {.domain = "example.test.", .plan_digest = "d1"}, warnings).value();
  auto secrets = SecretStore::open(std::nullopt).value();
  auto entries = roll_back({.plan = plan_, .schedule = schedule_, .providers = providers_, .journal = journal,
                            .secrets = secrets, .clock = clock_});
  ASSERT_TRUE(entries.has_value());
  auto registrar = std::ranges::find_if(*entries, [](const RollbackEntry& e) { return e.step == "switch.registrar"; });
  ASSERT_NE(registrar, entries->end());
  EXPECT_EQ(registrar->verdict, RollbackVerdict::TooLate);
  EXPECT_EQ(tld_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.new.test.", "ns2.new.test."}));
  EXPECT_EQ(&*registrar, &entries->back()) << "nothing before the switch is undone while the switch stands";
}

}  // namespace
}  // namespace cutover::planner

namespace cutover::planner {
namespace {

// A step interrupted after its gates passed is resumed without them: its own
// half-done action may be what a gate now sees (a transfer in progress).
TEST_F(ExecutorTest, AResumedStepIsNotStoppedByItsGatesAgain) {
  ASSERT_EQ(run({.until = "switch.lower-ns-ttl"})->status, RunStatus::Stopped);
  {
    std::vector<std::string> warnings;
    auto journal = Journal::open(dir_ / "journal.jsonl", {.domain = "example.test.", .plan_digest = "d1"}, warnings).value();
    ASSERT_TRUE(journal.append({.step = "subdelegation.dev.delegate.old", .event = JournalEvent::StepStarted}));
    ASSERT_TRUE(journal.append({.step = "subdelegation.dev.delegate.old", .event = JournalEvent::ActionStarted, .action = 0}));
  }
  old_->add({.name = name("dev.example.test"), .type = dns::RecordType::NS, .ttl = 30, .values = {"ns1.dev.test."}});
  int before = old_->applies;
  forced_ = {GateKind::Authoritative};
  auto outcome = run({.until = "subdelegation.dev.delegate.old"});
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::Stopped) << outcome->message;
  EXPECT_EQ(old_->applies, before) << "the delegation was in effect: re-checked, not sent again";
}

TEST_F(ExecutorTest, ABaselineAGateFixedIsJournaledForTheNextRun) {
  const auto key = baseline_key("delegation example.test.");
  learn_ = {{key, "ns1.old.test. ns2.old.test."}};
  ASSERT_EQ(run({.single_step = true}).value().status, RunStatus::Stopped);
  // A new process: its first gate already compares with the first run's
  // baseline; what it would fix now (the world may have moved) is ignored.
  learn_ = {{key, "ns9.elsewhere.test."}};
  ASSERT_EQ(run().value().status, RunStatus::Completed);
  ASSERT_FALSE(runs_seen_.empty());
  for (const auto& facts : runs_seen_) EXPECT_EQ(facts.at(key), "ns1.old.test. ns2.old.test.");
  std::ifstream in(dir_ / "journal.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str().find("ns9.elsewhere.test."), std::string::npos);
}

// Found in review: a baseline from before a rollback held for the next apply.
TEST_F(ExecutorTest, ARollbackEndsTheBaselinesLearnedBeforeIt) {
  const auto key = baseline_key("delegation example.test.");
  learn_ = {{key, "ns1.old.test. ns2.old.test."}};
  ASSERT_EQ(run({.single_step = true}).value().status, RunStatus::Stopped);
  {
    std::vector<std::string> warnings;
    auto journal = Journal::open(dir_ / "journal.jsonl", {.domain = "example.test.", .plan_digest = "d1"}, warnings).value();
    ASSERT_TRUE(journal.append({.step = schedule_.front().step->id.value, .event = JournalEvent::RolledBack}));
  }
  learn_ = {{key, "ns9.elsewhere.test."}};
  ASSERT_TRUE(run({.single_step = true}).has_value());
  ASSERT_FALSE(runs_seen_.empty());
  EXPECT_FALSE(runs_seen_.front().contains(key)) << "the first gate after the rollback starts without a baseline";
}

TEST_F(ExecutorTest, AnUndecidedGateIsReportedAsUndecided) {
  undecided_ = {GateKind::NoDsAtParent};
  auto outcome = run();
  ASSERT_EQ(outcome->status, RunStatus::GateFailed);
  EXPECT_TRUE(outcome->undecided);
  EXPECT_NE(outcome->message.find("could not be decided"), std::string::npos);
  forced_ = {GateKind::NoDsAtParent};
  undecided_ = {};
  EXPECT_FALSE(run()->undecided);
}

}  // namespace
}  // namespace cutover::planner

namespace cutover::planner {
namespace {

// A zone the plan created is not deleted by a rollback once a parent has
// delegated to it: resolvers may still ask it for the parent's NS TTL.
TEST(ExecutorRollback, KeepsACreatedZoneThatWasDelegatedTo) {
  testing::TempDir dir;
  auto plan = load_plan(CUTOVER_SOURCE_DIR "/plans/s1-account-move.json").value();
  auto facts = assumed_facts(plan);
  auto graph = build_steps(plan, facts).value();
  auto schedule = graph.schedule().value();
  ProviderSet providers;
  auto* old_zone = new FakeZone("example.com", {"ns-1.old.example"});
  auto* new_zone = new FakeZone("example.com", {"ns-1.new.example"}, /*exists=*/false);
  auto* parent = new FakeZone("com", {"a.gtld.example"});
  parent->add({.name = name("example.com"), .type = dns::RecordType::NS, .ttl = 172800, .values = {"ns-1.old.example."}});
  providers.zones["old"].reset(old_zone);
  providers.zones["new"].reset(new_zone);
  providers.zones["com"].reset(parent);
  providers.registrar = std::make_unique<testing::FakeParentRegistrar>(*parent);
  testing::FakeGates gates(providers, plan.domain);
  testing::FakeClock clock;
  testing::RecordingObserver observer;
  std::vector<std::string> warnings;
  {
    auto journal = Journal::open(dir / "j", {.domain = "example.com.", .plan_digest = "d"}, warnings).value();
    auto secrets = SecretStore::open(std::nullopt).value();
    Executor executor({.plan = plan, .schedule = schedule, .providers = providers, .gates = gates, .journal = journal,
                       .secrets = secrets, .clock = clock, .observer = observer});
    ASSERT_EQ(executor.run({.until = "switch.verify-parent", .poll_interval = 60s})->status, RunStatus::Stopped);
  }
  ASSERT_EQ(new_zone->creates, 1);
  auto journal = Journal::open(dir / "j", {.domain = "example.com.", .plan_digest = "d"}, warnings).value();
  auto secrets = SecretStore::open(std::nullopt).value();
  auto entries = roll_back({.plan = plan, .schedule = schedule, .providers = providers, .journal = journal,
                            .secrets = secrets, .clock = clock}).value();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(parent->find("example.com", dns::RecordType::NS)->values, std::vector<std::string>{"ns-1.old.example."});
  EXPECT_EQ(entries.back().step, "zone.new.create");
  EXPECT_EQ(entries.back().verdict, RollbackVerdict::TooLate);
  EXPECT_TRUE(new_zone->exists().value()) << "the zone a parent delegated to stays";
}

}  // namespace
}  // namespace cutover::planner
