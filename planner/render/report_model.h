#pragma once
// The report's model (private to render/): each step of the plan document
// with what the journal says of it, and the times projected from the journal.
// Times are seconds from the origin: the run's first journal record, or the
// plan's +0 when there is no journal.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "planner/render/report.h"

namespace cutover::planner::report {

struct StepView {
  const nlohmann::json* step{nullptr};  // the step in the plan document
  std::string id{};
  std::optional<std::int64_t> started{};  // from the journal, seconds from the origin
  std::optional<std::int64_t> ended{};    // done, failed or rolled back
  std::string status{"not started"};      // "done", "failed", "running", "rolled back", "not started"
  std::int64_t projected_start{0};        // planned (no journal) or recomputed from the journal
  std::int64_t projected_finish{0};
  std::vector<const JournalRecord*> records{};  // the journal's records of this step
};

struct Model {
  nlohmann::json plan{};
  bool has_journal{false};
  std::int64_t origin{0};             // unix seconds of +0 (0 without a journal)
  std::optional<std::int64_t> now{};  // seconds from the origin; only with a journal
  std::vector<StepView> steps{};
  std::int64_t expected_end{0};  // seconds from the origin
};

/// The model of `input`: the plan document parsed back from render_json, the
/// journal's records assigned to their steps, and the projection.
Model build_model(const ReportInput& input);

/// HTML-escaped text.
std::string escape(const std::string& text);
/// "2026-12-03 23:10:05Z".
std::string utc_time(std::int64_t unix_seconds);
/// A time of the model for people: "+5m00s" without a journal, the UTC time with it.
std::string when(const Model& model, std::int64_t offset);

/// The SVG timeline: a bar per step, its waits, its rollback window, what the journal recorded, "now".
std::string timeline_svg(const Model& model);

}  // namespace cutover::planner::report
