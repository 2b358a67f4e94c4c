#pragma once
// The step graph: which steps exist and what each must wait for. It answers
// "in what order" and "not before when"; running steps is the executor's job.

#include <map>
#include <string>
#include <vector>

#include "planner/result.h"
#include "planner/steps/step.h"

namespace cutover::planner {

/// A step placed on the timeline, offsets from the start of the run.
struct ScheduledStep {
  const Step* step{nullptr};
  Seconds start{0};
  Seconds finish{0};
  /// Why it cannot start earlier: "after zone.new.copy" or a TTL wait explained.
  std::string start_reason{};
};

class StepGraph {
 public:
  /// Adds a step. Ids are unique: adding one twice is a planner bug (asserted).
  void add(Step step);

  /// Steps in the order they were added.
  const std::vector<Step>& steps() const { return steps_; }
  /// The step with `id`, or nullptr.
  const Step* find(const StepId& id) const;
  /// Mutable access for strategies that extend an existing step (e.g. extra gates).
  Step* find_mutable(const StepId& id);

  /// Every step after all it depends on (dependencies and wait anchors); ties
  /// keep insertion order. Fails naming the unknown id or the cycle.
  Result<std::vector<const Step*>> order() const;

  /// The earliest start and finish of every step, in `order()`.
  Result<std::vector<ScheduledStep>> schedule() const;

 private:
  std::vector<Step> steps_{};
  std::map<std::string, std::size_t> index_{};
};

/// Every step's predecessors: its dependencies and the anchors of its waits.
std::vector<StepId> predecessors(const Step& step);

/// The finish of the last step, i.e. the expected duration of the whole run.
Seconds total_duration(const std::vector<ScheduledStep>& schedule);

}  // namespace cutover::planner
