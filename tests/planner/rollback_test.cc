// The rollback runner over fake providers: a step that changed two zones is
// undone in both, and a rollback resumed after a crash or a failure between
// two undo actions does not send the first one again.
#include "planner/run/rollback.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;
using testing::ExecutorTest;
using testing::FakeZone;
using testing::name;

// An example plan (old and new zone of example.com, the delegation held in a
// fake "com") applied up to one step, then rolled back.
class RollbackTest : public testing::World {
 protected:
  void load(const std::string& plan_file) { load_example_com(plan_file); }

  RunStatus apply_until(const std::string& step) { return apply({.until = step, .poll_interval = 60s}).value().status; }

  // `wait` false (--no-wait): stops with a Waiting entry instead of sleeping through a settle wait.
  std::vector<RollbackEntry> roll_back_now(bool wait = true, bool dry_run = false) {
    return rollback({.wait = wait, .dry_run = dry_run}).value();
  }

  // The child zone of s2-subdelegation.json, created by the plan.
  void add_dev_zone() { dev_ = add_zone("dev", "dev.example.com", {"ns-1.dev.example"}, /*exists=*/false); }

  std::uint32_t ttl(const FakeZone* zone, std::string_view owner, dns::RecordType type) const {
    auto set = zone->find(owner, type);
    return set ? set->ttl : 0;
  }

  std::size_t journaled(const std::string& step, JournalEvent event, std::size_t undo) {
    auto j = journal();
    return std::ranges::count_if(j.records(),
                                 [&](const JournalRecord& r) { return r.step == step && r.event == event && r.action == undo; });
  }

  // Applies `plan_file` up to `step`, which set the TTL of `owner` `type` to
  // `lowered` in both zones, and rolls back: the step is undone.
  void apply_and_roll_back(const std::string& plan_file, const std::string& step, std::string_view owner, dns::RecordType type,
                           std::uint32_t lowered) {
    load(plan_file);
    ASSERT_EQ(apply_until(step), RunStatus::Stopped);
    ASSERT_EQ(ttl(old_, owner, type), lowered);
    ASSERT_EQ(ttl(new_, owner, type), lowered);
    auto entries = roll_back_now();
    ASSERT_FALSE(entries.empty());
    EXPECT_EQ(entry_of(entries, step).verdict, RollbackVerdict::Undone);
  }

  // Loads `plan_file` with zones 'old' and 'new' in two accounts, each with its health checks.
  void load_in_two_accounts(const std::string& plan_file) {
    load(plan_file);
    old_->account_checks = &old_account_;
    new_->account_checks = &new_account_;
    old_->capabilities_held.account = "111111111111";
    new_->capabilities_held.account = "222222222222";
  }
  testing::FakeHealthChecks old_account_{"old-"};
  testing::FakeHealthChecks new_account_{"new-"};

  static const RollbackEntry& entry_of(const std::vector<RollbackEntry>& entries, const std::string& step) {
    auto it = std::ranges::find_if(entries, [&](const RollbackEntry& e) { return e.step == step; });
    EXPECT_NE(it, entries.end()) << "no rollback entry for " << step;
    return it != entries.end() ? *it : entries.front();
  }
};

TEST_F(RollbackTest, TheNsTtlLoweringIsUndoneInBothZones) {
  apply_and_roll_back("s1-account-move.json", "switch.lower-ns-ttl", "example.com", dns::RecordType::NS, 300);
  // The plan assumes 172800 s in both zones before the lowering.
  EXPECT_EQ(ttl(old_, "example.com", dns::RecordType::NS), 172800u);
  EXPECT_EQ(ttl(new_, "example.com", dns::RecordType::NS), 172800u) << "the second zone is restored too";
}

// A copy between accounts recreates the health checks its sets name; its undo
// deletes them. A zone without checks leaves that undo nothing to do, and the
// rollback says so rather than "undone".
TEST_F(RollbackTest, TheHealthChecksACopyRecreatedAreDeletedAndNoneMeansNothingToDo) {
  load_in_two_accounts("s1-account-move.json");
  std::string check =
      old_account_.add({.type = "TCP", .ip_address = "192.0.2.1", .port = 443, .request_interval = 30, .failure_threshold = 3});
  Rrset primary{.name = name("app.example.com"), .type = dns::RecordType::A, .ttl = 60, .values = {"192.0.2.1"}};
  primary.routing = Routing{.set_identifier = "primary", .failover = Failover::Primary};
  primary.health_check_id = check;
  Rrset secondary{.name = name("app.example.com"), .type = dns::RecordType::A, .ttl = 60, .values = {"192.0.2.2"}};
  secondary.routing = Routing{.set_identifier = "secondary", .failover = Failover::Secondary};
  old_->add(primary);
  old_->add(secondary);
  auto ran = apply({.until = "switch.copy-records", .poll_interval = 60s}).value();
  ASSERT_EQ(ran.status, RunStatus::Stopped) << ran.step << ": " << ran.message;
  ASSERT_EQ(new_account_.checks.size(), 1u);

  auto entries = roll_back_now();
  const auto& copy = entry_of(entries, "switch.copy-records");
  EXPECT_EQ(copy.verdict, RollbackVerdict::Undone) << copy.explanation;
  EXPECT_NE(copy.explanation.find("1 health check deleted"), std::string::npos) << copy.explanation;
  EXPECT_TRUE(new_account_.checks.empty());
  EXPECT_EQ(old_account_.checks.size(), 1u);
}

TEST_F(RollbackTest, ACopyThatRecreatedNoHealthCheckHasNothingToUndo) {
  load_in_two_accounts("s1-account-move.json");
  new_account_.add({.type = "TCP", .ip_address = "198.51.100.1", .port = 443});  // made by hand, not by the plan
  ASSERT_EQ(apply_until("switch.copy-records"), RunStatus::Stopped);
  auto entries = roll_back_now();
  const auto& copy = entry_of(entries, "switch.copy-records");
  EXPECT_EQ(copy.verdict, RollbackVerdict::NothingToDo) << copy.explanation;
  EXPECT_EQ(new_account_.checks.size(), 1u);
  EXPECT_TRUE(new_account_.removed.empty());
}

// After the switch back, resolvers keep asking the new zone for the parent's
// NS TTL: its delegation of the child must stay until then (found by the
// Route 53 rollback e2e test: undone at once, the new zone answered NXDOMAIN
// for names under the child).
TEST_F(RollbackTest, ChildDelegationsAreUndoneOnlyOnceTheSwitchBackHasSettled) {
  load("s2-subdelegation.json");
  add_dev_zone();
  ASSERT_EQ(apply_until("switch.registrar"), RunStatus::Stopped);
  auto entries = roll_back_now();
  EXPECT_EQ(entry_of(entries, "switch.registrar").verdict, RollbackVerdict::Undone);
  EXPECT_EQ(entry_of(entries, "subdelegation.dev.delegate.new").verdict, RollbackVerdict::Undone);
  auto j = journal();
  auto at = [&](const std::string& step, JournalEvent event) {
    auto it = std::ranges::find_if(j.records(), [&](const JournalRecord& r) { return r.step == step && r.event == event; });
    EXPECT_NE(it, j.records().end()) << step;
    return it == j.records().end() ? 0 : it->at;
  };
  auto switched_back = at("switch.registrar", JournalEvent::RolledBack);
  auto child_undone = at("subdelegation.dev.delegate.new", JournalEvent::UndoStarted);
  // The plan assumes a parent NS TTL of 172800 s, and a margin of 300 s.
  EXPECT_GE(child_undone - switched_back, 172800 + 300);
}

TEST_F(RollbackTest, ADryRunSaysWhatWouldBeUndoneAndChangesNothing) {
  load("s1-account-move.json");
  ASSERT_EQ(apply_until("switch.lower-ns-ttl"), RunStatus::Stopped);
  const auto records_before = journal().records().size();
  {
    auto entries = roll_back_now(/*wait=*/true, /*dry_run=*/true);
    const auto& lowering = entry_of(entries, "switch.lower-ns-ttl");
    EXPECT_EQ(lowering.verdict, RollbackVerdict::WouldUndo);
    EXPECT_NE(lowering.explanation.find("ChangeResourceRecordSets"), std::string::npos) << lowering.explanation;
    EXPECT_NE(lowering.explanation.find("UPSERT example.com. NS 172800"), std::string::npos) << lowering.explanation;
  }
  // Nothing moved: the TTLs are still lowered, and the journal has no new record.
  EXPECT_EQ(ttl(old_, "example.com", dns::RecordType::NS), 300u);
  EXPECT_EQ(ttl(new_, "example.com", dns::RecordType::NS), 300u);
  EXPECT_EQ(journal().records().size(), records_before);
  // The real rollback still has everything to do.
  EXPECT_EQ(entry_of(roll_back_now(), "switch.lower-ns-ttl").verdict, RollbackVerdict::Undone);
}

TEST_F(RollbackTest, WithoutWaitingItStopsWhileAnUndoSettlesAndARerunContinues) {
  load("s2-subdelegation.json");
  add_dev_zone();
  ASSERT_EQ(apply_until("switch.registrar"), RunStatus::Stopped);
  const auto started = clock_.now();
  auto first = roll_back_now(/*wait=*/false);
  EXPECT_EQ(entry_of(first, "switch.registrar").verdict, RollbackVerdict::Undone);
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(first.back().step, "subdelegation.dev.delegate.new");
  EXPECT_EQ(first.back().verdict, RollbackVerdict::Waiting);
  EXPECT_NE(first.back().explanation.find("run again"), std::string::npos) << first.back().explanation;
  EXPECT_EQ(clock_.now(), started) << "it did not sleep";
  // Too early: still waiting, nothing undone twice.
  EXPECT_EQ(roll_back_now(/*wait=*/false).back().verdict, RollbackVerdict::Waiting);
  clock_.advance(std::chrono::seconds{172800 + 300});
  auto later = roll_back_now(/*wait=*/false);
  EXPECT_EQ(entry_of(later, "subdelegation.dev.delegate.new").verdict, RollbackVerdict::Undone);
  EXPECT_EQ(journaled("switch.registrar", JournalEvent::UndoDone, 0), 1u);
}

// Found in review: an earlier rollback's settle wait held up a new rollback
// after the steps were applied again.
TEST_F(RollbackTest, AnOldRollbacksWaitDoesNotHoldUpANewOneAfterAReapply) {
  load("s2-subdelegation.json");
  add_dev_zone();
  ASSERT_EQ(apply_until("switch.registrar"), RunStatus::Stopped);
  ASSERT_EQ(roll_back_now(/*wait=*/false).back().verdict, RollbackVerdict::Waiting);  // the switch back settles for 48 h
  clock_.advance(std::chrono::hours{1});
  ASSERT_EQ(apply_until("switch.registrar"), RunStatus::Stopped);  // applied again
  clock_.advance(std::chrono::hours{1});
  auto again = roll_back_now(/*wait=*/false);
  EXPECT_EQ(entry_of(again, "switch.registrar").verdict, RollbackVerdict::Undone) << again.front().explanation;
}

// Found in review: a step whose action was announced and took effect, but
// was never recorded done (a crash, a timeout), was passed over, and the
// new zone was then deleted while the parent delegated to it.
TEST_F(RollbackTest, AnActionInDoubtThatTookEffectIsUndoneNotPassedOver) {
  load("s1-account-move.json");
  ASSERT_EQ(apply_until("switch.verify-ready"), RunStatus::Stopped);
  {
    auto j = journal();
    ASSERT_TRUE(j.append({.step = "switch.registrar", .event = JournalEvent::StepStarted}));
    ASSERT_TRUE(j.append({.step = "switch.registrar", .event = JournalEvent::ActionStarted, .action = 0}));
  }
  // The registry applied it before the process died.
  ASSERT_TRUE(providers_.registrar->set_delegation(name("example.com"), {name("ns-1.new.example")}, 172800));
  auto entries = roll_back_now();
  EXPECT_EQ(entry_of(entries, "switch.registrar").verdict, RollbackVerdict::Undone);
  EXPECT_EQ(parent_->find("example.com", dns::RecordType::NS)->values, (std::vector<std::string>{"ns-1.old.example."}));
  EXPECT_EQ(entry_of(entries, "zone.new.create").verdict, RollbackVerdict::TooLate) << "a parent delegated to it";
  EXPECT_TRUE(new_->exists().value());
}

TEST_F(RollbackTest, ApplyRefusesToGoForwardOverAnUnfinishedRollback) {
  load("s1-account-move.json");
  ASSERT_EQ(apply_until("switch.lower-ns-ttl"), RunStatus::Stopped);
  {
    auto j = journal();
    ASSERT_TRUE(j.append({.step = "switch.lower-ns-ttl", .event = JournalEvent::UndoStarted, .action = 0}));
  }
  auto outcome = apply({.poll_interval = 60s}).value();
  EXPECT_EQ(outcome.status, RunStatus::Failed);
  EXPECT_EQ(outcome.step, "switch.lower-ns-ttl");
  EXPECT_NE(outcome.message.find("rollback of this step is unfinished"), std::string::npos) << outcome.message;
}

// Found in review: an undo announced in an earlier rollback but never done
// (nothing changed) let the step skip its safe period.
TEST_F(RollbackTest, AnAnnouncedUndoThatChangedNothingDoesNotBypassTheSafePeriod) {
  load("s1-account-move.json");
  ASSERT_EQ(apply_until("switch.registrar"), RunStatus::Stopped);
  clock_.advance(std::chrono::days{30});  // far past the window + retention
  {
    auto j = journal();
    ASSERT_TRUE(j.append({.step = "switch.registrar", .event = JournalEvent::UndoStarted, .action = 0}));
  }
  auto entries = roll_back_now();
  EXPECT_EQ(entry_of(entries, "switch.registrar").verdict, RollbackVerdict::TooLate);
  EXPECT_EQ(parent_->find("example.com", dns::RecordType::NS)->values, (std::vector<std::string>{"ns-1.new.example."}));
}

TEST_F(RollbackTest, ALongSettleWaitCountsDownEveryMinuteNotEveryFiveSeconds) {
  load("s2-subdelegation.json");
  add_dev_zone();
  ASSERT_EQ(apply_until("switch.registrar"), RunStatus::Stopped);
  int countdowns = 0;
  auto entries = rollback({.on_wait = [&](const Step&, Seconds, const std::string&) { ++countdowns; }}).value();
  EXPECT_EQ(entry_of(entries, "subdelegation.dev.delegate.new").verdict, RollbackVerdict::Undone);
  // 48 h: about 2,880 lines a minute apart (34,000 at one every 5 s), the last 10 minutes every 5 s.
  EXPECT_GT(countdowns, 2800);
  EXPECT_LT(countdowns, 4000);
}

TEST_F(RollbackTest, TheDatabasePointerPinIsUndoneInBothZones) {
  apply_and_roll_back("s4-db-pointer.json", "db.db.example.com.pin-old", "db.example.com", dns::RecordType::CNAME, 60);
  for (const FakeZone* zone : {old_, new_}) {
    auto pointer = zone->find("db.example.com", dns::RecordType::CNAME);
    ASSERT_TRUE(pointer.has_value());
    EXPECT_EQ(pointer->ttl, 300u) << "the assumed pointer TTL before the pin";
    EXPECT_EQ(pointer->values, std::vector<std::string>{"prod.cluster-c0ld.eu-west-1.rds.amazonaws.com"});
  }
}

// A crash right after the first undo was journaled done: the rerun sends only the second.
TEST_F(RollbackTest, ARollbackResumedAfterACrashDoesNotRepeatAnUndo) {
  load("s1-account-move.json");
  ASSERT_EQ(apply_until("switch.lower-ns-ttl"), RunStatus::Stopped);
  const Step& lower = *graph_.find(step_id("switch.lower-ns-ttl"));
  ASSERT_EQ(lower.rollback.actions.size(), 2u);
  ASSERT_EQ(std::get<ChangeRecords>(lower.rollback.actions[0]).zone, "new");
  {
    // What the crashed run left: the first undo announced and done, nothing of the second.
    auto j = journal();
    ASSERT_TRUE(j.append({.step = "switch.lower-ns-ttl", .event = JournalEvent::UndoStarted, .action = 0}));
    ASSERT_TRUE(j.append({.step = "switch.lower-ns-ttl", .event = JournalEvent::UndoDone, .action = 0}));
  }
  // A change to the new zone made since then: repeating the first undo would overwrite it.
  ASSERT_TRUE(new_->apply(
      {RrsetChange{.kind = ChangeKind::Upsert,
                   .rrset = {.name = name("example.com"), .type = dns::RecordType::NS, .ttl = 999, .values = {"ns-1.new.example."}}}},
      ""));
  auto entries = roll_back_now();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entry_of(entries, "switch.lower-ns-ttl").verdict, RollbackVerdict::Undone);
  EXPECT_EQ(ttl(old_, "example.com", dns::RecordType::NS), 172800u);
  EXPECT_EQ(ttl(new_, "example.com", dns::RecordType::NS), 999u) << "the first undo was sent again";
  EXPECT_EQ(journaled("switch.lower-ns-ttl", JournalEvent::UndoStarted, 0), 1u);
  EXPECT_EQ(journaled("switch.lower-ns-ttl", JournalEvent::UndoDone, 1), 1u);
}

// The second undo fails (its call may have half-applied): the rerun re-checks
// it, sends it, and leaves the first alone.
TEST_F(RollbackTest, ARollbackRerunAfterAFailedUndoFinishesWithoutRepeating) {
  load("s1-account-move.json");
  ASSERT_EQ(apply_until("switch.lower-ns-ttl"), RunStatus::Stopped);
  old_->fail_next_apply = true;
  auto first = roll_back_now();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].verdict, RollbackVerdict::Failed);
  EXPECT_NE(first[0].explanation.find("undo 2 of 2 failed"), std::string::npos) << first[0].explanation;
  EXPECT_EQ(ttl(new_, "example.com", dns::RecordType::NS), 172800u);
  EXPECT_EQ(ttl(old_, "example.com", dns::RecordType::NS), 300u);

  auto second = roll_back_now();
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(second[0].step, "switch.lower-ns-ttl");
  EXPECT_EQ(second[0].verdict, RollbackVerdict::Undone) << second[0].explanation;
  EXPECT_EQ(ttl(old_, "example.com", dns::RecordType::NS), 172800u);
  EXPECT_EQ(journaled("switch.lower-ns-ttl", JournalEvent::UndoStarted, 0), 1u) << "the first undo ran once";
  EXPECT_EQ(journaled("switch.lower-ns-ttl", JournalEvent::UndoDone, 1), 1u);
}

// The rollback of the lab plan (tests/planner/world.h).
TEST_F(ExecutorTest, RollbackUndoesCompletedStepsInReverse) {
  ASSERT_EQ(run({.until = "switch.verify-parent"})->status, RunStatus::Stopped);
  ASSERT_EQ(parent_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.new.test.", "ns2.new.test."}));
  auto entries = rollback();
  ASSERT_TRUE(entries.has_value());
  ASSERT_FALSE(entries->empty());
  EXPECT_EQ(entries->front().step, "switch.verify-parent");
  // The switch is undone: the TLD delegates to the old servers again, and the
  // explanation says when every resolver sees it.
  EXPECT_EQ(parent_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.old.test.", "ns2.old.test."}));
  auto undone = std::ranges::find_if(*entries, [](const RollbackEntry& e) { return e.step == "switch.registrar"; });
  ASSERT_NE(undone, entries->end());
  EXPECT_EQ(undone->verdict, RollbackVerdict::Undone);
  EXPECT_NE(undone->explanation.find("takes effect for every resolver within the parent NS TTL"), std::string::npos);
  // The delegations of dev are removed from both parents.
  EXPECT_FALSE(old_->find("dev.example.test", dns::RecordType::NS).has_value());
  EXPECT_FALSE(new_->find("dev.example.test", dns::RecordType::NS).has_value());
  EXPECT_FALSE(journal().done_at("switch.registrar").has_value());
}

TEST_F(ExecutorTest, RollbackRefusesWhenTheSafePeriodIsOver) {
  ASSERT_EQ(run()->status, RunStatus::Completed);
  clock_.advance(std::chrono::hours{24});  // far past the 12 s window of the lab plan
  auto entries = rollback();
  ASSERT_TRUE(entries.has_value());
  auto registrar = std::ranges::find_if(*entries, [](const RollbackEntry& e) { return e.step == "switch.registrar"; });
  ASSERT_NE(registrar, entries->end());
  EXPECT_EQ(registrar->verdict, RollbackVerdict::TooLate);
  EXPECT_EQ(parent_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.new.test.", "ns2.new.test."}));
  EXPECT_EQ(&*registrar, &entries->back()) << "nothing before the switch is undone while the switch stands";
}

// A zone the plan created is not deleted by a rollback once a parent has
// delegated to it: resolvers may still ask it for the parent's NS TTL.
using ExecutorRollback = testing::World;
TEST_F(ExecutorRollback, KeepsACreatedZoneThatWasDelegatedTo) {
  load_example_com("s1-account-move.json");
  ASSERT_EQ(apply({.until = "switch.verify-parent", .poll_interval = 60s})->status, RunStatus::Stopped);
  ASSERT_EQ(new_->creates, 1);
  auto entries = rollback().value();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(parent_->find("example.com", dns::RecordType::NS)->values, std::vector<std::string>{"ns-1.old.example."});
  EXPECT_EQ(entries.back().step, "zone.new.create");
  EXPECT_EQ(entries.back().verdict, RollbackVerdict::TooLate);
  EXPECT_TRUE(new_->exists().value()) << "the zone a parent delegated to stays";
}

}  // namespace
}  // namespace cutover::planner
