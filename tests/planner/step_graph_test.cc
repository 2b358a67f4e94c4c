#include "planner/steps/step_graph.h"

#include <gtest/gtest.h>

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;

Step step(std::string id, std::vector<std::string> deps = {}, Seconds duration = 10s) {
  Step s{.id = step_id(std::move(id)), .expected_duration = duration};
  for (auto& d : deps) s.depends_on.push_back(step_id(std::move(d)));
  return s;
}

std::vector<std::string> ids(const std::vector<ScheduledStep>& schedule) {
  std::vector<std::string> out;
  for (const auto& s : schedule) out.push_back(s.step->id.value);
  return out;
}

TEST(StepGraph, OrdersDependenciesFirstAndKeepsInsertionOrderOnTies) {
  StepGraph graph;
  graph.add(step("c", {"a"}));
  graph.add(step("a"));
  graph.add(step("b"));
  auto order = graph.order();
  ASSERT_TRUE(order.has_value());
  std::vector<std::string> got;
  for (const auto* s : *order) got.push_back(s->id.value);
  EXPECT_EQ(got, (std::vector<std::string>{"a", "c", "b"}));
}

TEST(StepGraph, RefusesUnknownDependencies) {
  StepGraph graph;
  graph.add(step("a", {"ghost"}));
  auto order = graph.order();
  ASSERT_FALSE(order.has_value());
  EXPECT_EQ(order.error().message, "step a depends on unknown step ghost");
}

TEST(StepGraph, RefusesCycles) {
  StepGraph graph;
  graph.add(step("a", {"b"}));
  graph.add(step("b", {"a"}));
  graph.add(step("c"));
  auto order = graph.order();
  ASSERT_FALSE(order.has_value());
  EXPECT_EQ(order.error().message, "the steps depend on each other in a cycle: a, b");
}

TEST(StepGraph, WaitAnchorsAreDependenciesToo) {
  StepGraph graph;
  Step late = step("late");
  late.waits.push_back(Wait{.after = step_id("early"), .delay = 100s, .reason = "TTL"});
  graph.add(late);
  graph.add(step("early"));
  auto schedule = graph.schedule();
  ASSERT_TRUE(schedule.has_value());
  EXPECT_EQ(ids(*schedule), (std::vector<std::string>{"early", "late"}));
  EXPECT_EQ((*schedule)[1].start, 110s);
  EXPECT_EQ((*schedule)[1].start_reason, "not before +1m50s: TTL after early");
}

TEST(StepGraph, RunsOneStepAtATimeAndFillsWaitsWithReadySteps) {
  StepGraph graph;
  graph.add(step("lower", {}, 10s));
  Step switch_step = step("switch", {"lower"});
  switch_step.waits.push_back(Wait{.after = step_id("lower"), .delay = 1000s, .reason = "old TTL"});
  graph.add(switch_step);
  graph.add(step("other", {}, 20s));
  auto schedule = graph.schedule();
  ASSERT_TRUE(schedule.has_value());
  // "other" is ready and may start at once; the switch must wait for the TTL.
  EXPECT_EQ(ids(*schedule), (std::vector<std::string>{"lower", "other", "switch"}));
  EXPECT_EQ((*schedule)[1].start, 10s);
  EXPECT_EQ((*schedule)[2].start, 1010s);
  EXPECT_EQ(total_duration(*schedule), 1020s);
}

}  // namespace
}  // namespace cutover::planner
