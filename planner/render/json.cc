#include "planner/render/render.h"

#include <nlohmann/json.hpp>

#include "planner/render/action_text.h"

namespace cutover::planner {
namespace {

using nlohmann::json;

// A Route 53 change batch as the API (and `aws route53 change-resource-record-sets`) takes it.
json change_batch(const ChangeRecords& a) {
  json changes = json::array();
  for (const auto& change : a.changes) {
    json set{{"Name", change.set.name.text()}, {"Type", dns::to_string(change.set.type)}, {"TTL", change.set.ttl}};
    json records = json::array();
    if (change.set.values_from == ValuesFrom::Literal && !change.set.keep_values) {
      for (const auto& v : change.set.values) records.push_back({{"Value", v}});
      set["ResourceRecords"] = records;
    } else {
      // Resolved when the step runs: the zone's name servers, a cluster endpoint, or the values in place.
      set["ResourceRecords"] = change.set.keep_values ? "<current values>"
                               : change.set.values_from == ValuesFrom::ZoneNameservers
                                   ? "<name servers of zone '" + change.set.values_zone + "'>"
                                   : "<writer endpoint of cluster " + change.set.values_zone + ">";
    }
    changes.push_back({{"Action", to_string(change.kind)}, {"ResourceRecordSet", set}});
  }
  return json{{"Comment", a.comment}, {"Changes", changes}};
}

json action_json(const Plan& plan, const Action& action) {
  auto text = describe(plan, action);
  json out{{"provider", text.provider}, {"operation", text.operation}, {"summary", text.summary}, {"details", text.details}};
  if (const auto* records = std::get_if<ChangeRecords>(&action)) {
    out["zone"] = records->zone;
    if (text.provider == "route53") out["change_batch"] = change_batch(*records);
  }
  if (const auto* bulk = std::get_if<ApplyRecords>(&action)) {
    out["zone"] = bulk->zone;
    out["record_sets"] = bulk->wanted.size();
    out["deletions"] = bulk->deleted.size();
  }
  return out;
}

json gate_json(const Gate& g) {
  json out{{"kind", to_string(g.kind)}, {"description", g.description}, {"zones", g.zones}};
  if (g.name) out["name"] = g.name->text();
  if (g.type) out["type"] = dns::to_string(*g.type);
  if (!g.expected.empty()) out["expected"] = g.expected;
  if (g.expected_is_cluster) out["expected_is_cluster"] = true;
  if (g.ttl) out["ttl"] = *g.ttl;
  if (!g.records.empty()) out["records"] = g.records.size();
  if (!g.exclude_below.empty()) {
    json below = json::array();
    for (const auto& name : g.exclude_below) below.push_back(name.text());
    out["exclude_below"] = below;
  }
  return out;
}

json gates_json(const std::vector<Gate>& gates) {
  json out = json::array();
  for (const auto& g : gates) out.push_back(gate_json(g));
  return out;
}

json rollback_json(const Plan& plan, const Rollback& r) {
  json out{{"description", r.description}, {"possible", r.possible}, {"safe_reason", r.safe_reason}, {"takes_effect", r.takes_effect}};
  out["safe_for_seconds"] = r.safe_for ? json(r.safe_for->count()) : json(nullptr);
  out["settles_in_seconds"] = r.settles_in ? json(r.settles_in->count()) : json(nullptr);
  // `action` (the first undo) predates `actions` and stays for readers of version 1.
  json actions = json::array();
  for (const auto& a : r.actions) actions.push_back(action_json(plan, a));
  if (!r.actions.empty()) out["action"] = actions.front();
  out["actions"] = actions;
  return out;
}

// What a copy step carries (live planning): sets by routing kind, aliases,
// health checks referenced; or why the source could not be listed yet.
json copy_json(const CopyPreview& copy) {
  json out{{"from_zone", copy.from_zone}, {"to_zone", copy.to_zone}};
  if (!copy.inventory) {
    out["note"] = copy.note;
    return out;
  }
  out["record_sets"] = copy.inventory->sets;
  out["by_kind"] = copy.inventory->by_kind;
  out["aliases"] = copy.inventory->aliases;
  out["health_checks"] = copy.inventory->health_checks;
  out["health_checks_recreated"] = copy.inventory->recreated_checks;
  return out;
}

json step_json(const PlannedRun& run, const ScheduledStep& s) {
  const Step& step = *s.step;
  json deps = json::array();
  for (const auto& d : step.depends_on) deps.push_back(d.value);
  json waits = json::array();
  for (const auto& w : step.waits) waits.push_back({{"after", w.after.value}, {"delay_seconds", w.delay.count()}, {"reason", w.reason}});
  json actions = json::array();
  for (const auto& a : step.actions) actions.push_back(action_json(run.plan, a));
  json copies = json::array();
  for (const auto& copy : run.facts.copies) {
    if (copy.step == step.id.value) copies.push_back(copy_json(copy));
  }
  json out{{"id", step.id.value},
           {"title", step.title},
           {"strategy", step.strategy},
           {"start_offset_seconds", s.start.count()},
           {"finish_offset_seconds", s.finish.count()},
           {"start_reason", s.start_reason},
           {"depends_on", deps},
           {"waits", waits},
           {"actions", actions},
           {"gates", gates_json(step.gates)},
           {"check_after", gates_json(step.check_after)},
           {"rollback", rollback_json(run.plan, step.rollback)},
           {"notes", step.notes},
           {"copies", copies},
           {"done", run.facts.done_steps.contains(step.id.value)}};
  out["deadline_seconds"] = step.deadline ? json(step.deadline->count()) : json(nullptr);
  if (step.deadline) out["deadline_reason"] = step.deadline_reason;
  return out;
}

}  // namespace

std::string render_json(const PlannedRun& run) {
  json steps = json::array();
  for (const auto& s : run.schedule) steps.push_back(step_json(run, s));
  json doc{{"format", "cutover-plan"},
           {"version", 1},
           {"domain", run.plan.domain.text()},
           {"offline", run.facts.offline},
           {"total_duration_seconds", total_duration(run.schedule).count()},
           {"steps", steps}};
  return doc.dump(2) + "\n";
}

}  // namespace cutover::planner
