#include "planner/render/render.h"

#include <sstream>

namespace cutover::planner {
namespace {

// DOT strings are double-quoted; quotes and backslashes inside need escaping.
std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string render_dot(const PlannedRun& run) {
  std::ostringstream out;
  out << "digraph cutover {\n  rankdir=TB;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  for (const auto& s : run.schedule) {
    const Step& step = *s.step;
    std::string label = step.id.value + "\\n+" + format_duration(s.start);
    out << "  " << quoted(step.id.value) << " [label=\"" << label << "\", tooltip=" << quoted(step.title)
        << (step.actions.empty() ? ", style=dashed" : "") << "];\n";
  }
  for (const auto& s : run.schedule) {
    const Step& step = *s.step;
    for (const auto& dep : step.depends_on) out << "  " << quoted(dep.value) << " -> " << quoted(step.id.value) << ";\n";
    for (const auto& wait : step.waits) {
      out << "  " << quoted(wait.after.value) << " -> " << quoted(step.id.value)
          << " [style=bold, label=" << quoted("wait " + format_duration(wait.delay)) << "];\n";
    }
  }
  out << "}\n";
  return out.str();
}

}  // namespace cutover::planner
