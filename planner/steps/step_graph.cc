#include "planner/steps/step_graph.h"

#include <algorithm>
#include <cassert>
#include <optional>

namespace cutover::planner {

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

namespace {

// The earliest a step may start once its predecessors are done, and why.
ScheduledStep earliest(const Step& step, const std::map<std::string, Seconds>& finish) {
  ScheduledStep out{.step = &step};
  for (const auto& dep : step.depends_on) {
    auto done = finish.at(dep.value);
    if (done >= out.start) {
      out.start = done;
      out.start_reason = "after " + dep.value;
    }
  }
  for (const auto& wait : step.waits) {
    auto not_before = finish.at(wait.after.value) + wait.delay;
    if (not_before > out.start) {
      out.start = not_before;
      out.start_reason = explain_not_before(not_before, wait.reason + " after " + wait.after.value);
    }
  }
  if (out.start_reason.empty()) out.start_reason = "at once";
  return out;
}

}  // namespace

Result<std::vector<ScheduledStep>> StepGraph::schedule() const {
  auto ordered = order();  // also proves the graph is acyclic and complete
  if (!ordered) return std::unexpected(ordered.error());
  // The executor runs one step at a time. Whenever a step finishes it takes,
  // among the steps whose predecessors are all done, the one that may start
  // first (ties: the order the strategies added them), so a long wait in one
  // strategy does not hold up another that is ready.
  std::map<std::string, Seconds> finish;
  std::vector<bool> placed(steps_.size(), false);
  std::vector<ScheduledStep> out;
  Seconds now{0};
  while (out.size() < steps_.size()) {
    std::optional<ScheduledStep> best;
    std::size_t best_index = 0;
    for (std::size_t i = 0; i < steps_.size(); ++i) {
      if (placed[i]) continue;
      auto preds = predecessors(steps_[i]);
      if (!std::ranges::all_of(preds, [&](const StepId& p) { return finish.contains(p.value); })) continue;
      auto candidate = earliest(steps_[i], finish);
      if (!best || candidate.start < best->start) {
        best = candidate;
        best_index = i;
      }
    }
    placed[best_index] = true;
    if (best->start < now) {
      best->start = now;
      if (best->start_reason == "at once" || best->start_reason.starts_with("after ")) {
        best->start_reason = out.empty() ? "at once" : "after " + out.back().step->id.value + " (one step at a time)";
      }
    }
    best->finish = best->start + best->step->expected_duration;
    now = best->finish;
    finish[best->step->id.value] = best->finish;
    out.push_back(*best);
  }
  return out;
}

Seconds total_duration(const std::vector<ScheduledStep>& schedule) {
  Seconds total{0};
  for (const auto& s : schedule) total = std::max(total, s.finish);
  return total;
}

}  // namespace cutover::planner
