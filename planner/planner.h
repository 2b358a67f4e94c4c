#pragma once
// The planner's entry point: a validated plan and the facts (observed or
// assumed) in, the step graph out.

#include "planner/plan/plan.h"
#include "planner/result.h"
#include "planner/steps/facts.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

/// Turns the plan into steps. Fails only on a planner bug (a cycle or an
/// unknown dependency), reported with the step ids involved.
Result<StepGraph> build_steps(const Plan& plan, const Facts& facts);

}  // namespace cutover::planner
