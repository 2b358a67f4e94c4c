#pragma once
// Renderings of a planned run: text for people, JSON for automation (schema
// in plans/README.md, "plan output", version 1), Graphviz DOT of the graph.

#include <string>
#include <vector>

#include "planner/plan/plan.h"
#include "planner/steps/facts.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

struct PlannedRun {
  const Plan& plan;
  const Facts& facts;
  const StepGraph& graph;
  const std::vector<ScheduledStep>& schedule;
};

/// Numbered steps with indented gates, waits and rollbacks, and the total.
std::string render_text(const PlannedRun& run);
/// The stable JSON document (format "cutover-plan", version 1).
std::string render_json(const PlannedRun& run);
/// A Graphviz digraph: one node per step, an edge per dependency or wait.
std::string render_dot(const PlannedRun& run);

}  // namespace cutover::planner
