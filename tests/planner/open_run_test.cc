// Opening a run, as `cutover apply` and `cutover rollback` do before anything
// runs: the facts are observed once and frozen in the journal with the run's
// date, a rerun plans with them, and a journal of another plan is refused.
#include "planner/run/open_run.h"

#include <gtest/gtest.h>

#include <fstream>

#include "tests/planner/world.h"

namespace cutover::testing {
namespace {

using planner::SetupError;

class OpenRunTest : public World {
 protected:
  void SetUp() override { load_lab_example(); }

  // A setup as load_for_run leaves it, with the world's fake providers.
  planner::RunSetup setup(const std::string& digest = "digest-1") {
    planner::RunSetup out;
    out.plan = plan_;
    out.plan_digest = digest;
    out.providers = std::move(providers_);
    return out;
  }

  // Gives the fake providers back to the world, for the next open.
  void give_back(planner::RunSetup& used) { providers_ = std::move(used.providers); }

  std::expected<void, SetupError> open(planner::RunSetup& s) { return planner::open_run(journal_path(), clock_, s, warnings_); }

  std::vector<std::string> warnings_;
};

TEST_F(OpenRunTest, AFreshJournalGetsTheObservedFactsAndTheRunDate) {
  parent_->replace({.name = name("example.test"), .type = dns::RecordType::NS, .ttl = 20, .values = {"ns1.old.test.", "ns2.old.test."}});
  auto s = setup();
  ASSERT_TRUE(open(s).has_value());
  ASSERT_TRUE(s.journal.has_value());
  ASSERT_TRUE(s.secrets.has_value());
  EXPECT_FALSE(s.facts.offline);
  EXPECT_EQ(s.facts.parent_ns_ttl.value, 20u);  // observed in the fake TLD, not the plan's assumption (10)
  EXPECT_FALSE(s.schedule.empty());
  auto recorded = s.journal->facts();
  ASSERT_TRUE(recorded.has_value());
  EXPECT_EQ(recorded->at("run_date"), planner::utc_date(clock_.now()));
}

TEST_F(OpenRunTest, ARerunPlansWithTheFactsOfTheFirstRun) {
  auto first = setup();
  ASSERT_TRUE(open(first).has_value());
  auto first_date = first.journal->facts()->at("run_date");
  give_back(first);
  first.journal.reset();
  // Between the runs the parent's TTL changed and a day passed: the rerun
  // still waits on what the first run saw, and names clones with its date.
  parent_->replace({.name = name("example.test"), .type = dns::RecordType::NS, .ttl = 86400, .values = {"ns1.old.test.", "ns2.old.test."}});
  clock_.advance(std::chrono::hours(24));
  auto rerun = setup();
  ASSERT_TRUE(open(rerun).has_value());
  EXPECT_EQ(rerun.facts.parent_ns_ttl.value, 10u);
  EXPECT_EQ(rerun.journal->facts()->at("run_date"), first_date);
}

TEST_F(OpenRunTest, AJournalOfAnotherPlanIsRefused) {
  auto first = setup("digest-1");
  ASSERT_TRUE(open(first).has_value());
  give_back(first);
  first.journal.reset();
  auto other = setup("digest-2");
  auto opened = open(other);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().stage, SetupError::Stage::Journal);
  EXPECT_EQ(opened.error().where, journal_path().string());
}

TEST_F(OpenRunTest, LoadForRunNamesTheStageOfAFailure) {
  planner::RunSetup s;
  auto missing = planner::load_for_run(dir_ / "absent.json", s);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().stage, SetupError::Stage::ReadPlan);
  auto bad = dir_ / "bad.json";
  std::ofstream(bad) << "{\"version\": 1}";
  auto refused = planner::load_for_run(bad, s);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().stage, SetupError::Stage::Plan);
  EXPECT_EQ(planner::default_journal("/x/plan.json"), std::filesystem::path("/x/plan.json.journal"));
}

}  // namespace
}  // namespace cutover::testing
