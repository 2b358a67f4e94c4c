#pragma once
// The executor runs a planned cutover one step at a time, in the order the
// plan printed. For each step: wait for its earliest start, re-check its
// gates live, journal, act, check after, journal. A rerun resumes from the
// journal: done steps are skipped, an action in doubt is re-checked against
// the provider instead of being repeated.
//
//   Executor executor({.run = setup.run_parts(clock), .gates = gates, .observer = observer});
//   auto outcome = executor.run({.wait = false});

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "planner/clock.h"
#include "planner/gates/gate_checker.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/run/journal.h"
#include "planner/run/observer.h"
#include "planner/run/run_parts.h"
#include "planner/run/secrets.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

struct ExecutorOptions {
  bool wait{true};                     // false: stop with Waiting instead of sleeping (--no-wait)
  bool single_step{false};             // run one step, then stop (--step)
  std::optional<std::string> until{};  // stop after this step (--until)
  std::chrono::milliseconds poll_interval{std::chrono::seconds{2}};
  /// How long a verification gate or a check after may take to come true.
  std::chrono::seconds poll_timeout{std::chrono::minutes{10}};
};

enum class RunStatus {
  Completed,   // every step is done
  Stopped,     // --step or --until reached
  Waiting,     // --no-wait and the next step may not start yet
  GateFailed,  // a gate or a check after did not hold; nothing of that step's actions ran / see evidence
  Failed,      // an action failed
};

struct RunOutcome {
  RunStatus status{RunStatus::Completed};
  std::string step{};                      // the step it stopped at (Stopped by --until: the step just done)
  std::optional<std::string> next_step{};  // Stopped: the step a rerun would start with; none when all are done
  std::optional<TimePoint> next_at{};      // Waiting: when the next step may start
  std::string message{};
  std::vector<std::string> evidence{};
  bool undecided{false};  // GateFailed because too few servers answered to decide
};

struct ExecutorParts {
  RunParts run;
  GateChecker& gates;
  Observer& observer;
};

class Executor {
 public:
  explicit Executor(ExecutorParts parts) : parts_(parts) {}
  /// Runs until done, stopped, waiting or failed. Fails (Result) only when
  /// the journal cannot be written: then nothing further is attempted.
  Result<RunOutcome> run(const ExecutorOptions& options);

  /// The facts of this run so far (operation ids, run date), for gates.
  const RunFacts& run_facts() const { return run_; }

 private:
  Result<std::optional<RunOutcome>> run_step(const Step& step, const ExecutorOptions& options);
  RunOutcome stopped(const Step& at, std::size_t next_index) const;
  Result<std::optional<RunOutcome>> wait_for_start(const Step& step, const ExecutorOptions& options);
  Result<GateResult> check_all(const Step& step, const std::vector<Gate>& gates);
  /// Journals the gates of the last check_all() round, one GateChecked record each.
  Result<void> journal_gates(const Step& step, const std::string& phase);
  /// During a propagation wait: asks the watched gates, tells the observer, journals changed figures.
  Result<void> check_progress(const Step& step, const std::vector<const Gate*>& watched, std::chrono::seconds remaining);
  Result<GateResult> poll_until_hold(const Step& step, const std::vector<Gate>& gates, const ExecutorOptions& options);
  Result<std::optional<RunOutcome>> run_actions(const Step& step);
  Result<void> forget_consumed_secrets(const Action& action);
  Result<void> record(const Step& step, JournalEvent event, std::optional<std::size_t> action = {},
                      std::map<std::string, std::string> data = {}, std::string message = {});
  std::optional<TimePoint> earliest_start(const Step& step) const;
  RunOutcome stop_failed(RunStatus status, const Step& step, std::string why, std::vector<std::string> evidence);

  ExecutorParts parts_;
  RunFacts run_{};
  std::map<std::string, std::string> unjournaled_{};    // baselines learned by gates, not yet in the journal
  std::vector<GateProgress> last_round_{};              // each gate's result in the last check_all()
  std::map<std::string, std::string> progress_seen_{};  // "step|gate" -> the figures last journaled
};

std::string_view to_string(RunStatus status);

}  // namespace cutover::planner
