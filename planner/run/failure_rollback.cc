#include "planner/run/failure_rollback.h"

#include <algorithm>

namespace cutover::planner {

Result<std::optional<RollbackEntry>> undo_after_gate_failure(const RunOutcome& outcome, const RollbackParts& parts) {
  if (outcome.status != RunStatus::GateFailed || outcome.undecided) return std::optional<RollbackEntry>{};
  auto failed = std::ranges::find_if(parts.run.schedule, [&](const ScheduledStep& s) { return s.step->id.value == outcome.step; });
  if (failed == parts.run.schedule.end() || !failed->step->undo_on_gate_failure) return std::optional<RollbackEntry>{};
  const StepId& target = *failed->step->undo_on_gate_failure;
  auto undo = std::ranges::find_if(parts.run.schedule, [&](const ScheduledStep& s) { return s.step->id == target; });
  if (undo == parts.run.schedule.end() || !parts.run.journal.done_at(target.value)) return std::optional<RollbackEntry>{};
  // roll_back() undoes every done step of the schedule it is given: give it this one.
  std::vector<ScheduledStep> only{*undo};
  RollbackParts one{.run = parts.run.with_schedule(only), .on_wait = parts.on_wait, .dry_run = parts.dry_run, .wait = parts.wait};
  auto entries = roll_back(one);
  if (!entries) return std::unexpected(entries.error());
  if (entries->empty()) return std::optional<RollbackEntry>{};
  return std::optional<RollbackEntry>{entries->back()};
}

}  // namespace cutover::planner
