#pragma once
// The journal: an append-only file of JSON lines recording every transition
// of a run, so that a rerun resumes where the last one stopped (after a crash
// too) without repeating an action that took effect.
//
// Like ninja's build log: the first record names the format and version (and
// the plan it belongs to); each record is written, flushed and fsync'd before
// the action it announces goes ahead; on load a torn last line (a crash in the
// middle of a write) is cut back to the last whole record, with a warning.
// The file is created 0600 and never holds a secret: ids, times and messages only.
//
//   auto journal = Journal::open(path, {.domain = "...", .plan_digest = d}, warnings);
//   journal->append({.step = "switch.registrar", .event = JournalEvent::ActionStarted, .action = 0});

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/result.h"

namespace cutover::planner {

enum class JournalEvent {
  StepStarted,    // gates passed, actions about to run
  ActionStarted,  // written before the provider call: "in doubt" until ActionDone
  ActionDone,     // the provider call took effect
  StepDone,       // actions done and the check after held
  StepFailed,     // a gate or check did not hold, or an action failed; message says why
  UndoStarted,    // a rollback action (`action` indexes the rollback's actions) is about to run: "in doubt" until UndoDone
  UndoDone,       // that rollback action took effect
  RolledBack,     // every rollback action of the step ran
  Facts,          // the facts the run plans with (step "(facts)"), frozen at the first run
  GateChecked,    // a gate's final verdict for a step (message: the gate; data: kind, verdict, figures, evidence)
  Progress,       // during a propagation wait, a gate's figures when they change (same data as GateChecked)
};

struct JournalRecord {
  std::string step{};
  JournalEvent event{JournalEvent::StepStarted};
  std::int64_t at{0};                         // unix seconds
  std::optional<std::size_t> action{};        // index into the step's actions
  std::map<std::string, std::string> data{};  // ids a rerun needs (zone id, operation id); never a secret
  std::string message{};
};

/// Identifies the plan a journal belongs to.
struct JournalHeader {
  std::string domain{};
  std::string plan_digest{};
};

enum class ActionState { NotStarted, InDoubt, Done };

class Journal {
 public:
  /// Opens `path`, creating it (0600, header first) when absent, and locks it
  /// (flock) for this process: a second run on it fails (Invalid). An existing
  /// journal must belong to the same plan (digest), else Invalid. A torn last
  /// line is truncated and reported in `warnings`; damage before it is Corrupt.
  static Result<Journal> open(const std::filesystem::path& path, const JournalHeader& header, std::vector<std::string>& warnings);

  /// The records of the journal at `path`, read without locking or repairing
  /// it (a run may be appending): for reports. Io when there is no file;
  /// another plan's journal is Invalid; a torn last line is left out with a warning.
  static Result<std::vector<JournalRecord>> read(const std::filesystem::path& path, const JournalHeader& header,
                                                 std::vector<std::string>& warnings);

  Journal(Journal&& other) noexcept;
  Journal& operator=(Journal&& other) noexcept;
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;
  ~Journal();

  /// Appends `record` and returns once it is on disk (write, fsync).
  Result<void> append(const JournalRecord& record);

  const std::vector<JournalRecord>& records() const { return records_; }
  const std::filesystem::path& path() const { return path_; }

  /// When `step` was recorded done, if it was (and not rolled back since).
  std::optional<std::int64_t> done_at(const std::string& step) const;
  ActionState action_state(const std::string& step, std::size_t action) const;
  /// The state of rollback action `undo` of `step` in the rollback under way:
  /// NotStarted again once the step is recorded RolledBack.
  ActionState undo_state(const std::string& step, std::size_t undo) const;
  /// True when `step` got past its gates once (StepStarted or an action announced), since any rollback.
  bool started(const std::string& step) const;
  /// True when an action of `step` took effect, since any rollback (done or not, the step changed something).
  bool any_action_done(const std::string& step) const;
  /// The data of the Facts record, if the journal has one.
  std::optional<std::map<std::string, std::string>> facts() const;
  /// The data recorded with `step`'s ActionDone records, merged.
  std::map<std::string, std::string> step_data(const std::string& step) const;

 private:
  Journal(std::filesystem::path path, int fd, std::vector<JournalRecord> records);
  /// The state of action `index` of `step`, from its `started` and `done` records since the last rollback of the step.
  ActionState state_of(const std::string& step, std::size_t index, JournalEvent started, JournalEvent done) const;
  std::filesystem::path path_{};
  int fd_{-1};
  std::vector<JournalRecord> records_{};
};

/// A digest of the plan text (FNV-1a 64, hex) that ties a journal to its plan.
std::string plan_digest(std::string_view plan_text);

std::string_view to_string(JournalEvent event);

}  // namespace cutover::planner
