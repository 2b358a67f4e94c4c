// S3 over fakes: example.com moves from account "old" to account "new" by a
// domain transfer; its password goes through the secrets file, never the
// journal.
#include "planner/run/executor.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;

class ExecutorTransfer : public testing::World {
 protected:
  void SetUp() override {
    load_example_com("s3-domain-transfer.json", /*new_zone_exists=*/true);
    providers_.transfers["old"] = std::make_unique<testing::FakeTransfers>(registry_, "old", "111122223333");
    providers_.transfers["new"] = std::make_unique<testing::FakeTransfers>(registry_, "new", "444455556666");
  }

  testing::FakeRegistry registry_{.owner = "old"};
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
  const std::string text = journal_text();
  EXPECT_EQ(text.find("s3cret-Transfer-Password"), std::string::npos);
  EXPECT_NE(text.find("op-transfer-1"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(secrets_path())) << "the secret is removed once accepted";
}

// Killed after the accept was on record as done but before the password was
// removed from disk: the rerun, which skips the done action, removes it.
TEST_F(ExecutorTransfer, ARerunForgetsThePasswordOfAnAcceptAlreadyDone) {
  ASSERT_EQ(apply({.until = "transfer.initiate", .poll_interval = 60s}).value().status, RunStatus::Stopped);
  ASSERT_TRUE(providers_.transfers["new"]->accept(*dns::DomainName::parse("example.com"), registry_.password).has_value());
  {
    auto j = journal();
    ASSERT_TRUE(j.append({.step = "transfer.accept", .event = JournalEvent::StepStarted}));
    ASSERT_TRUE(j.append({.step = "transfer.accept", .event = JournalEvent::ActionStarted, .action = 0}));
    ASSERT_TRUE(j.append({.step = "transfer.accept", .event = JournalEvent::ActionDone, .action = 0}));
  }
  ASSERT_TRUE(std::filesystem::exists(secrets_path()));
  auto outcome = apply({.poll_interval = 60s, .poll_timeout = 600s});
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::Completed) << outcome->message;
  EXPECT_EQ(registry_.accepts, 1) << "not accepted again";
  EXPECT_FALSE(std::filesystem::exists(secrets_path())) << "the password is gone once the accept is on record";
}

// Rolled back before the accept: the transfer is cancelled, the lock the
// transfer turned off is back on, and the password is gone from disk.
TEST_F(ExecutorTransfer, ARollbackCancelsRelocksAndForgetsThePassword) {
  ASSERT_EQ(apply({.until = "transfer.initiate", .poll_interval = 60s}).value().status, RunStatus::Stopped);
  ASSERT_FALSE(registry_.locked);
  ASSERT_TRUE(std::filesystem::exists(secrets_path()));
  auto entries = rollback({.wait = false}).value();
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().step, "transfer.initiate");
  EXPECT_EQ(entries.front().verdict, RollbackVerdict::Undone) << entries.front().explanation;
  EXPECT_TRUE(registry_.pending_to.empty()) << "cancelled";
  EXPECT_TRUE(registry_.locked) << "the lock is back on";
  EXPECT_FALSE(std::filesystem::exists(secrets_path())) << "the password is gone once the cancel is on record";
}

}  // namespace
}  // namespace cutover::planner
