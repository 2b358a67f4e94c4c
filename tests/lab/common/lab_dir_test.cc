#include "tests/lab/common/lab_dir.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

namespace cutover::lab {
namespace {

TEST(LabLockTest, ASecondHolderTimesOutNamingTheLock) {
  LabDir dir;
  ASSERT_TRUE(dir.create("/tmp/cutover-lab-common-test").has_value());
  std::string path = dir.path() + "/lab.lock";
  LabLock first;
  ASSERT_TRUE(first.acquire(path, std::chrono::seconds(1), "test lab").has_value());
  LabLock second;
  auto waited = second.acquire(path, std::chrono::seconds(0), "test lab");
  ASSERT_FALSE(waited.has_value());
  EXPECT_EQ(waited.error().code, dns::ErrorCode::Timeout);
  EXPECT_EQ(waited.error().message, "another test lab held " + path + " for 0 s");
  first.release();
  EXPECT_TRUE(second.acquire(path, std::chrono::seconds(1), "test lab").has_value());
}

TEST(LabDirTest, RemoveDeletesTheDirAndItsFiles) {
  if (std::getenv("CUTOVER_LAB_KEEP") != nullptr) GTEST_SKIP() << "CUTOVER_LAB_KEEP keeps lab dirs";
  LabDir dir;
  ASSERT_TRUE(dir.create("/tmp/cutover-lab-common-test").has_value());
  std::string path = dir.path();
  write_file(path + "/a/b/file", "text");
  EXPECT_EQ(std::ifstream(path + "/a/b/file").get(), 't');
  dir.remove();
  EXPECT_TRUE(dir.path().empty());
  EXPECT_FALSE(std::ifstream(path + "/a/b/file").is_open());
}

}  // namespace
}  // namespace cutover::lab
