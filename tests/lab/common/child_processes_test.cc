#include "tests/lab/common/child_processes.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "tests/lab/common/lab_dir.h"

namespace cutover::lab {
namespace {

class ChildProcessesTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.create("/tmp/cutover-lab-common-test").has_value()); }

  std::string read(const std::string& path) {
    std::stringstream text;
    text << std::ifstream(path).rdbuf();
    return text.str();
  }

  LabDir dir_;
};

TEST_F(ChildProcessesTest, StopEndsTheChildItStarted) {
  ChildProcesses children;
  ASSERT_TRUE(children.spawn("sleeper", {"sleep", "60"}, dir_.path() + "/sleeper.log").has_value());
  pid_t pid = children.pid_of("sleeper");
  ASSERT_GT(pid, 0);
  EXPECT_EQ(::kill(pid, 0), 0);
  children.stop();
  EXPECT_EQ(children.pid_of("sleeper"), -1);
  EXPECT_NE(::kill(pid, 0), 0);  // reaped, not a zombie
}

TEST_F(ChildProcessesTest, StopResumesAPausedChild) {
  ChildProcesses children;
  ASSERT_TRUE(children.spawn("sleeper", {"sleep", "60"}, dir_.path() + "/sleeper.log").has_value());
  ASSERT_EQ(::kill(children.pid_of("sleeper"), SIGSTOP), 0);
  auto before = std::chrono::steady_clock::now();
  children.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - before, std::chrono::seconds(4));  // SIGTERM, not the SIGKILL timeout
}

TEST_F(ChildProcessesTest, OutputGoesToTheLogAndAnExitIsReported) {
  ChildProcesses children;
  std::string log = dir_.path() + "/echo.log";
  ASSERT_TRUE(children.spawn("echo", {"sh", "-c", "echo out; echo err >&2; exit 3"}, log).has_value());
  std::string exited;
  for (int i = 0; i < 200 && exited.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    exited = children.reap_exited();
  }
  EXPECT_EQ(exited, " echo exited (status 3, log " + log + ");");
  EXPECT_EQ(read(log), "out\nerr\n");
  EXPECT_EQ(children.pid_of("echo"), -1);
}

TEST_F(ChildProcessesTest, AMissingBinaryFailsAtOnce) {
  ChildProcesses children;
  auto started = children.spawn("none", {"cutover-no-such-server"}, dir_.path() + "/none.log");
  ASSERT_FALSE(started.has_value());
  EXPECT_EQ(started.error().code, dns::ErrorCode::Io);
  EXPECT_NE(started.error().message.find("cannot start cutover-no-such-server"), std::string::npos);
}

}  // namespace
}  // namespace cutover::lab
