#include "planner/run/executor.h"

#include "planner/render/action_text.h"
#include "planner/run/action_runner.h"
#include "planner/run/propagation.h"

namespace cutover::planner {
std::string_view to_string(RunStatus status) {
  switch (status) {
    case RunStatus::Completed: return "completed";
    case RunStatus::Stopped: return "stopped";
    case RunStatus::Waiting: return "waiting";
    case RunStatus::GateFailed: return "gate-failed";
    case RunStatus::Failed: return "failed";
  }
  return "?";
}

Result<void> Executor::record(const Step& step, JournalEvent event, std::optional<std::size_t> action,
                              std::map<std::string, std::string> data, std::string message) {
  // Baselines the gates fixed travel with the step's next transition, so a
  // resumed run compares with the same (restored in run()).
  if (event == JournalEvent::StepStarted || event == JournalEvent::StepDone) {
    data.merge(unjournaled_);
    unjournaled_.clear();
  }
  return parts_.run.journal.append(JournalRecord{.step = step.id.value,
                                                 .event = event,
                                                 .at = to_unix_seconds(parts_.run.clock.now()),
                                                 .action = action,
                                                 .data = std::move(data),
                                                 .message = std::move(message)});
}

RunOutcome Executor::stop_failed(RunStatus status, const Step& step, std::string why, std::vector<std::string> evidence) {
  parts_.observer.step_failed(step, why, evidence);
  return RunOutcome{.status = status, .step = step.id.value, .message = std::move(why), .evidence = std::move(evidence)};
}

std::optional<TimePoint> Executor::earliest_start(const Step& step) const {
  std::optional<TimePoint> out;
  for (const auto& wait : step.waits) {
    auto done = parts_.run.journal.done_at(wait.after.value);
    if (!done) continue;  // cannot happen in plan order; the anchor runs first
    auto at = from_unix_seconds(*done) + wait.delay;
    if (!out || at > *out) out = at;
  }
  return out;
}

Result<RunOutcome> Executor::run(const ExecutorOptions& options) {
  // The run date names daily clones. It is the date of the first run, kept
  // in the journal's facts, so a rerun after midnight finds the same clone.
  auto facts = parts_.run.journal.facts();
  run_.run_date = facts && facts->contains("run_date") ? facts->at("run_date") : utc_date(parts_.run.clock.now());
  // Journaled values gates read back: the transfer's operation id (the
  // latest wins) and the baselines gates fixed (the first wins).
  for (const auto& record : parts_.run.journal.records()) {
    if (record.data.contains("operation_id")) run_.transfer_operation_id = record.data.at("operation_id");
    // A rollback ends what its baselines were about: the next apply fixes new ones.
    if (record.event == JournalEvent::RolledBack) run_.baselines.clear();
    for (const auto& [key, value] : record.data) {
      if (key.starts_with(baseline_key(""))) run_.baselines.emplace(key, value);
    }
  }
  // A rollback left half done (an undo announced or done, the step not yet
  // recorded rolled back) must be finished first: going forward over it would
  // leave zones that disagree (one zone's TTL or pointer restored, not the other's).
  for (const auto& scheduled : parts_.run.schedule) {
    const Step& step = *scheduled.step;
    for (std::size_t i = 0; i < step.rollback.actions.size(); ++i) {
      if (parts_.run.journal.undo_state(step.id.value, i) == ActionState::NotStarted) continue;
      return stop_failed(RunStatus::Failed, step,
                         "a rollback of this step is unfinished; run cutover rollback again to finish it, then apply", {});
    }
  }
  bool ran_one = false;
  for (std::size_t i = 0; i < parts_.run.schedule.size(); ++i) {
    const Step& step = *parts_.run.schedule[i].step;
    if (parts_.run.journal.done_at(step.id.value)) {
      parts_.observer.step_skipped(step, "already done (journal)");
      if (options.until && *options.until == step.id.value) return stopped(step, i + 1);
      continue;
    }
    if (options.single_step && ran_one) return stopped(step, i);
    auto outcome = run_step(step, options);
    if (!outcome) return std::unexpected(outcome.error());
    if (*outcome) return **outcome;
    ran_one = true;
    if (options.until && *options.until == step.id.value) return stopped(step, i + 1);
  }
  return RunOutcome{.status = RunStatus::Completed};
}

// Stopped at `at`; the next step is the first from `next_index` on that the
// journal does not have as done (a rerun skips the others).
RunOutcome Executor::stopped(const Step& at, std::size_t next_index) const {
  RunOutcome out{.status = RunStatus::Stopped, .step = at.id.value};
  for (std::size_t i = next_index; i < parts_.run.schedule.size(); ++i) {
    const Step& step = *parts_.run.schedule[i].step;
    if (parts_.run.journal.done_at(step.id.value)) continue;
    out.next_step = step.id.value;
    break;
  }
  return out;
}

Result<std::optional<RunOutcome>> Executor::run_step(const Step& step, const ExecutorOptions& options) {
  auto waited = wait_for_start(step, options);
  if (!waited || *waited) return waited;

  // A step that got past its gates in an earlier run is resumed without
  // them: its own half-done action may be what a gate now sees (a transfer
  // in progress), and the actions in doubt are re-checked one by one instead.
  if (!parts_.run.journal.started(step.id.value)) {
    // An action step's gates must hold right now; a verification step polls
    // until they do (the registry publishing, a resolver's cache expiring).
    auto gates = step.actions.empty() ? poll_until_hold(step, step.gates, options) : check_all(step, step.gates);
    if (!gates) return std::unexpected(gates.error());
    if (auto logged = journal_gates(step, "gate"); !logged) return std::unexpected(logged.error());
    if (!gates->holds) {
      std::string why = gates->undecided ? "a gate could not be decided: too few servers answered" : "a gate did not hold";
      auto logged = record(step, JournalEvent::StepFailed, {}, {}, why);
      if (!logged) return std::unexpected(logged.error());
      auto outcome = stop_failed(RunStatus::GateFailed, step, why + "; nothing was changed by this step", gates->evidence);
      outcome.undecided = gates->undecided;
      return std::optional<RunOutcome>{outcome};
    }
    auto started = record(step, JournalEvent::StepStarted);
    if (!started) return std::unexpected(started.error());
  }
  parts_.observer.step_started(step);

  auto acted = run_actions(step);
  if (!acted || *acted) return acted;

  auto after = poll_until_hold(step, step.check_after, options);
  if (!after) return std::unexpected(after.error());
  if (auto logged = journal_gates(step, "check after"); !logged) return std::unexpected(logged.error());
  if (!after->holds) {
    auto logged = record(step, JournalEvent::StepFailed, {}, {}, "the check after did not hold");
    if (!logged) return std::unexpected(logged.error());
    return stop_failed(RunStatus::GateFailed, step, "the action ran but the check after it did not hold in time", after->evidence);
  }
  auto done = record(step, JournalEvent::StepDone);
  if (!done) return std::unexpected(done.error());
  parts_.observer.step_done(step);
  return std::optional<RunOutcome>{};
}

Result<std::optional<RunOutcome>> Executor::wait_for_start(const Step& step, const ExecutorOptions& options) {
  auto earliest = earliest_start(step);
  std::string reason = step.waits.empty() ? "" : step.waits.front().reason;
  std::vector<const Gate*> watched;
  if (options.wait) watched = propagation_gates(step, parts_.run.schedule);
  while (earliest && parts_.run.clock.now() < *earliest) {
    if (!options.wait) {
      return std::optional<RunOutcome>{RunOutcome{.status = RunStatus::Waiting,
                                                  .step = step.id.value,
                                                  .next_at = earliest,
                                                  .message = "not before " + std::to_string(to_unix_seconds(*earliest)) + ": " + reason}};
    }
    auto remaining = std::chrono::duration_cast<std::chrono::seconds>(*earliest - parts_.run.clock.now());
    if (!watched.empty()) {
      if (auto checked = check_progress(step, watched, remaining); !checked) return std::unexpected(checked.error());
    }
    parts_.observer.waiting(step, remaining, reason);
    auto left = std::chrono::ceil<std::chrono::milliseconds>(*earliest - parts_.run.clock.now());
    auto nap = std::min(options.poll_interval, left);
    parts_.run.clock.sleep_for(std::max(nap, std::chrono::milliseconds{1}));
  }
  if (step.deadline && !step.depends_on.empty()) {
    auto since = parts_.run.journal.done_at(step.depends_on.front().value);
    if (since && parts_.run.clock.now() > from_unix_seconds(*since) + *step.deadline) {
      return std::optional<RunOutcome>{stop_failed(RunStatus::Failed, step, "deadline passed: " + step.deadline_reason, {})};
    }
  }
  return std::optional<RunOutcome>{};
}

Result<void> Executor::journal_gates(const Step& step, const std::string& phase) {
  for (const auto& [gate, result] : last_round_) {
    auto data = gate_record_data(*gate, result);
    data["phase"] = phase;
    auto logged = record(step, JournalEvent::GateChecked, {}, std::move(data), gate->description);
    if (!logged) return logged;
  }
  return {};
}

// The figures are journaled when they change, not at every poll: a wait of
// days polled every few seconds would otherwise fill the journal.
Result<void> Executor::check_progress(const Step& step, const std::vector<const Gate*>& watched, std::chrono::seconds remaining) {
  std::vector<GateProgress> figures;
  for (const Gate* gate : watched) {
    auto result = parts_.gates.check(*gate, run_);
    if (!result) result = GateResult{.holds = false, .evidence = {"could not check: " + result.error().message}};
    result->learned.clear();  // a progress check fixes no baseline
    figures.push_back({.gate = gate, .result = std::move(*result)});
  }
  parts_.observer.progress(step, remaining, figures);
  for (const auto& [gate, result] : figures) {
    auto key = step.id.value + "|" + gate->description;
    auto summary = verdict_text(result) + " " + std::to_string(result.agreeing) + "/" + std::to_string(result.asked);
    if (progress_seen_[key] == summary) continue;
    progress_seen_[key] = summary;
    auto logged = record(step, JournalEvent::Progress, {}, gate_record_data(*gate, result), gate->description);
    if (!logged) return logged;
  }
  return {};
}

Result<GateResult> Executor::check_all(const Step& step, const std::vector<Gate>& gates) {
  GateResult all{.holds = true};
  last_round_.clear();
  for (const auto& gate : gates) {
    auto result = parts_.gates.check(gate, run_);
    if (!result) {
      // A check that cannot run at all is not a pass.
      result = GateResult{.holds = false, .evidence = {"could not check: " + result.error().message}};
    }
    // A baseline is fixed once per run: the first one learned stays.
    for (const auto& [key, value] : result->learned) {
      if (run_.baselines.emplace(key, value).second) unjournaled_[key] = value;
    }
    parts_.observer.gate_checked(step, gate, *result);
    last_round_.push_back({.gate = &gate, .result = *result});
    if (!result->holds) {
      all.holds = false;
      all.undecided = all.undecided || result->undecided;
      all.evidence.push_back("[" + std::string(to_string(gate.kind)) + "] " + gate.description);
      for (const auto& line : result->evidence) all.evidence.push_back("  " + line);
    }
  }
  return all;
}

Result<GateResult> Executor::poll_until_hold(const Step& step, const std::vector<Gate>& gates, const ExecutorOptions& options) {
  auto deadline = parts_.run.clock.now() + options.poll_timeout;
  while (true) {
    auto result = check_all(step, gates);
    if (!result || result->holds || parts_.run.clock.now() >= deadline) return result;
    parts_.run.clock.sleep_for(options.poll_interval);
  }
}

// The transfer password is dropped only once the accept (or cancel) is on
// record as done: a crash before that must still find it for the rerun.
Result<void> Executor::forget_consumed_secrets(const Action& action) {
  if (!std::holds_alternative<AcceptTransfer>(action) && !std::holds_alternative<CancelTransfer>(action)) return {};
  return parts_.run.secrets.erase(std::string(kTransferPasswordSecret));
}

Result<std::optional<RunOutcome>> Executor::run_actions(const Step& step) {
  ActionRunner runner(parts_.run.plan, parts_.run.providers, parts_.run.secrets, run_);
  for (std::size_t i = 0; i < step.actions.size(); ++i) {
    const auto& action = step.actions[i];
    auto state = parts_.run.journal.action_state(step.id.value, i);
    if (state == ActionState::Done) {
      // A run killed between journaling the accept and erasing the password
      // left it on disk: erase it now (nothing when it is already gone).
      auto forgotten = forget_consumed_secrets(action);
      if (!forgotten) return std::unexpected(forgotten.error());
      continue;
    }
    if (state == ActionState::InDoubt) {
      // The last run announced this action and stopped before recording its
      // result: ask the provider rather than send it again.
      auto effect = runner.in_effect(action);
      if (!effect)
        return std::optional<RunOutcome>{
            stop_failed(RunStatus::Failed, step, "could not re-check an action in doubt: " + effect.error().message, {})};
      if (*effect) {
        auto logged =
            record(step, JournalEvent::ActionDone, i, runner.take_learned(), "in effect already (re-checked after an interrupted run)");
        if (!logged) return std::unexpected(logged.error());
        parts_.observer.action_done(step, i, "already in effect (re-checked)");
        auto forgotten = forget_consumed_secrets(action);
        if (!forgotten) return std::unexpected(forgotten.error());
        continue;
      }
    }
    auto summary = describe(parts_.run.plan, action).summary;
    auto announced = record(step, JournalEvent::ActionStarted, i);
    if (!announced) return std::unexpected(announced.error());
    parts_.observer.action_started(step, i, summary);
    auto outcome = runner.run(action);
    if (!outcome) {
      // The kind of failure goes to the journal, so a person (or a script)
      // can tell "try again later" (throttled) from "fix the credentials" (auth).
      std::map<std::string, std::string> data;
      if (outcome.error().fault != Fault::None) data["fault"] = std::string(to_string(outcome.error().fault));
      auto logged = record(step, JournalEvent::StepFailed, i, std::move(data), outcome.error().message);
      if (!logged) return std::unexpected(logged.error());
      return std::optional<RunOutcome>{stop_failed(RunStatus::Failed, step, "action failed: " + outcome.error().message, {})};
    }
    auto logged = record(step, JournalEvent::ActionDone, i, outcome->data);
    if (!logged) return std::unexpected(logged.error());
    parts_.observer.action_done(step, i, outcome->how);
    auto forgotten = forget_consumed_secrets(action);
    if (!forgotten) return std::unexpected(forgotten.error());
  }
  return std::optional<RunOutcome>{};
}

}  // namespace cutover::planner
