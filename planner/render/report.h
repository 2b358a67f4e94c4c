#pragma once
// `cutover report`: one self-contained HTML file (inline CSS and SVG, no
// network) that draws the plan as a timeline and, from the journal, what
// happened: steps started and ended, gate verdicts with their evidence, the
// propagation figures of the last check, failures, undos, "now" and the
// expected end recomputed from the journal.
//
// It is drawn from the document `render_json` prints (the same PlannedRun),
// embedded in the page, so the report and `cutover plan --format json`
// cannot disagree.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/render/render.h"
#include "planner/run/journal.h"

namespace cutover::planner {

struct ReportInput {
  const PlannedRun& run;
  /// The journal's records; nullopt when the report has no journal (the plan only).
  std::optional<std::vector<JournalRecord>> journal{};
  std::string journal_name{};
  /// "Now", unix seconds: marked on the timeline, the origin of the recomputed end.
  std::int64_t now{0};
};

/// The whole HTML document.
std::string render_report(const ReportInput& input);

}  // namespace cutover::planner
