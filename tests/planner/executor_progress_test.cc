// Progress during a propagation wait: the executor asks the gates around the
// wait (the parent's servers, the resolvers) while it counts down, reports how
// many servers give the new answer, and journals the figures when they change;
// every gate's final verdict is journaled with its evidence.
#include "planner/run/executor.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>

#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;
using testing::ExecutorTest;

// The journal's lines that hold every one of `needles`.
int lines_with(const std::string& text, std::initializer_list<std::string> needles) {
  int n = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (std::ranges::all_of(needles, [&](const std::string& needle) { return line.find(needle) != std::string::npos; })) ++n;
  }
  return n;
}

TEST_F(ExecutorTest, APropagationWaitReportsTheServersThatGiveTheNewAnswer) {
  // The lab's resolver holds the old delegation for the first 5 s of the window.
  auto window_from = std::make_shared<std::optional<TimePoint>>();
  answer_ = [this, window_from](const Gate& gate) -> std::optional<GateResult> {
    if (gate.kind != GateKind::ResolversAgree) return std::nullopt;
    if (!*window_from) *window_from = clock_.now();
    bool caught_up = clock_.now() >= **window_from + 5s;
    return GateResult{.holds = caught_up, .evidence = {"127.56.9.1: NS ..."}, .agreeing = caught_up ? 1 : 0, .asked = 1};
  };
  auto outcome = run();
  ASSERT_TRUE(outcome.has_value());
  ASSERT_EQ(outcome->status, RunStatus::Completed) << outcome->message;
  std::vector<std::string> window;
  for (const auto& seen : observer_.progress_seen) {
    if (seen.starts_with("switch.window-end ")) window.push_back(seen);
  }
  // The parent's servers (1 in the fake) give the new delegation from the start; the resolver catches up.
  ASSERT_GE(window.size(), 6u);
  EXPECT_EQ(window.front(), "switch.window-end 1/2");
  EXPECT_EQ(window.back(), "switch.window-end 2/2");
  // The journal has the figures when they changed, not at every poll: the resolver twice, the parent once.
  const std::string text = journal_text();
  EXPECT_EQ(lines_with(text, {"\"event\":\"progress\"", "\"kind\":\"resolvers-agree\"", "\"step\":\"switch.window-end\""}), 2) << text;
  EXPECT_EQ(lines_with(text, {"\"event\":\"progress\"", "\"kind\":\"resolvers-agree\"", "\"agreeing\":\"0\""}), 1) << text;
  // Each record says whom the gate asked, for the report's propagation picture.
  EXPECT_EQ(lines_with(text, {"\"event\":\"progress\"", "\"kind\":\"resolvers-agree\"", "\"servers\":\"resolvers\""}), 2) << text;
  EXPECT_EQ(lines_with(text, {"\"event\":\"progress\"", "\"kind\":\"parent-delegates-to\"", "\"step\":\"switch.window-end\""}), 1) << text;
}

TEST_F(ExecutorTest, AWaitAfterNoDnsChangeReportsNoProgress) {
  auto outcome = run({.wait = false});
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::Waiting);
  // --no-wait asks nothing while waiting.
  EXPECT_TRUE(observer_.progress_seen.empty());
}

TEST_F(ExecutorTest, EveryGateVerdictIsJournaledWithItsEvidence) {
  forced_ = {GateKind::ResolversAgree};
  auto outcome = run();
  ASSERT_TRUE(outcome.has_value());
  EXPECT_EQ(outcome->status, RunStatus::GateFailed);
  const std::string text = journal_text();
  EXPECT_NE(text.find("\"event\":\"gate\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"verdict\":\"does not hold\""), std::string::npos) << text;
  EXPECT_NE(text.find("forced to fail by the test"), std::string::npos) << text;
  EXPECT_NE(text.find("\"phase\":\"check after\""), std::string::npos) << text;
}

}  // namespace
}  // namespace cutover::planner
