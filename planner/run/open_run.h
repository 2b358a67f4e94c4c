#pragma once
// Opening a run, what `apply` and `rollback` share: the plan read with its
// text (for the journal's digest), the real providers built, the journal and
// the secrets file opened, the facts the run plans with (frozen in the
// journal at the first run, so a rerun waits on the TTLs first seen), and
// the steps planned from them.
//
//   RunSetup setup;
//   if (auto loaded = load_for_run(plan_file, setup); !loaded) ...   // report loaded.error()
//   if (auto opened = open_run(journal_file, clock, setup, warnings); !opened) ...

#include <expected>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "planner/clock.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/result.h"
#include "planner/run/journal.h"
#include "planner/run/run_parts.h"
#include "planner/run/secrets.h"
#include "planner/steps/facts.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

struct RunSetup {
  Plan plan{};
  std::string plan_digest{};
  ProviderSet providers{};
  std::optional<Journal> journal{};
  std::optional<SecretStore> secrets{};
  Facts facts{};
  StepGraph graph{};
  std::vector<ScheduledStep> schedule{};  // points into `graph`: keep the setup where it is

  /// What the opened run acts on and records into, timed by `clock`
  /// (for the executor and the rollback). Only after open_run() succeeded.
  RunParts run_parts(Clock& clock);
};

/// Why a run could not be opened, and what it concerns: a file's name,
/// "providers" or "plan", for the message.
struct SetupError {
  enum class Stage { ReadPlan, Plan, Journal, Other };
  Stage stage{Stage::Other};
  std::string where{};
  Error error{};
};

/// The journal's default place: next to the plan, PLAN.journal.
std::filesystem::path default_journal(const std::filesystem::path& plan_file);

/// Reads and validates the plan and builds its providers (relative files
/// such as TSIG keys are read from the plan's folder). Stage ReadPlan when
/// the file cannot be read, Plan when it is refused (problems by pointer).
std::expected<void, SetupError> load_for_run(const std::filesystem::path& plan_file, RunSetup& setup);

/// Opens the journal (Stage Journal: another plan's journal, one in use, or
/// a file that cannot be written) and the secrets file, settles the facts
/// (from the journal when it has them, else observed now and recorded with
/// the run's date from `clock`), and plans the steps.
std::expected<void, SetupError> open_run(const std::filesystem::path& journal_file, Clock& clock, RunSetup& setup,
                                         std::vector<std::string>& warnings);

}  // namespace cutover::planner
