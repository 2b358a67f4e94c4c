// A run that died between the journal and the provider (the journal says an
// action started, the world may or may not hold it): the rerun re-checks the
// action instead of sending it again, and does not re-check the step's gates.
#include "planner/run/executor.h"

#include <gtest/gtest.h>

#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using testing::ExecutorTest;
using testing::name;

// What a run that died inside the first action of `step` leaves in the
// journal: the step and the action started, nothing done.
::testing::AssertionResult died_in_first_action(Journal journal, const std::string& step) {
  for (const JournalRecord& record : {JournalRecord{.step = step, .event = JournalEvent::StepStarted},
                                      JournalRecord{.step = step, .event = JournalEvent::ActionStarted, .action = 0}}) {
    if (auto appended = journal.append(record); !appended) return ::testing::AssertionFailure() << appended.error().message;
  }
  return ::testing::AssertionSuccess();
}

TEST_F(ExecutorTest, AnActionInDoubtIsRecheckedNotRepeated) {
  ASSERT_EQ(run({.until = "subdelegation.dev.copy"})->status, RunStatus::Stopped);
  // Simulate a crash right after the provider call of the next step went through:
  // the journal says "started", the zone already holds the change.
  ASSERT_TRUE(died_in_first_action(journal(), "switch.copy-records"));
  new_->add({.name = name("www.example.test"), .type = dns::RecordType::A, .ttl = 5, .values = {"192.0.2.10"}});
  int before = new_->applies;
  ASSERT_EQ(run({.until = "switch.copy-records"})->status, RunStatus::Stopped);
  EXPECT_EQ(new_->applies, before) << "the copy was in effect: nothing sent again";
  EXPECT_NE(std::ranges::find(observer_.actions, "switch.copy-records: already in effect (re-checked)"), observer_.actions.end());
}

TEST_F(ExecutorTest, AnActionInDoubtThatDidNotHappenRunsOnce) {
  {
    auto j = journal();
    ASSERT_TRUE(j.append({.step = "subdelegation.dev.copy", .event = JournalEvent::ActionStarted, .action = 0}));
  }
  ASSERT_EQ(run({.until = "subdelegation.dev.copy"})->status, RunStatus::Stopped);
  EXPECT_EQ(dev_->applies, 1);
  EXPECT_TRUE(dev_->find("app.dev.example.test", dns::RecordType::A).has_value());
}

// A step interrupted after its gates passed is resumed without them: its own
// half-done action may be what a gate now sees (a transfer in progress).
TEST_F(ExecutorTest, AResumedStepIsNotStoppedByItsGatesAgain) {
  ASSERT_EQ(run({.until = "switch.lower-ns-ttl"})->status, RunStatus::Stopped);
  ASSERT_TRUE(died_in_first_action(journal(), "subdelegation.dev.delegate.old"));
  old_->add({.name = name("dev.example.test"), .type = dns::RecordType::NS, .ttl = 30, .values = {"ns1.dev.test."}});
  int before = old_->applies;
  forced_ = {GateKind::Authoritative};
  auto outcome = run({.until = "subdelegation.dev.delegate.old"});
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::Stopped) << outcome->message;
  EXPECT_EQ(old_->applies, before) << "the delegation was in effect: re-checked, not sent again";
}

}  // namespace
}  // namespace cutover::planner
