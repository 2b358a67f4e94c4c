#pragma once
// What a run acts on and records into: the plan and its schedule, the
// providers it changes, its journal and secrets, and its clock. The executor
// (ExecutorParts) and the rollback (RollbackParts) each hold one.

#include <vector>

#include "planner/clock.h"
#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/run/journal.h"
#include "planner/run/secrets.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

struct RunParts {
  const Plan& plan;
  const std::vector<ScheduledStep>& schedule;
  ProviderSet& providers;
  Journal& journal;
  SecretStore& secrets;
  Clock& clock;

  /// The same run acting on `other` steps only (a subset of the schedule).
  RunParts with_schedule(const std::vector<ScheduledStep>& other) const {
    return {.plan = plan, .schedule = other, .providers = providers, .journal = journal, .secrets = secrets, .clock = clock};
  }
};

}  // namespace cutover::planner
