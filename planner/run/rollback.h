#pragma once
// Rolling back: undo the completed steps of a run in reverse order, each only
// while undoing it is still safe, and say when each undo reaches every resolver.
// A step's undo is a list of actions (one per zone it changed); each is
// journaled like a forward action (UndoStarted, UndoDone by index), so a
// rollback resumed after a crash never repeats an undo that took effect.

#include <functional>
#include <string>
#include <vector>

#include "planner/clock.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/run/journal.h"
#include "planner/run/observer.h"
#include "planner/run/run_parts.h"
#include "planner/run/secrets.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

enum class RollbackVerdict {
  Undone,       // every rollback action ran
  NothingToDo,  // the step changed nothing that needs undoing
  TooLate,      // the safe period is over: not undone
  Impossible,   // the step cannot be undone (a deleted zone)
  Failed,       // a rollback action failed (those before it took effect)
  WouldUndo,    // dry run: the step's undo actions would run now
  Waiting,      // not yet: an earlier undo is still settling and the caller asked not to wait
};

struct RollbackEntry {
  std::string step{};
  RollbackVerdict verdict{RollbackVerdict::NothingToDo};
  std::string explanation{};  // what was done, or why not, and when it takes effect
};

struct RollbackParts {
  RunParts run;
  /// Told before each wait for an undo to settle (Rollback::settles_in): the step waiting, how long, why.
  std::function<void(const Step&, Seconds, const std::string&)> on_wait{};
  /// Say what would be undone, and what refused, without changing or journaling anything.
  bool dry_run{false};
  /// False: instead of waiting for an undo to settle, stop with a Waiting entry
  /// (a rerun continues; the wait is computed from the journal).
  bool wait{true};
};

/// Undoes every done step, last first. Stops at the first step it cannot
/// undo (failed, too late, impossible); the entries say how far it got. A rerun
/// continues a step's undo after the last undo action journaled done. Before
/// undoing a step it waits until the undos already done have settled
/// (Rollback::settles_in after their RolledBack record, so a rerun waits too).
/// Fails (Result) only when the journal cannot be written.
Result<std::vector<RollbackEntry>> roll_back(const RollbackParts& parts);

std::string_view to_string(RollbackVerdict verdict);

}  // namespace cutover::planner
