#include "planner/step_graph.h"

#include <algorithm>
#include <cassert>

namespace cutover::planner {

StepId step_id(std::string value) { return StepId{.value = std::move(value)}; }

std::vector<StepId> predecessors(const Step& step) {
  std::vector<StepId> out = step.depends_on;
  for (const auto& wait : step.waits) {
    if (std::ranges::find(out, wait.after) == out.end()) out.push_back(wait.after);
  }
  return out;
}

void StepGraph::add(Step step) {
  auto [it, inserted] = index_.emplace(step.id.value, steps_.size());
  assert(inserted && "step ids are unique");
  (void)it;
  (void)inserted;
  steps_.push_back(std::move(step));
}

const Step* StepGraph::find(const StepId& id) const {
  auto it = index_.find(id.value);
  return it == index_.end() ? nullptr : &steps_[it->second];
}

Step* StepGraph::find_mutable(const StepId& id) {
  auto it = index_.find(id.value);
  return it == index_.end() ? nullptr : &steps_[it->second];
}

Result<std::vector<const Step*>> StepGraph::order() const {
  std::vector<std::size_t> missing_before(steps_.size(), 0);
  std::vector<std::vector<std::size_t>> successors(steps_.size());
  for (std::size_t i = 0; i < steps_.size(); ++i) {
    for (const auto& before : predecessors(steps_[i])) {
      auto it = index_.find(before.value);
      if (it == index_.end()) {
        return fail(ErrorCode::Invalid, "step " + steps_[i].id.value + " depends on unknown step " + before.value);
      }
      successors[it->second].push_back(i);
      ++missing_before[i];
    }
  }
  // Kahn's algorithm, always taking the earliest-added ready step, so the
  // order is deterministic and follows the strategies' own order.
  std::vector<const Step*> out;
  std::vector<bool> done(steps_.size(), false);
  while (out.size() < steps_.size()) {
    std::size_t next = steps_.size();
    for (std::size_t i = 0; i < steps_.size(); ++i) {
      if (!done[i] && missing_before[i] == 0) {
        next = i;
        break;
      }
    }
    if (next == steps_.size()) {
      std::string cycle;
      for (std::size_t i = 0; i < steps_.size(); ++i) {
        if (!done[i]) cycle += (cycle.empty() ? "" : ", ") + steps_[i].id.value;
      }
      return fail(ErrorCode::Invalid, "the steps depend on each other in a cycle: " + cycle);
    }
    done[next] = true;
    out.push_back(&steps_[next]);
    for (auto successor : successors[next]) --missing_before[successor];
  }
  return out;
}

Result<std::vector<ScheduledStep>> StepGraph::schedule() const {
  auto ordered = order();
  if (!ordered) return std::unexpected(ordered.error());
  std::map<std::string, Seconds> finish;
  std::vector<ScheduledStep> out;
  for (const Step* step : *ordered) {
    ScheduledStep scheduled{.step = step};
    for (const auto& dep : step->depends_on) {
      if (finish[dep.value] >= scheduled.start) {
        scheduled.start = finish[dep.value];
        scheduled.start_reason = "after " + dep.value;
      }
    }
    for (const auto& wait : step->waits) {
      auto earliest = finish[wait.after.value] + wait.delay;
      if (earliest > scheduled.start) {
        scheduled.start = earliest;
        scheduled.start_reason = explain_not_before(earliest, wait.reason + " after " + wait.after.value);
      }
    }
    if (scheduled.start_reason.empty()) scheduled.start_reason = "at once";
    scheduled.finish = scheduled.start + step->expected_duration;
    finish[step->id.value] = scheduled.finish;
    out.push_back(scheduled);
  }
  return out;
}

Seconds total_duration(const std::vector<ScheduledStep>& schedule) {
  Seconds total{0};
  for (const auto& s : schedule) total = std::max(total, s.finish);
  return total;
}

}  // namespace cutover::planner
