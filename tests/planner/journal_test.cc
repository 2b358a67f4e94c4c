#include "planner/run/journal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "tests/common/temp_dir.h"

namespace cutover::planner {
namespace {

const JournalHeader kHeader{.domain = "example.test.", .plan_digest = "0123456789abcdef"};

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(Journal, CreatesA0600FileWithAHeader) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings);
  ASSERT_TRUE(journal.has_value()) << journal.error().message;
  struct stat info {};
  ASSERT_EQ(::stat((dir / "j.jsonl").c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(read(dir / "j.jsonl"),
            "{\"domain\":\"example.test.\",\"format\":\"cutover-journal\",\"plan_digest\":\"0123456789abcdef\",\"version\":1}\n");
  EXPECT_TRUE(warnings.empty());
}

TEST(Journal, RecordsSurviveReopening) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  {
    auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepStarted, .at = 100}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionStarted, .at = 101, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionDone, .at = 102, .action = 0, .data = {{"zone_id", "Z1"}}}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 103}));
    ASSERT_TRUE(journal.append({.step = "b", .event = JournalEvent::ActionStarted, .at = 104, .action = 1}));
  }
  auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
  EXPECT_EQ(journal.records().size(), 5u);
  EXPECT_EQ(journal.done_at("a"), 103);
  EXPECT_FALSE(journal.done_at("b").has_value());
  EXPECT_EQ(journal.action_state("a", 0), ActionState::Done);
  EXPECT_EQ(journal.action_state("b", 1), ActionState::InDoubt);
  EXPECT_EQ(journal.action_state("b", 0), ActionState::NotStarted);
  EXPECT_EQ(journal.step_data("a").at("zone_id"), "Z1");
}

TEST(Journal, TornLastLineIsCutBackWithAWarning) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  {
    auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 1}));
  }
  std::string whole = read(dir / "j.jsonl");
  std::ofstream(dir / "j.jsonl", std::ios::app) << "{\"step\":\"b\",\"ev";
  {
    auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings);
    ASSERT_TRUE(journal.has_value());
    EXPECT_EQ(journal->records().size(), 1u);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("torn last line"), std::string::npos);
    EXPECT_EQ(read(dir / "j.jsonl"), whole);
    // Appending after the repair gives a clean file.
    ASSERT_TRUE(journal->append({.step = "b", .event = JournalEvent::StepStarted, .at = 2}));
  }
  std::vector<std::string> none;
  EXPECT_EQ(Journal::open(dir / "j.jsonl", kHeader, none)->records().size(), 2u);
  EXPECT_TRUE(none.empty());
}

TEST(Journal, DamageBeforeTheEndIsCorruptNotRepaired) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  { auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value(); }
  std::ofstream(dir / "j.jsonl", std::ios::app) << "garbage\n{\"step\":\"a\",\"event\":\"step-done\",\"at\":1}\n";
  auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings);
  ASSERT_FALSE(journal.has_value());
  EXPECT_EQ(journal.error().code, ErrorCode::Corrupt);
}

TEST(Journal, RefusesAJournalOfAnotherPlan) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  { auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value(); }
  auto other = Journal::open(dir / "j.jsonl", {.domain = "example.test.", .plan_digest = "ffff"}, warnings);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::Invalid);
  EXPECT_NE(other.error().message.find("belongs to another plan"), std::string::npos);
}

TEST(Journal, RefusesAFileThatIsNotAJournal) {
  testing::TempDir dir;
  std::ofstream(dir / "notes.txt") << "hello\n";
  std::vector<std::string> warnings;
  auto journal = Journal::open(dir / "notes.txt", kHeader, warnings);
  ASSERT_FALSE(journal.has_value());
  EXPECT_EQ(journal.error().code, ErrorCode::Corrupt);
}

// Found by tests/fuzz/journal: a header field of another type (or a header
// that is not an object) threw out of open() and read(); it is Corrupt.
TEST(Journal, AHeaderWithFieldsOfOtherTypesIsCorrupt) {
  testing::TempDir dir;
  for (const char* header : {R"({"domain":"example.test.","format":"cutover-journal","plan_digest":"0123456789abcdef","version":"gate"})",
                             R"({"format":7,"version":1})", R"(["cutover-journal"])", R"("cutover-journal")"}) {
    std::ofstream(dir / "j.jsonl", std::ios::trunc) << header << "\n";
    std::vector<std::string> warnings;
    auto read = Journal::read(dir / "j.jsonl", kHeader, warnings);
    ASSERT_FALSE(read.has_value()) << header;
    EXPECT_EQ(read.error().code, ErrorCode::Corrupt) << header;
    auto opened = Journal::open(dir / "j.jsonl", kHeader, warnings);
    ASSERT_FALSE(opened.has_value()) << header;
    EXPECT_EQ(opened.error().code, ErrorCode::Corrupt) << header;
  }
  std::ofstream(dir / "j.jsonl", std::ios::trunc)
      << R"({"domain":"example.test.","format":"cutover-journal","plan_digest":["x"],"version":1})"
      << "\n";
  std::vector<std::string> warnings;
  auto other = Journal::read(dir / "j.jsonl", kHeader, warnings);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::Invalid);  // no digest of this plan: another plan's journal
}

TEST(Journal, RollbackReopensAStep) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionDone, .at = 1, .action = 0}));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 2}));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::RolledBack, .at = 3}));
  EXPECT_FALSE(journal.done_at("a").has_value());
  EXPECT_EQ(journal.action_state("a", 0), ActionState::NotStarted);
}

// Undo actions have their own index space: undo 0 is not action 0, and a
// finished rollback (RolledBack) starts the next rollback of the step afresh.
TEST(Journal, UndoStateIsKeptPerUndoAndSurvivesAReopen) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  {
    auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionDone, .at = 1, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 2}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::UndoStarted, .at = 3, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::UndoDone, .at = 4, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::UndoStarted, .at = 5, .action = 1}));
  }
  auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
  EXPECT_TRUE(warnings.empty());
  EXPECT_EQ(journal.undo_state("a", 0), ActionState::Done);
  EXPECT_EQ(journal.undo_state("a", 1), ActionState::InDoubt);
  EXPECT_EQ(journal.undo_state("a", 2), ActionState::NotStarted);
  EXPECT_EQ(journal.action_state("a", 1), ActionState::NotStarted) << "an undo is not a forward action";
  EXPECT_TRUE(journal.done_at("a").has_value()) << "a half-done rollback leaves the step done";
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::RolledBack, .at = 6}));
  EXPECT_EQ(journal.undo_state("a", 0), ActionState::NotStarted);
}

TEST(Journal, OneRunAtATime) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  auto first = Journal::open(dir / "j.jsonl", kHeader, warnings);
  ASSERT_TRUE(first.has_value());
  auto second = Journal::open(dir / "j.jsonl", kHeader, warnings);
  ASSERT_FALSE(second.has_value());
  EXPECT_NE(second.error().message.find("in use by another cutover run"), std::string::npos);
}

TEST(Journal, StartedAndActedSurviveUntilRollback) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
  EXPECT_FALSE(journal.started("a"));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepStarted}));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionDone, .action = 0}));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepFailed, .message = "check after"}));
  EXPECT_TRUE(journal.started("a"));
  EXPECT_TRUE(journal.any_action_done("a"));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::RolledBack}));
  EXPECT_FALSE(journal.started("a"));
  EXPECT_FALSE(journal.any_action_done("a"));
}

TEST(Journal, DigestIsStable) {
  EXPECT_EQ(plan_digest(""), "cbf29ce484222325");
  EXPECT_NE(plan_digest("{\"a\":1}"), plan_digest("{\"a\":2}"));
}

TEST(Journal, ReadGivesTheRecordsWithoutLockingOrRepairing) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value();
  ASSERT_TRUE(journal.append({.step = "s", .event = JournalEvent::StepStarted, .at = 5}).has_value());
  ASSERT_TRUE(journal.append({.step = "s", .event = JournalEvent::Progress, .at = 6, .data = {{"asked", "3"}}, .message = "g"}));
  {
    std::ofstream torn(dir / "j.jsonl", std::ios::app);
    torn << "{\"step\":\"s\",\"ev";
  }
  // The run still holds its lock: a report reads anyway, and leaves the torn line for the run to cut.
  auto records = Journal::read(dir / "j.jsonl", kHeader, warnings);
  ASSERT_TRUE(records.has_value()) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].event, JournalEvent::Progress);
  EXPECT_EQ((*records)[1].data.at("asked"), "3");
  EXPECT_EQ(warnings.size(), 1u);
  EXPECT_NE(read(dir / "j.jsonl").find("\"ev"), std::string::npos) << "read() must not truncate";
}

TEST(Journal, ReadRefusesAMissingFileAndAnotherPlansJournal) {
  testing::TempDir dir;
  std::vector<std::string> warnings;
  auto missing = Journal::read(dir / "none.jsonl", kHeader, warnings);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("no journal at"), std::string::npos);
  { auto journal = Journal::open(dir / "j.jsonl", kHeader, warnings).value(); }
  auto other = Journal::read(dir / "j.jsonl", {.domain = "example.test.", .plan_digest = "ffff"}, warnings);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::Invalid);
}

}  // namespace
}  // namespace cutover::planner
