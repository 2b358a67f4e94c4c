#include "planner/render/report_model.h"

#include <algorithm>
#include <ctime>
#include <map>

#include "planner/steps/timing.h"

namespace cutover::planner::report {
namespace {

using nlohmann::json;

// What the journal says of one step: its times and state, latest run last.
void fold(StepView& view, const JournalRecord& r, std::int64_t origin) {
  std::int64_t at = r.at - origin;
  view.records.push_back(&r);
  switch (r.event) {
    case JournalEvent::StepStarted:
    case JournalEvent::ActionStarted:
      if (view.status != "running") view.started = at;
      view.status = "running";
      view.ended.reset();
      break;
    case JournalEvent::StepDone:
      view.status = "done";
      view.ended = at;
      if (!view.started) view.started = at;
      break;
    case JournalEvent::StepFailed:
      view.status = "failed";
      view.ended = at;
      if (!view.started) view.started = at;
      break;
    case JournalEvent::UndoStarted:
    case JournalEvent::UndoDone: view.status = "rolling back"; break;
    case JournalEvent::RolledBack:
      view.status = "rolled back";
      view.ended = at;
      break;
    case JournalEvent::ActionDone:
    case JournalEvent::Facts:
    case JournalEvent::GateChecked:
    case JournalEvent::Progress: break;
  }
}

// Steps not done yet start at the latest of now, their dependencies' ends
// and their waits, and last as long as the plan says.
void project(Model& model) {
  std::map<std::string, std::int64_t> finish;
  model.expected_end = 0;
  for (auto& view : model.steps) {
    const json& s = *view.step;
    std::int64_t duration = s.value("finish_offset_seconds", std::int64_t{0}) - s.value("start_offset_seconds", std::int64_t{0});
    if (!model.has_journal) {
      view.projected_start = s.value("start_offset_seconds", std::int64_t{0});
      view.projected_finish = s.value("finish_offset_seconds", std::int64_t{0});
    } else if (view.status == "done") {
      view.projected_start = *view.started;
      view.projected_finish = *view.ended;
    } else if (view.status == "running" || view.status == "rolling back") {
      view.projected_start = view.started.value_or(*model.now);
      view.projected_finish = std::max(*model.now, view.projected_start + duration);
    } else {
      std::int64_t start = *model.now;
      for (const auto& dep : s.value("depends_on", json::array())) {
        if (auto it = finish.find(dep.get<std::string>()); it != finish.end()) start = std::max(start, it->second);
      }
      for (const auto& wait : s.value("waits", json::array())) {
        if (auto it = finish.find(wait.value("after", "")); it != finish.end()) {
          start = std::max(start, it->second + wait.value("delay_seconds", std::int64_t{0}));
        }
      }
      view.projected_start = start;
      view.projected_finish = start + duration;
    }
    finish[view.id] = view.projected_finish;
    model.expected_end = std::max(model.expected_end, view.projected_finish);
  }
}

}  // namespace

Model build_model(const ReportInput& input) {
  Model model;
  model.plan = json::parse(render_json(input.run));
  model.has_journal = input.journal.has_value();
  for (const auto& s : model.plan["steps"]) model.steps.push_back({.step = &s, .id = s.value("id", "")});
  if (model.has_journal) {
    model.origin = input.now;
    for (const auto& r : *input.journal) {
      if (r.at > 0) model.origin = std::min(model.origin, r.at);
    }
    model.now = input.now - model.origin;
    for (const auto& r : *input.journal) {
      auto it = std::ranges::find_if(model.steps, [&](const StepView& v) { return v.id == r.step; });
      if (it != model.steps.end()) fold(*it, r, model.origin);
    }
  }
  project(model);
  return model;
}

std::string escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string utc_time(std::int64_t unix_seconds) {
  std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%SZ", &tm);
  return buffer;
}

std::string when(const Model& model, std::int64_t offset) {
  std::string plus = (offset < 0 ? "" : "+") + format_duration(Seconds{offset});
  if (!model.has_journal) return plus;
  return utc_time(model.origin + offset) + " (" + plus + ")";
}

}  // namespace cutover::planner::report
