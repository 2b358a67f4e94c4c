#pragma once
// Undoing at once what a failed gate found bad. A step may name, in
// Step::undo_on_gate_failure, the step whose effect its gates judge (a
// weighted shift's step K judges the weights step K-1 set). When an apply
// stops because such a gate definitely did not hold, that step alone is
// rolled back, journaled like any rollback, so the last state that held is
// back. An undecided gate (too few servers answered) stops without undoing:
// nothing says the state is bad.

#include <optional>

#include "planner/run/executor.h"
#include "planner/run/rollback.h"

namespace cutover::planner {

/// The undo of the step named by the failed step's undo_on_gate_failure,
/// when `outcome` is a definite GateFailed at such a step and that step is
/// done; nullopt otherwise. `parts.schedule` is the run's whole schedule.
/// Fails (Result) only when the journal cannot be written.
Result<std::optional<RollbackEntry>> undo_after_gate_failure(const RunOutcome& outcome, const RollbackParts& parts);

}  // namespace cutover::planner
