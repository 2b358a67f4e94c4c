// The report's HTML: a header with the figures that matter (planned total,
// expected end, now), the timeline, a table of the steps (times, waits,
// gates, rollback window, what happened), the propagation picture of the last
// check, and every journal record. Plain and printable: inline CSS, no
// script, no external asset.
#include <algorithm>
#include <map>
#include <sstream>

#include "planner/render/report.h"
#include "planner/render/report_model.h"
#include "planner/steps/timing.h"

namespace cutover::planner {
namespace {

using nlohmann::json;
using report::escape;
using report::Model;
using report::StepView;
using report::when;

constexpr const char* kStyle = R"(
body { font: 14px/1.4 "DejaVu Sans", Arial, sans-serif; color: #111; margin: 16px auto; max-width: 1240px; padding: 0 10px; }
h1 { font-size: 22px; margin: 0 0 4px; } h2 { font-size: 17px; margin: 22px 0 6px; border-bottom: 1px solid #999; }
.facts { margin: 6px 0; } .facts span { margin-right: 18px; white-space: nowrap; display: inline-block; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; overflow-wrap: anywhere; } th, td { border: 1px solid #bbb; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #eee; } td.time { overflow-wrap: normal; } ul { margin: 0; padding-left: 16px; }
pre { margin: 2px 0; font: 12px/1.3 "DejaVu Sans Mono", monospace; white-space: pre-wrap; word-break: break-all; }
.id { font-family: "DejaVu Sans Mono", monospace; font-size: 12px; } .muted { color: #555; }
.done { color: #1a6b1a; } .failed { color: #a40000; font-weight: bold; } .running { color: #1f4fa0; }
.note { border-left: 4px solid #999; padding: 4px 8px; background: #f4f4f4; }
svg.timeline { display: block; max-width: 100%; height: auto; font: 11px "DejaVu Sans", Arial, sans-serif; }
svg .label { font: 11px "DejaVu Sans Mono", monospace; } svg .axis { fill: #444; } svg .tick { stroke: #ddd; }
svg .planned { fill: #9db7dd; } svg .expected { fill: none; stroke: #1f4fa0; stroke-width: 1; }
svg .actual.done { fill: #2e8b2e; } svg .actual.failed { fill: #c00000; } svg .actual.running, svg .actual.rolling-back { fill: #1f4fa0; }
svg .actual.rolled-back { fill: #8a5a00; } svg .actual.not-started { fill: #999; }
svg .wait { stroke: #d08000; stroke-width: 2; stroke-dasharray: 4 3; } svg .rollback { stroke: #7a3fa0; stroke-width: 2; }
svg .now { stroke: #c00000; stroke-width: 2; } svg .now-label { fill: #c00000; } svg .end { stroke: #111; stroke-dasharray: 2 2; }
.legend span { margin-right: 16px; white-space: nowrap; } .swatch { display: inline-block; width: 22px; height: 9px; vertical-align: middle; }
@media print { body { max-width: none; margin: 0; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
)";

std::string duration(std::int64_t seconds) { return format_duration(Seconds{seconds}); }

void header(std::ostringstream& out, const Model& m, const ReportInput& input) {
  out << "<h1>Cutover of " << escape(m.plan.value("domain", "")) << "</h1>\n<div class=\"facts\">";
  out << "<span>report made " << report::utc_time(input.now) << "</span>";
  out << "<span>planned total <b id=\"planned-total\">" << duration(m.plan.value("total_duration_seconds", std::int64_t{0}))
      << "</b></span>";
  out << "<span>facts: " << (m.plan.value("offline", false) ? "assumed (offline)" : "observed") << "</span></div>\n<div class=\"facts\">";
  if (!m.has_journal) {
    out << "<span>no journal: the plan only, times from its start (+0)</span></div>\n";
    return;
  }
  int done = 0;
  for (const auto& v : m.steps) done += v.status == "done" ? 1 : 0;
  out << "<span>journal " << escape(input.journal_name) << "</span>";
  out << "<span>run began " << report::utc_time(m.origin) << "</span>";
  out << "<span>now <b id=\"now\">" << when(m, *m.now) << "</b></span>";
  out << "<span>steps done <b id=\"steps-done\">" << done << "/" << m.steps.size() << "</b></span>";
  out << "<span>expected end (recomputed from the journal) <b id=\"expected-end\">" << when(m, m.expected_end) << "</b></span></div>\n";
}

void legend(std::ostringstream& out, bool journal) {
  out << "<div class=\"legend muted\"><span><i class=\"swatch\" style=\"background:#9db7dd\"></i> "
      << "step as planned</span>"
      << (journal ? "<span><i class=\"swatch\" style=\"border:1px solid #1f4fa0;height:7px\"></i> expected (not run yet)</span>" : "")
      << "<span><i class=\"swatch\" style=\"border-top:2px dashed #d08000;height:0\"></i> wait (hover: its reason)</span>"
      << "<span><i class=\"swatch\" style=\"background:#2e8b2e\"></i> done (journal)</span>"
      << "<span><i class=\"swatch\" style=\"background:#c00000\"></i> failed</span>"
      << "<span><i class=\"swatch\" style=\"background:#1f4fa0\"></i> running</span>"
      << "<span><i class=\"swatch\" style=\"border-top:2px solid #7a3fa0;height:0\"></i> undo is safe</span></div>\n";
}

void gate_list(std::ostringstream& out, const json& gates, const char* cls) {
  if (gates.empty()) return;
  out << "<ul>";
  for (const auto& g : gates) {
    out << "<li class=\"" << cls << "\" data-kind=\"" << escape(g.value("kind", "")) << "\">[" << escape(g.value("kind", "")) << "] "
        << escape(g.value("description", "")) << "</li>";
  }
  out << "</ul>";
}

void rollback_cell(std::ostringstream& out, const Model& m, const StepView& v) {
  const json& r = (*v.step)["rollback"];
  if (r.value("description", "").empty() || r["actions"].empty()) {
    out << "<span class=\"muted\">" << (r.value("description", "").empty() ? "nothing to undo" : escape(r.value("description", "")))
        << "</span>";
    return;
  }
  out << escape(r.value("description", "")) << "<br>";
  if (!r.value("possible", true)) {
    out << "<b>not possible</b>";
  } else if (r["safe_for_seconds"].is_number()) {
    std::int64_t from = v.ended.value_or(v.projected_finish);
    std::int64_t safe = r["safe_for_seconds"].get<std::int64_t>();
    out << "<span class=\"rollback-window\" data-safe-for=\"" << safe << "\">safe for " << duration(safe) << ", until "
        << when(m, from + safe) << "</span>";
    if (!r.value("safe_reason", "").empty()) out << " (" << escape(r.value("safe_reason", "")) << ")";
  } else {
    out << "<span class=\"rollback-window\">safe at any time</span>";
  }
}

void journal_cell(std::ostringstream& out, const Model& m, const StepView& v) {
  if (!m.has_journal) {
    out << "<span class=\"muted\">no journal</span>";
    return;
  }
  std::string cls = v.status == "done" ? "done" : v.status == "failed" ? "failed" : v.status == "not started" ? "muted" : "running";
  out << "<span class=\"status " << cls << "\">" << escape(v.status) << "</span>";
  if (v.started) out << "<br>started " << when(m, *v.started);
  if (v.ended) out << "<br>ended " << when(m, *v.ended);
  for (const auto* r : v.records) {
    if (r->event == JournalEvent::StepFailed) out << "<br><span class=\"failed\">" << escape(r->message) << "</span>";
  }
}

void steps_table(std::ostringstream& out, const Model& m) {
  out << "<h2>Steps</h2>\n<table id=\"steps\"><colgroup><col style=\"width:3%\"><col style=\"width:17%\"><col style=\"width:15%\">"
         "<col style=\"width:15%\"><col style=\"width:22%\"><col style=\"width:15%\"><col "
         "style=\"width:13%\"></colgroup><tr><th>#</th><th>step</th><th>start, end</th><th>wait</th><th>gates (before) and "
         "check after</th><th>rollback window</th><th>journal</th></tr>\n";
  int n = 0;
  for (const auto& v : m.steps) {
    const json& s = *v.step;
    std::int64_t start = s.value("start_offset_seconds", std::int64_t{0});
    std::int64_t finish = s.value("finish_offset_seconds", std::int64_t{0});
    out << "<tr class=\"step\" data-step=\"" << escape(v.id) << "\" data-start-offset=\"" << start << "\" data-finish-offset=\"" << finish
        << "\" data-status=\"" << escape(v.status) << "\">";
    out << "<td>" << ++n << "</td><td><span class=\"id\">" << escape(v.id) << "</span><br>" << escape(s.value("title", "")) << "</td>";
    out << "<td class=\"time\">planned <span class=\"planned-start\">+" << duration(start) << "</span> to <span class=\"planned-finish\">+"
        << duration(finish) << "</span>";
    if (m.has_journal && v.status != "done") out << "<br>expected " << when(m, v.projected_start);
    out << "<br><span class=\"muted\">" << escape(s.value("start_reason", "")) << "</span></td><td>";
    for (const auto& w : s.value("waits", json::array())) {
      std::int64_t delay = w.value("delay_seconds", std::int64_t{0});
      out << "<div class=\"wait\" data-after=\"" << escape(w.value("after", "")) << "\" data-delay=\"" << delay << "\">" << duration(delay)
          << " after <span class=\"id\">" << escape(w.value("after", "")) << "</span>: " << escape(w.value("reason", ""));
      // When it runs out: after the step it waits on ended (journal) or is expected to end.
      auto anchor = std::ranges::find_if(m.steps, [&](const StepView& a) { return a.id == w.value("after", ""); });
      if (m.has_journal && anchor != m.steps.end()) out << "; <b>ends " << when(m, anchor->projected_finish + delay) << "</b>";
      out << "</div>";
    }
    out << "</td><td>";
    gate_list(out, s["gates"], "gate");
    if (!s["check_after"].empty()) out << "<b>check after</b>";
    gate_list(out, s["check_after"], "check-after");
    out << "</td><td>";
    rollback_cell(out, m, v);
    out << "</td><td>";
    journal_cell(out, m, v);
    out << "</td></tr>\n";
  }
  out << "</table>\n";
}

std::string data_text(const JournalRecord& r) {
  std::string out;
  for (const auto& [key, value] : r.data) {
    if (key == "evidence") continue;
    out += (out.empty() ? "" : ", ") + key + "=" + value;
  }
  return out;
}

void journal_table(std::ostringstream& out, const Model& m, const ReportInput& input) {
  out << "<h2>Journal</h2>\n";
  if (!input.journal) {
    out << "<p class=\"note\">No journal was given (<span class=\"id\">--journal</span>): nothing has run as far as this report "
           "knows.</p>\n";
    return;
  }
  if (input.journal->empty()) {
    out << "<p class=\"note\">The journal holds no record yet: the run has not started.</p>\n";
    return;
  }
  out << "<table id=\"journal\"><colgroup><col style=\"width:20%\"><col style=\"width:17%\"><col style=\"width:11%\"><col></colgroup>"
         "<tr><th>time</th><th>step</th><th>event</th><th>what</th></tr>\n";
  for (const auto& r : *input.journal) {
    std::string event(to_string(r.event));
    out << "<tr class=\"event\" data-event=\"" << event << "\" data-step=\"" << escape(r.step) << "\" data-at=\"" << r.at << "\">";
    // The facts record carries no time: it is written before the run's first transition.
    out << "<td class=\"time\">" << (r.at > 0 ? when(m, r.at - m.origin) : std::string("-")) << "</td><td class=\"id\">" << escape(r.step)
        << "</td><td" << (r.event == JournalEvent::StepFailed ? " class=\"failed\"" : "") << ">" << event;
    if (r.action) out << " #" << *r.action;
    out << "</td><td>";
    if (r.event == JournalEvent::Facts) {
      out << "<span class=\"muted\">the facts this run plans with (" << r.data.size() << " values), frozen at its first start</span>";
    } else {
      out << escape(r.message);
      auto data = data_text(r);
      if (!data.empty()) out << " <span class=\"muted\">" << escape(data) << "</span>";
      if (r.data.contains("evidence")) out << "<pre class=\"evidence\">" << escape(r.data.at("evidence")) << "</pre>";
    }
    out << "</td></tr>\n";
  }
  out << "</table>\n";
}

bool is_propagation(const JournalRecord& r) {
  if (r.event == JournalEvent::Progress) return true;
  if (r.event != JournalEvent::GateChecked || !r.data.contains("kind")) return false;
  const auto& kind = r.data.at("kind");
  return kind == "parent-delegates-to" || kind == "referral-to-child" || kind == "ttl-at-most" || kind == "record-answers" ||
         kind == "resolvers-agree";
}

// The last check that asked servers for the new answer: the latest such
// record's step and time, and that step's latest record for each gate then.
void propagation(std::ostringstream& out, const Model& m, const ReportInput& input) {
  out << "<h2>Propagation at the last check</h2>\n<div id=\"propagation\">";
  const JournalRecord* last = nullptr;
  if (input.journal) {
    for (const auto& r : *input.journal) {
      if (is_propagation(r)) last = &r;
    }
  }
  if (!last) {
    out << "<p class=\"note\">"
        << (input.journal ? "The journal holds no check of the parent's servers, the authoritative servers or the "
                            "resolvers (no propagation wait or DNS gate has run yet, or the journal predates "
                            "these records), so no propagation picture is shown."
                          : "No journal: no check has run, so no propagation picture is shown.")
        << "</p></div>\n";
    return;
  }
  std::map<std::string, const JournalRecord*> latest;  // by gate description
  for (const auto& r : *input.journal) {
    if (is_propagation(r) && r.step == last->step && r.at <= last->at) latest[r.message] = &r;
  }
  auto view = std::ranges::find_if(m.steps, [&](const StepView& v) { return v.id == last->step; });
  out << "<p>Last check " << when(m, last->at - m.origin) << ", step <span class=\"id\">" << escape(last->step) << "</span>";
  if (view != m.steps.end() && view->status == "not started" && !(*view->step)["waits"].empty()) {
    out << "; its wait ends (ETA for every resolver) <b id=\"eta\">" << when(m, view->projected_start) << "</b>";
  } else if (view != m.steps.end() && view->started) {
    out << "; its wait ended, the step started " << when(m, *view->started);
  }
  out << ".</p>\n<table><colgroup><col style=\"width:13%\"><col style=\"width:27%\"><col "
         "style=\"width:8%\"><col></colgroup><tr><th>asked</th><th>gate</th><th>new answer</th><th>each server (with TTL)</th></tr>\n";
  for (const auto& [description, r] : latest) {
    auto kind = r->data.contains("kind") ? r->data.at("kind") : "";
    std::string who = r->data.contains("servers") ? r->data.at("servers") : "servers";
    std::string figures = r->data.contains("asked") ? r->data.at("agreeing") + "/" + r->data.at("asked") : "-";
    out << "<tr class=\"propagation\" data-kind=\"" << escape(kind) << "\"><td>" << escape(who) << "</td><td>" << escape(description)
        << "<br><span class=\"muted\">" << escape(r->data.contains("verdict") ? r->data.at("verdict") : "") << " at "
        << when(m, r->at - m.origin) << "</span></td><td>" << escape(figures) << "</td><td><pre>"
        << escape(r->data.contains("evidence") ? r->data.at("evidence") : "") << "</pre></td></tr>\n";
  }
  out << "</table></div>\n";
}

}  // namespace

std::string render_report(const ReportInput& input) {
  Model m = report::build_model(input);
  std::ostringstream out;
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>cutover report: " << escape(m.plan.value("domain", ""))
      << "</title>\n<style>" << kStyle << "</style></head>\n<body>\n";
  header(out, m, input);
  out << "<h2>Timeline</h2>\n";
  legend(out, m.has_journal);
  out << report::timeline_svg(m) << "\n";
  steps_table(out, m);
  propagation(out, m, input);
  journal_table(out, m, input);
  // The plan document the page was drawn from, as `cutover plan --format json` prints it, for tools.
  std::string plan_json = m.plan.dump();
  for (std::size_t at = plan_json.find("</"); at != std::string::npos; at = plan_json.find("</", at)) plan_json.replace(at, 2, "<\\/");
  out << "<script type=\"application/json\" id=\"cutover-plan\">" << plan_json << "</script>\n</body></html>\n";
  return out.str();
}

}  // namespace cutover::planner
