#include "planner/run/rollback.h"

#include "planner/render/action_text.h"
#include "planner/run/action_runner.h"
#include "planner/steps/timing.h"

#include <algorithm>
#include <map>
#include <variant>

namespace cutover::planner {
namespace {

// True when a step that moved a delegation ever took effect in this journal:
// resolvers may have cached a delegation to a zone the plan created.
bool delegation_was_moved(const RollbackParts& parts) {
  for (const auto& scheduled : parts.run.schedule) {
    const Step& step = *scheduled.step;
    bool moves = std::ranges::any_of(step.actions, [](const Action& a) { return std::holds_alternative<SetDelegation>(a); });
    if (!moves) continue;
    // Announced counts too: a call that timed out may still have reached the registry.
    for (const auto& record : parts.run.journal.records()) {
      bool acted = record.event == JournalEvent::ActionDone || record.event == JournalEvent::ActionStarted;
      if (record.step == step.id.value && acted) return true;
    }
  }
  return false;
}

// True when an undo action of `step` took effect in an earlier rollback run
// that stopped before the step was recorded RolledBack. One only announced
// does not count: if nothing changed, the safe period still decides.
bool undo_begun(const RollbackParts& parts, const Step& step) {
  for (std::size_t i = 0; i < step.rollback.actions.size(); ++i) {
    if (parts.run.journal.undo_state(step.id.value, i) == ActionState::Done) return true;
  }
  return false;
}

// Why `step` is not undone at all; nullopt when its undo actions may run.
std::optional<RollbackEntry> refusal(const RollbackParts& parts, const Step& step, std::optional<std::int64_t> done_at) {
  const Rollback& r = step.rollback;
  RollbackEntry entry{.step = step.id.value};
  if (!r.possible) {
    entry.verdict = RollbackVerdict::Impossible;
    entry.explanation = r.description;
    return entry;
  }
  if (r.actions.empty()) {
    entry.verdict = RollbackVerdict::NothingToDo;
    entry.explanation = r.description.empty() ? "verification only: nothing to undo" : r.description;
    return entry;
  }
  bool deletes_zone = std::ranges::any_of(r.actions, [](const Action& a) { return std::holds_alternative<DeleteZone>(a); });
  if (deletes_zone && delegation_was_moved(parts)) {
    // Resolvers that cached the delegation to this zone keep asking it for the parent's NS TTL.
    entry.verdict = RollbackVerdict::TooLate;
    entry.explanation =
        "not deleted: a parent delegated to this zone during the run; delete it by hand once the parent's NS TTL has passed";
    return entry;
  }
  // An undo half done (one zone restored, the other not) is worse than either
  // end: once begun, it is finished even if the safe period ran out meanwhile.
  if (r.safe_for && done_at && !undo_begun(parts, step) && parts.run.clock.now() > from_unix_seconds(*done_at) + *r.safe_for) {
    entry.verdict = RollbackVerdict::TooLate;
    entry.explanation = "not undone: undoing was safe for " + format_duration(*r.safe_for) + " after the step (" + r.safe_reason + ")";
    return entry;
  }
  return std::nullopt;
}

// When the undos already done have reached every resolver: the latest
// RolledBack record of a step whose undo settles in a while, plus that while.
// Read from the journal, so a rollback resumed after a crash still waits.
struct Settling {
  TimePoint until{};
  std::string reason{};
};
std::optional<Settling> settling(const RollbackParts& parts) {
  std::optional<Settling> out;
  for (const auto& scheduled : parts.run.schedule) {
    const Step& step = *scheduled.step;
    if (!step.rollback.settles_in) continue;
    // The step's latest RolledBack, unless the step ran forward again since
    // (a re-apply): an old rollback's wait does not hold up a new one.
    std::optional<std::int64_t> rolled_back_at;
    for (const auto& record : parts.run.journal.records()) {
      if (record.step != step.id.value) continue;
      if (record.event == JournalEvent::RolledBack) rolled_back_at = record.at;
      bool forward = record.event == JournalEvent::StepStarted || record.event == JournalEvent::ActionStarted ||
                     record.event == JournalEvent::ActionDone || record.event == JournalEvent::StepDone;
      if (forward) rolled_back_at.reset();
    }
    if (!rolled_back_at) continue;
    auto until = from_unix_seconds(*rolled_back_at) + *step.rollback.settles_in;
    if (!out || until > out->until) {
      out = Settling{.until = until, .reason = "the undo of " + step.id.value + " takes effect " + step.rollback.takes_effect};
    }
  }
  return out;
}

// Undoing a step under one whose undo has not reached every resolver could
// pull away what those resolvers still use (the new zone's delegation of a
// child, while caches still send them to the new zone): wait until it has.
// Without waiting (parts.wait false), the entry that stops the rollback.
std::optional<RollbackEntry> wait_for_settling(const RollbackParts& parts, const Step& next) {
  auto s = settling(parts);
  if (!s) return std::nullopt;
  if (!parts.wait && parts.run.clock.now() < s->until) {
    return RollbackEntry{.step = next.id.value,
                         .verdict = RollbackVerdict::Waiting,
                         .explanation = "not before " + std::to_string(to_unix_seconds(s->until)) + " (in " +
                                        format_duration(std::chrono::ceil<Seconds>(s->until - parts.run.clock.now())) + "): " + s->reason +
                                        "; run again then"};
  }
  while (parts.run.clock.now() < s->until) {
    auto left = std::chrono::ceil<Seconds>(s->until - parts.run.clock.now());
    if (parts.on_wait) parts.on_wait(next, left, s->reason);
    // A countdown every 5 s near the end, every minute before (a wait can last days).
    auto nap = left > std::chrono::minutes{10} ? std::chrono::seconds{60} : std::chrono::seconds{5};
    parts.run.clock.sleep_for(std::min<std::chrono::milliseconds>(left, nap));
  }
  return std::nullopt;
}

Result<void> record(const RollbackParts& parts, const Step& step, JournalEvent event, std::size_t undo,
                    std::map<std::string, std::string> data = {}, std::string message = {}) {
  return parts.run.journal.append({.step = step.id.value,
                                   .event = event,
                                   .at = to_unix_seconds(parts.run.clock.now()),
                                   .action = undo,
                                   .data = std::move(data),
                                   .message = std::move(message)});
}

RollbackEntry undo_failed(const Step& step, std::size_t undo, const std::string& why) {
  const Rollback& r = step.rollback;
  std::string explanation =
      r.description + ": undo " + std::to_string(undo + 1) + " of " + std::to_string(r.actions.size()) + " failed: " + why;
  if (undo > 0) explanation += "; the undos before it took effect and a rerun does not repeat them";
  return RollbackEntry{.step = step.id.value, .verdict = RollbackVerdict::Failed, .explanation = std::move(explanation)};
}

// Runs one undo action unless the journal has it done. Like the executor's
// actions: announced before the provider call, recorded after it, and one
// left in doubt by a crash is re-checked at the provider rather than resent.
// Returns how it went, or the entry that stops the rollback.
Result<std::variant<ActionOutcome, RollbackEntry>> undo_action(const RollbackParts& parts, ActionRunner& runner, const Step& step,
                                                               std::size_t i) {
  const Action& action = step.rollback.actions[i];
  auto state = parts.run.journal.undo_state(step.id.value, i);
  if (state == ActionState::Done) return ActionOutcome{.how = "done by an earlier run"};
  if (state == ActionState::InDoubt) {
    auto effect = runner.in_effect(action);
    if (!effect) return undo_failed(step, i, "could not re-check an undo in doubt: " + effect.error().message);
    if (*effect) {
      auto logged = record(parts, step, JournalEvent::UndoDone, i, runner.take_learned(),
                           "in effect already (re-checked after an interrupted rollback)");
      if (!logged) return std::unexpected(logged.error());
      return ActionOutcome{.how = "in effect already"};
    }
  }
  auto announced = record(parts, step, JournalEvent::UndoStarted, i);
  if (!announced) return std::unexpected(announced.error());
  auto ran = runner.run(action);
  // A failed call may have half-applied: the UndoStarted left in doubt makes a rerun re-check it.
  if (!ran) return undo_failed(step, i, ran.error().message);
  auto logged = record(parts, step, JournalEvent::UndoDone, i, ran->data);
  if (!logged) return std::unexpected(logged.error());
  // A cancelled transfer's password can never be used again: do not keep it on disk.
  if (std::holds_alternative<CancelTransfer>(action)) {
    auto forgotten = parts.run.secrets.erase(std::string(kTransferPasswordSecret));
    if (!forgotten) return std::unexpected(forgotten.error());
  }
  return std::move(*ran);
}

// Runs every undo action of `step` in order. Fails (Result) only when the journal cannot be written.
Result<RollbackEntry> undo_one(const RollbackParts& parts, ActionRunner& runner, const Step& step) {
  const Rollback& r = step.rollback;
  std::string hows;
  bool changed = false;
  for (std::size_t i = 0; i < r.actions.size(); ++i) {
    auto done = undo_action(parts, runner, step, i);
    if (!done) return std::unexpected(done.error());
    if (auto* stop = std::get_if<RollbackEntry>(&*done)) return std::move(*stop);
    const auto& outcome = std::get<ActionOutcome>(*done);
    hows += (hows.empty() ? "" : "; ") + outcome.how;
    changed = changed || outcome.changed;
  }
  // Undo actions that all found their work done (a copy that recreated no
  // health check) changed nothing: the step had nothing to undo.
  if (!changed) return RollbackEntry{.step = step.id.value, .verdict = RollbackVerdict::NothingToDo, .explanation = hows};
  RollbackEntry entry{.step = step.id.value, .verdict = RollbackVerdict::Undone, .explanation = r.description + " (" + hows + ")"};
  if (!r.takes_effect.empty()) entry.explanation += "; takes effect " + r.takes_effect;
  return entry;
}

// True when an action of `step` was announced and never recorded done (a
// crash, a timeout) and the provider says it took effect anyway.
Result<bool> forward_took_effect_in_doubt(const RollbackParts& parts, ActionRunner& runner, const Step& step) {
  for (std::size_t i = 0; i < step.actions.size(); ++i) {
    if (parts.run.journal.action_state(step.id.value, i) != ActionState::InDoubt) continue;
    auto effect = runner.in_effect(step.actions[i]);
    if (!effect) return std::unexpected(effect.error());
    if (*effect) return true;
  }
  return false;
}

// What the undo of `step` would do, for a dry run: each action as the
// provider would carry it out, when it reaches resolvers, what waits for it.
RollbackEntry would_undo(const RollbackParts& parts, const Step& step) {
  const Rollback& r = step.rollback;
  std::string actions;
  for (std::size_t i = 0; i < r.actions.size(); ++i) {
    auto text = describe(parts.run.plan, r.actions[i]);
    actions += (actions.empty() ? "" : "; ") + text.provider + " " + text.operation + ": " + text.summary;
    for (const auto& detail : text.details) actions += ", " + detail;
    if (parts.run.journal.undo_state(step.id.value, i) == ActionState::Done) actions += " (done already)";
  }
  RollbackEntry entry{.step = step.id.value, .verdict = RollbackVerdict::WouldUndo, .explanation = r.description + " (" + actions + ")"};
  if (!r.takes_effect.empty()) entry.explanation += "; takes effect " + r.takes_effect;
  if (r.settles_in) entry.explanation += "; the steps before it are undone " + format_duration(*r.settles_in) + " later";
  if (auto s = settling(parts); s && parts.run.clock.now() < s->until) {
    entry.explanation +=
        "; first waits " + format_duration(std::chrono::ceil<Seconds>(s->until - parts.run.clock.now())) + " (" + s->reason + ")";
  }
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
    case RollbackVerdict::WouldUndo: return "would-undo";
    case RollbackVerdict::Waiting: return "waiting";
  }
  return "?";
}

Result<std::vector<RollbackEntry>> roll_back(const RollbackParts& parts) {
  RunFacts run;
  if (auto facts = parts.run.journal.facts(); facts && facts->contains("run_date")) run.run_date = facts->at("run_date");
  // What the run kept for its undos (the record sets a bulk change replaced):
  // the latest, which belongs to the apply being rolled back.
  for (const auto& record : parts.run.journal.records()) {
    for (const auto& [key, value] : record.data) {
      if (key.starts_with(baseline_key(""))) run.baselines[key] = value;
    }
  }
  ActionRunner runner(parts.run.plan, parts.run.providers, parts.run.secrets, run);
  std::vector<RollbackEntry> out;
  for (auto it = parts.run.schedule.rbegin(); it != parts.run.schedule.rend(); ++it) {
    const Step& step = *it->step;
    // A step counts when it finished, or when an action of it took effect
    // before its check after failed: that is often the one to undo first.
    auto done = parts.run.journal.done_at(step.id.value);
    if (!done && !parts.run.journal.any_action_done(step.id.value)) {
      // Passing over a step whose announced action did take effect would pull
      // away what it relies on (a new zone deleted while the parent delegates to it).
      auto doubt = forward_took_effect_in_doubt(parts, runner, step);
      if (!doubt) {
        out.push_back(RollbackEntry{.step = step.id.value,
                                    .verdict = RollbackVerdict::Failed,
                                    .explanation = "could not tell whether its interrupted action took effect: " + doubt.error().message});
        break;
      }
      if (!*doubt) continue;
    }
    auto refused = refusal(parts, step, done);
    if (!refused && parts.dry_run) {
      out.push_back(would_undo(parts, step));
      continue;
    }
    if (!refused) {
      if (auto not_yet = wait_for_settling(parts, step)) {
        out.push_back(std::move(*not_yet));
        break;
      }
      refused = refusal(parts, step, done);  // the wait may have used up its safe period
    }
    auto entry = refused ? Result<RollbackEntry>{std::move(*refused)} : undo_one(parts, runner, step);
    if (!entry) return std::unexpected(entry.error());
    bool settled = entry->verdict == RollbackVerdict::Undone || entry->verdict == RollbackVerdict::NothingToDo;
    if (settled && !parts.dry_run) {
      auto logged = parts.run.journal.append({.step = step.id.value,
                                              .event = JournalEvent::RolledBack,
                                              .at = to_unix_seconds(parts.run.clock.now()),
                                              .message = entry->explanation});
      if (!logged) return std::unexpected(logged.error());
    }
    // Undoing an earlier step under one that stays done could break what the
    // later one relies on (the parent must keep delegating while the switch
    // stands): stop at the first step that is not undone.
    bool stop = entry->verdict == RollbackVerdict::Failed || entry->verdict == RollbackVerdict::TooLate ||
                entry->verdict == RollbackVerdict::Impossible;
    out.push_back(std::move(*entry));
    if (stop) break;
  }
  return out;
}

}  // namespace cutover::planner
