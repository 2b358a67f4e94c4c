// The report's timeline, inline SVG: one row per step. The upper bar is the
// step as planned (from the run's start, or +0 without a journal), the dashed
// line before it its wait; the lower bar is what the journal recorded, or for
// a step not run yet when it is now expected; the thin line after it shows
// how long undoing stays safe. "Now" and the expected end are vertical lines.
#include <algorithm>
#include <sstream>

#include "planner/render/report_model.h"
#include "planner/steps/timing.h"

namespace cutover::planner::report {
namespace {

using nlohmann::json;

constexpr int kWidth = 1220;
constexpr int kBarsFrom = 270;  // the step ids are left of this
constexpr int kBarsTo = 1200;
constexpr int kRow = 30;
constexpr int kTop = 34;  // the axis labels are above this

class Scale {
 public:
  explicit Scale(std::int64_t span) : span_(std::max<std::int64_t>(span, 1)) {}
  double x(std::int64_t t) const {
    t = std::clamp<std::int64_t>(t, 0, span_);
    return kBarsFrom + static_cast<double>(t) * (kBarsTo - kBarsFrom) / static_cast<double>(span_);
  }
  std::int64_t span() const { return span_; }

 private:
  std::int64_t span_;
};

std::int64_t span_of(const Model& model) {
  std::int64_t span = std::max<std::int64_t>(model.expected_end, model.plan.value("total_duration_seconds", std::int64_t{0}));
  if (model.now) span = std::max(span, *model.now);
  for (const auto& v : model.steps) span = std::max(span, v.ended.value_or(0));
  return span + span / 20 + 1;  // room after the last bar
}

void rect(std::ostringstream& out, const char* cls, double x0, double x1, double y, double h, const std::string& title) {
  out << "<rect class=\"" << cls << "\" x=\"" << x0 << "\" y=\"" << y << "\" width=\"" << std::max(2.0, x1 - x0) << "\" height=\"" << h
      << "\"><title>" << escape(title) << "</title></rect>";
}

void line(std::ostringstream& out, const char* cls, double x0, double x1, double y, const std::string& title) {
  out << "<line class=\"" << cls << "\" x1=\"" << x0 << "\" x2=\"" << std::max(x0 + 1, x1) << "\" y1=\"" << y << "\" y2=\"" << y
      << "\"><title>" << escape(title) << "</title></line>";
}

void axis(std::ostringstream& out, const Model& model, const Scale& scale, int height) {
  constexpr int kTicks = 5;
  for (int i = 0; i <= kTicks; ++i) {
    std::int64_t t = scale.span() * i / kTicks;
    double x = scale.x(t);
    out << "<line class=\"tick\" x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << kTop - 6 << "\" y2=\"" << height << "\"/>";
    std::string label = "+" + format_duration(Seconds{t});
    if (model.has_journal) label = utc_time(model.origin + t).substr(11, 8) + " " + label;
    out << "<text class=\"axis\" x=\"" << x << "\" y=\"" << kTop - 10 << "\" text-anchor=\""
        << (i == kTicks ? "end"
            : i         ? "middle"
                        : "start")
        << "\">" << escape(label) << "</text>";
  }
}

void marker(std::ostringstream& out, const char* cls, double x, int height, const std::string& label) {
  out << "<line class=\"" << cls << "\" x1=\"" << x << "\" x2=\"" << x << "\" y1=\"" << kTop - 4 << "\" y2=\"" << height << "\"/>";
  // Labels near the right edge are written leftwards, so they stay on the page.
  bool right = x > kBarsTo - 120;
  out << "<text class=\"" << cls << "-label\" x=\"" << (right ? x - 3 : x + 3) << "\" y=\"" << height - 4 << "\" text-anchor=\""
      << (right ? "end" : "start") << "\">" << escape(label) << "</text>";
}

void step_row(std::ostringstream& out, const Model& model, const Scale& scale, const StepView& v, int y,
              const std::map<std::string, std::int64_t>& planned_finish) {
  const json& s = *v.step;
  out << "<g class=\"step\" data-step=\"" << escape(v.id) << "\">";
  out << "<text class=\"label\" x=\"4\" y=\"" << y + 14 << "\">" << escape(v.id) << "</text>";
  for (const auto& w : s.value("waits", json::array())) {
    auto from = planned_finish.find(w.value("after", ""));
    if (from == planned_finish.end()) continue;
    std::int64_t delay = w.value("delay_seconds", std::int64_t{0});
    line(out, "wait", scale.x(from->second), scale.x(from->second + delay), y + 8,
         "wait " + format_duration(Seconds{delay}) + " after " + w.value("after", "") + ": " + w.value("reason", ""));
  }
  std::int64_t start = s.value("start_offset_seconds", std::int64_t{0});
  std::int64_t finish = s.value("finish_offset_seconds", std::int64_t{0});
  rect(out, "planned", scale.x(start), scale.x(finish), y + 3, 10, v.id + ": planned " + when(model, start) + " to " + when(model, finish));
  if (model.has_journal && !v.started) {
    rect(out, "expected", scale.x(v.projected_start), scale.x(v.projected_finish), y + 15, 8,
         v.id + ": expected " + when(model, v.projected_start) + " to " + when(model, v.projected_finish));
  } else if (v.started) {
    std::int64_t end = v.ended.value_or(model.now.value_or(*v.started));
    std::string state = v.status;
    std::ranges::replace(state, ' ', '-');  // a CSS class: "rolled-back"
    std::string cls = "actual " + state;
    rect(out, cls.c_str(), scale.x(*v.started), scale.x(end), y + 15, 8,
         v.id + ": " + v.status + ", started " + when(model, *v.started) + (v.ended ? ", ended " + when(model, *v.ended) : ""));
  }
  const json& rollback = s["rollback"];
  if (rollback.value("possible", false) && !rollback["actions"].empty()) {
    std::int64_t from = v.ended.value_or(v.projected_finish);
    bool bounded = rollback["safe_for_seconds"].is_number();
    std::int64_t until = bounded ? from + rollback["safe_for_seconds"].get<std::int64_t>() : scale.span();
    line(out, "rollback", scale.x(from), scale.x(until), y + 27,
         "undo safe " + (bounded ? "until " + when(model, until) : std::string("at any time")) + ": " + rollback.value("description", ""));
  }
  out << "</g>";
}

}  // namespace

std::string timeline_svg(const Model& model) {
  Scale scale(span_of(model));
  int height = kTop + kRow * static_cast<int>(model.steps.size()) + 18;
  std::ostringstream out;
  out.precision(1);
  out << std::fixed;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"timeline\" viewBox=\"0 0 " << kWidth << " " << height << "\" width=\"" << kWidth
      << "\" height=\"" << height << "\" role=\"img\" aria-label=\"timeline of the steps\">";
  axis(out, model, scale, height - 16);
  // Waits are drawn where the plan puts them: after the planned end of the step they wait on.
  std::map<std::string, std::int64_t> finish;
  for (const auto& v : model.steps) finish[v.id] = v.step->value("finish_offset_seconds", std::int64_t{0});
  int y = kTop;
  for (const auto& v : model.steps) {
    step_row(out, model, scale, v, y, finish);
    y += kRow;
  }
  if (model.now) marker(out, "now", scale.x(*model.now), height - 16, "now");
  marker(out, "end", scale.x(model.expected_end), height - 2, "expected end");
  out << "</svg>";
  return out.str();
}

}  // namespace cutover::planner::report
