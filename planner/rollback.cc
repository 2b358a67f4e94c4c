#include "planner/rollback.h"

#include "planner/action_runner.h"

#include <algorithm>

namespace cutover::planner {
namespace {

// True when a step that moved a delegation ever took effect in this journal:
// resolvers may have cached a delegation to a zone the plan created.
bool delegation_was_moved(const RollbackParts& parts) {
  for (const auto& scheduled : parts.schedule) {
    const Step& step = *scheduled.step;
    bool moves = std::ranges::any_of(step.actions, [](const Action& a) { return std::holds_alternative<SetDelegation>(a); });
    if (!moves) continue;
    for (const auto& record : parts.journal.records()) {
      if (record.step == step.id.value && record.event == JournalEvent::ActionDone) return true;
    }
  }
  return false;
}

RollbackEntry undo_one(const RollbackParts& parts, ActionRunner& runner, const Step& step, std::optional<std::int64_t> done_at) {
  const Rollback& r = step.rollback;
  RollbackEntry entry{.step = step.id.value};
  if (!r.possible) {
    entry.verdict = RollbackVerdict::Impossible;
    entry.explanation = r.description;
    return entry;
  }
  if (!r.action) {
    entry.verdict = RollbackVerdict::NothingToDo;
    entry.explanation = r.description.empty() ? "verification only: nothing to undo" : r.description;
    return entry;
  }
  if (r.action && std::holds_alternative<DeleteZone>(*r.action) && delegation_was_moved(parts)) {
    // Resolvers that cached the delegation to this zone keep asking it for the parent's NS TTL.
    entry.verdict = RollbackVerdict::TooLate;
    entry.explanation = "not deleted: a parent delegated to this zone during the run; delete it by hand once the parent's NS TTL has passed";
    return entry;
  }
  if (r.safe_for && done_at && parts.clock.now() > from_unix_seconds(*done_at) + *r.safe_for) {
    entry.verdict = RollbackVerdict::TooLate;
    entry.explanation = "not undone: undoing was safe for " + format_duration(*r.safe_for) + " after the step (" + r.safe_reason + ")";
    return entry;
  }
  auto ran = runner.run(*r.action);
  if (!ran) {
    entry.verdict = RollbackVerdict::Failed;
    entry.explanation = r.description + ": " + ran.error().message;
    return entry;
  }
  entry.verdict = RollbackVerdict::Undone;
  entry.explanation = r.description + " (" + ran->how + ")";
  if (!r.takes_effect.empty()) entry.explanation += "; takes effect " + r.takes_effect;
  return entry;
}

}  // namespace

std::string_view to_string(RollbackVerdict verdict) {
  switch (verdict) {
    case RollbackVerdict::Undone: return "undone";
    case RollbackVerdict::NothingToDo: return "nothing-to-do";
    case RollbackVerdict::TooLate: return "too-late";
    case RollbackVerdict::Impossible: return "impossible";
    case RollbackVerdict::Failed: return "failed";
  }
  return "?";
}

Result<std::vector<RollbackEntry>> roll_back(const RollbackParts& parts) {
  RunFacts run;
  if (auto facts = parts.journal.facts(); facts && facts->contains("run_date")) run["run_date"] = facts->at("run_date");
  ActionRunner runner(parts.plan, parts.providers, parts.secrets, run);
  std::vector<RollbackEntry> out;
  for (auto it = parts.schedule.rbegin(); it != parts.schedule.rend(); ++it) {
    const Step& step = *it->step;
    // A step counts when it finished, or when an action of it took effect
    // before its check after failed: that is often the one to undo first.
    auto done = parts.journal.done_at(step.id.value);
    if (!done && !parts.journal.any_action_done(step.id.value)) continue;
    auto entry = undo_one(parts, runner, step, done);
    if (entry.verdict == RollbackVerdict::Undone || entry.verdict == RollbackVerdict::NothingToDo) {
      auto logged = parts.journal.append({.step = step.id.value, .event = JournalEvent::RolledBack,
                                          .at = to_unix_seconds(parts.clock.now()), .message = entry.explanation});
      if (!logged) return std::unexpected(logged.error());
    }
    // Undoing an earlier step under one that stays done could break what the
    // later one relies on (the parent must keep delegating while the switch
    // stands): stop at the first step that is not undone.
    bool stop = entry.verdict == RollbackVerdict::Failed || entry.verdict == RollbackVerdict::TooLate ||
                entry.verdict == RollbackVerdict::Impossible;
    out.push_back(std::move(entry));
    if (stop) break;
  }
  return out;
}

}  // namespace cutover::planner
