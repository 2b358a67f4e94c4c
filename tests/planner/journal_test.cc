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

// Each test works on j.jsonl in a temp dir of its own.
class JournalFile : public ::testing::Test {
 protected:
  std::filesystem::path path() const { return dir_ / "j.jsonl"; }
  /// Opens j.jsonl for the test's plan, as a run does; warnings go to warnings_.
  Result<Journal> open() { return Journal::open(path(), kHeader, warnings_); }

  testing::TempDir dir_;
  std::vector<std::string> warnings_;
};

TEST_F(JournalFile, CreatesA0600FileWithAHeader) {
  auto journal = open();
  ASSERT_TRUE(journal.has_value()) << journal.error().message;
  struct stat info {};
  ASSERT_EQ(::stat(path().c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600u);
  EXPECT_EQ(read(path()),
            "{\"domain\":\"example.test.\",\"format\":\"cutover-journal\",\"plan_digest\":\"0123456789abcdef\",\"version\":1}\n");
  EXPECT_TRUE(warnings_.empty());
}

TEST_F(JournalFile, RecordsSurviveReopening) {
  {
    auto journal = open().value();
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepStarted, .at = 100}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionStarted, .at = 101, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionDone, .at = 102, .action = 0, .data = {{"zone_id", "Z1"}}}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 103}));
    ASSERT_TRUE(journal.append({.step = "b", .event = JournalEvent::ActionStarted, .at = 104, .action = 1}));
  }
  auto journal = open().value();
  EXPECT_EQ(journal.records().size(), 5u);
  EXPECT_EQ(journal.done_at("a"), 103);
  EXPECT_FALSE(journal.done_at("b").has_value());
  EXPECT_EQ(journal.action_state("a", 0), ActionState::Done);
  EXPECT_EQ(journal.action_state("b", 1), ActionState::InDoubt);
  EXPECT_EQ(journal.action_state("b", 0), ActionState::NotStarted);
  EXPECT_EQ(journal.step_data("a").at("zone_id"), "Z1");
}

TEST_F(JournalFile, TornLastLineIsCutBackWithAWarning) {
  {
    auto journal = open().value();
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 1}));
  }
  std::string whole = read(path());
  std::ofstream(path(), std::ios::app) << "{\"step\":\"b\",\"ev";
  {
    auto journal = open();
    ASSERT_TRUE(journal.has_value());
    EXPECT_EQ(journal->records().size(), 1u);
    ASSERT_EQ(warnings_.size(), 1u);
    EXPECT_NE(warnings_[0].find("torn last line"), std::string::npos);
    EXPECT_EQ(read(path()), whole);
    // Appending after the repair gives a clean file.
    ASSERT_TRUE(journal->append({.step = "b", .event = JournalEvent::StepStarted, .at = 2}));
  }
  std::vector<std::string> none;
  EXPECT_EQ(Journal::open(path(), kHeader, none)->records().size(), 2u);
  EXPECT_TRUE(none.empty());
}

TEST_F(JournalFile, DamageBeforeTheEndIsCorruptNotRepaired) {
  { auto journal = open().value(); }
  std::ofstream(path(), std::ios::app) << "garbage\n{\"step\":\"a\",\"event\":\"step-done\",\"at\":1}\n";
  auto journal = open();
  ASSERT_FALSE(journal.has_value());
  EXPECT_EQ(journal.error().code, ErrorCode::Corrupt);
}

// Found by tests/fuzz/journal: a time or an action index that is a float
// (1.4e45) was cast to an integer, undefined behaviour beyond its range; such
// a line is not a record of ours.
TEST_F(JournalFile, ATimeOrIndexThatIsNotAnIntegerIsCorrupt) {
  for (const char* line : {R"({"at":1.4e45,"event":"step-done","step":"a"})", R"({"at":1,"event":"step-done","step":"a","action":-1})",
                           R"({"at":1,"event":"step-done","step":"a","action":2.5})"}) {
    std::filesystem::remove(path());
    { auto fresh = open().value(); }
    std::ofstream(path(), std::ios::app) << line << "\n{\"step\":\"a\",\"event\":\"step-done\",\"at\":1}\n";
    auto journal = open();
    ASSERT_FALSE(journal.has_value()) << line;
    EXPECT_EQ(journal.error().code, ErrorCode::Corrupt) << line;
  }
}

TEST_F(JournalFile, RefusesAJournalOfAnotherPlan) {
  { auto journal = open().value(); }
  auto other = Journal::open(path(), {.domain = "example.test.", .plan_digest = "ffff"}, warnings_);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::Invalid);
  EXPECT_NE(other.error().message.find("belongs to another plan"), std::string::npos);
}

TEST_F(JournalFile, RefusesAFileThatIsNotAJournal) {
  std::ofstream(dir_ / "notes.txt") << "hello\n";
  auto journal = Journal::open(dir_ / "notes.txt", kHeader, warnings_);
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

TEST_F(JournalFile, RollbackReopensAStep) {
  auto journal = open().value();
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionDone, .at = 1, .action = 0}));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 2}));
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::RolledBack, .at = 3}));
  EXPECT_FALSE(journal.done_at("a").has_value());
  EXPECT_EQ(journal.action_state("a", 0), ActionState::NotStarted);
}

// Undo actions have their own index space: undo 0 is not action 0, and a
// finished rollback (RolledBack) starts the next rollback of the step afresh.
TEST_F(JournalFile, UndoStateIsKeptPerUndoAndSurvivesAReopen) {
  {
    auto journal = open().value();
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::ActionDone, .at = 1, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::StepDone, .at = 2}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::UndoStarted, .at = 3, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::UndoDone, .at = 4, .action = 0}));
    ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::UndoStarted, .at = 5, .action = 1}));
  }
  auto journal = open().value();
  EXPECT_TRUE(warnings_.empty());
  EXPECT_EQ(journal.undo_state("a", 0), ActionState::Done);
  EXPECT_EQ(journal.undo_state("a", 1), ActionState::InDoubt);
  EXPECT_EQ(journal.undo_state("a", 2), ActionState::NotStarted);
  EXPECT_EQ(journal.action_state("a", 1), ActionState::NotStarted) << "an undo is not a forward action";
  EXPECT_TRUE(journal.done_at("a").has_value()) << "a half-done rollback leaves the step done";
  ASSERT_TRUE(journal.append({.step = "a", .event = JournalEvent::RolledBack, .at = 6}));
  EXPECT_EQ(journal.undo_state("a", 0), ActionState::NotStarted);
}

TEST_F(JournalFile, OneRunAtATime) {
  auto first = open();
  ASSERT_TRUE(first.has_value());
  auto second = open();
  ASSERT_FALSE(second.has_value());
  EXPECT_NE(second.error().message.find("in use by another cutover run"), std::string::npos);
}

TEST_F(JournalFile, StartedAndActedSurviveUntilRollback) {
  auto journal = open().value();
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

TEST_F(JournalFile, ReadGivesTheRecordsWithoutLockingOrRepairing) {
  auto journal = open().value();
  ASSERT_TRUE(journal.append({.step = "s", .event = JournalEvent::StepStarted, .at = 5}).has_value());
  ASSERT_TRUE(journal.append({.step = "s", .event = JournalEvent::Progress, .at = 6, .data = {{"asked", "3"}}, .message = "g"}));
  {
    std::ofstream torn(path(), std::ios::app);
    torn << "{\"step\":\"s\",\"ev";
  }
  // The run still holds its lock: a report reads anyway, and leaves the torn line for the run to cut.
  auto records = Journal::read(path(), kHeader, warnings_);
  ASSERT_TRUE(records.has_value()) << records.error().message;
  ASSERT_EQ(records->size(), 2u);
  EXPECT_EQ((*records)[1].event, JournalEvent::Progress);
  EXPECT_EQ((*records)[1].data.at("asked"), "3");
  EXPECT_EQ(warnings_.size(), 1u);
  EXPECT_NE(read(path()).find("\"ev"), std::string::npos) << "read() must not truncate";
}

TEST_F(JournalFile, ReadRefusesAMissingFileAndAnotherPlansJournal) {
  auto missing = Journal::read(dir_ / "none.jsonl", kHeader, warnings_);
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().message.find("no journal at"), std::string::npos);
  { auto journal = open().value(); }
  auto other = Journal::read(path(), {.domain = "example.test.", .plan_digest = "ffff"}, warnings_);
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::Invalid);
}

}  // namespace
}  // namespace cutover::planner
