// The executor over the lab plan (tests/planner/world.h): it runs the steps
// plan prints in that order, stops where it is told to, journals every
// transition, and a rerun continues where the last run stopped.
#include "planner/run/executor.h"

#include <gtest/gtest.h>

#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;
using testing::ExecutorTest;

TEST_F(ExecutorTest, RunsTheWholeCutoverInThePlannedOrder) {
  auto outcome = run();
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::Completed) << outcome->message;
  // The steps apply ran are the steps plan printed, in the same order.
  EXPECT_EQ(observer_.done, planned_ids());
  // The world is migrated: the TLD delegates to the new servers, dev is delegated from both parents.
  EXPECT_EQ(parent_->find("example.test", dns::RecordType::NS)->values, (std::vector<std::string>{"ns1.new.test.", "ns2.new.test."}));
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
  int applies_before = old_->applies + new_->applies + dev_->applies + parent_->applies;

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
  EXPECT_EQ(old_->applies + new_->applies + dev_->applies + parent_->applies - applies_before, 3);
}

TEST_F(ExecutorTest, AFailedActionStopsTheRunAndARerunRetriesIt) {
  dev_->fail_next_apply = true;
  auto outcome = run();
  ASSERT_EQ(outcome->status, RunStatus::Failed);
  EXPECT_EQ(outcome->step, "subdelegation.dev.copy");
  EXPECT_NE(outcome->message.find("injected failure"), std::string::npos);
  EXPECT_EQ(run()->status, RunStatus::Completed);
}

TEST_F(ExecutorTest, AFailedActionIsJournaledWithTheKindOfItsFault) {
  dev_->fail_next_apply = true;
  dev_->next_fault = planner::Fault::Throttled;
  ASSERT_EQ(run()->status, RunStatus::Failed);
  const std::string text = journal_text();
  EXPECT_NE(text.find("\"fault\":\"throttled\""), std::string::npos) << text;
  EXPECT_NE(text.find("injected failure"), std::string::npos) << text;
}

TEST_F(ExecutorTest, AFailureOfNoKnownKindIsJournaledWithoutAFault) {
  dev_->fail_next_apply = true;
  ASSERT_EQ(run()->status, RunStatus::Failed);
  EXPECT_EQ(journal_text().find("\"fault\""), std::string::npos) << journal_text();
}

TEST_F(ExecutorTest, StepRunsExactlyOneStep) {
  auto outcome = run({.single_step = true});
  ASSERT_EQ(outcome->status, RunStatus::Stopped);
  EXPECT_EQ(observer_.done, std::vector<std::string>{planned_ids().front()});
  EXPECT_EQ(outcome->step, planned_ids()[1]);
  EXPECT_EQ(outcome->next_step, planned_ids()[1]);
}

TEST_F(ExecutorTest, UntilNamesTheStepThatRunsNextNotTheOneJustDone) {
  // `apply --until X` said "next step: X" after running X.
  const std::vector<std::string> ids = planned_ids();
  auto outcome = run({.until = ids[2]});
  ASSERT_EQ(outcome->status, RunStatus::Stopped);
  EXPECT_EQ(outcome->step, ids[2]);
  EXPECT_EQ(outcome->next_step, ids[3]);
  EXPECT_EQ(observer_.done.back(), ids[2]);
  // Stopping again at a step already done names the same next step.
  auto again = run({.until = ids[1]});
  ASSERT_EQ(again->status, RunStatus::Stopped);
  EXPECT_EQ(again->next_step, ids[3]);
  // Until the last step: none remain.
  auto last = run({.until = ids.back()});
  ASSERT_EQ(last->status, RunStatus::Stopped) << last->message;
  EXPECT_EQ(last->step, ids.back());
  EXPECT_FALSE(last->next_step.has_value()) << *last->next_step;
}

TEST_F(ExecutorTest, JournalRecordsEveryTransition) {
  ASSERT_EQ(run({.until = "subdelegation.dev.copy"})->status, RunStatus::Stopped);
  const std::string text = journal_text();
  EXPECT_NE(text.find("\"event\":\"step-started\""), std::string::npos);
  EXPECT_NE(text.find("\"event\":\"action-started\""), std::string::npos);
  EXPECT_NE(text.find("\"event\":\"action-done\""), std::string::npos);
  EXPECT_NE(text.find("\"event\":\"step-done\""), std::string::npos);
}

}  // namespace
}  // namespace cutover::planner
