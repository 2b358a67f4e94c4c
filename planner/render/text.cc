#include "planner/render/render.h"

#include <sstream>

#include "planner/render/action_text.h"

namespace cutover::planner {
namespace {

void write_gates(std::ostringstream& out, const char* label, const std::vector<Gate>& gates) {
  for (const auto& g : gates) out << "      " << label << " [" << to_string(g.kind) << "] " << g.description << "\n";
}

void write_rollback(std::ostringstream& out, const Plan& plan, const Rollback& r) {
  if (r.description.empty()) return;
  out << "      rollback: " << r.description;
  if (!r.possible) {
    out << "\n";
    return;
  }
  if (r.safe_for) out << "; safe for " << format_duration(*r.safe_for) << " after the step";
  if (!r.safe_reason.empty()) out << " (" << r.safe_reason << ")";
  if (!r.takes_effect.empty()) out << "; takes effect " << r.takes_effect;
  if (r.settles_in) out << "; earlier steps are undone " << format_duration(*r.settles_in) << " later";
  out << "\n";
  // Each undo is listed like the actions above it, so a reader can check that
  // every zone the step changes is restored.
  for (const auto& action : r.actions) {
    auto text = describe(plan, action);
    out << "        undo: " << text.provider << " " << text.operation << ": " << text.summary << "\n";
  }
}

void write_step(std::ostringstream& out, const PlannedRun& run, std::size_t number, const ScheduledStep& s) {
  const Step& step = *s.step;
  out << number << ". " << step.title << "  [" << step.id.value << "]\n";
  out << "      start: +" << format_duration(s.start) << " (" << s.start_reason << ")";
  if (run.facts.done_steps.contains(step.id.value)) out << "  ALREADY DONE";
  out << "\n";
  if (step.deadline) out << "      deadline: within " << format_duration(*step.deadline) << " (" << step.deadline_reason << ")\n";
  for (const auto& action : step.actions) {
    auto text = describe(run.plan, action);
    out << "      action: " << text.provider << " " << text.operation << ": " << text.summary << "\n";
    for (const auto& detail : text.details) out << "        " << detail << "\n";
  }
  if (step.actions.empty()) out << "      action: none (verification only)\n";
  for (const auto& copy : run.facts.copies) {
    if (copy.step != step.id.value) continue;
    out << "      copies from '" << copy.from_zone << "' into '" << copy.to_zone
        << "': " << (copy.inventory ? to_string(*copy.inventory) : copy.note) << "\n";
  }
  write_gates(out, "gate:", step.gates);
  write_gates(out, "check after:", step.check_after);
  write_rollback(out, run.plan, step.rollback);
  for (const auto& note : step.notes) out << "      note: " << note << "\n";
}

}  // namespace

std::string render_text(const PlannedRun& run) {
  std::ostringstream out;
  out << "Plan for " << run.plan.domain.text() << ": " << run.schedule.size() << " steps";
  out << (run.facts.offline
              ? " (offline: TTLs assumed from /assume, nothing queried)"
              : " (live: TTLs observed where they could be, " + std::to_string(run.facts.done_steps.size()) + " steps already in effect)")
      << "\n\n";
  std::size_t number = 1;
  for (const auto& s : run.schedule) {
    write_step(out, run, number++, s);
    out << "\n";
  }
  out << "Total expected duration: " << format_duration(total_duration(run.schedule)) << "\n";
  return out.str();
}

}  // namespace cutover::planner
