#pragma once
// What `apply` and `rollback` share: the plan read with its text (for the
// journal's digest), the real providers built, the journal opened, and the
// facts the run plans with (frozen in the journal at the first run).

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/cli/exit_code.h"
#include "planner/steps/facts.h"
#include "planner/run/journal.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/run/secrets.h"
#include "planner/steps/step_graph.h"

namespace cutover::cli {

struct RunSetup {
  planner::Plan plan{};
  std::string plan_digest{};
  planner::ProviderSet providers{};
  std::optional<planner::Journal> journal{};
  std::optional<planner::SecretStore> secrets{};
  planner::Facts facts{};
  planner::StepGraph graph{};
  std::vector<planner::ScheduledStep> schedule{};
};

/// The journal's default place: next to the plan, PLAN.journal.
std::filesystem::path default_journal(const std::filesystem::path& plan_file);

/// Reads and validates the plan and builds its providers. On failure prints
/// the reason (naming the file and pointer) and returns the exit code.
std::optional<ExitCode> load_for_run(const std::string& command, const std::filesystem::path& plan_file, RunSetup& setup);

/// Opens the journal and settles the facts: from the journal when it has
/// them, else observed now and recorded. Then plans the steps.
std::optional<ExitCode> open_run(const std::string& command, const std::filesystem::path& journal_file, RunSetup& setup,
                                 std::vector<std::string>& warnings);

}  // namespace cutover::cli
