// S5: a gradual switch. A name in a Route 53 zone moves from target `from` to
// target `to` through the plan's weight steps, one weighted record set per
// target. Each step after the first runs only once the previous one holds:
// the API shows its weights, every authoritative server answers in
// proportion (sampled), the TTL has passed since the change plus the soak
// time, and the health gates (health checks healthy, alarms not firing) hold.
// A gate that fails stops the shift; with on_failure "rollback" the step
// whose weights failed is undone at once (the executor's caller runs
// Step::undo_on_gate_failure), which puts back the last weights that held.
//
//   shift.<name>.weights-0      set the first weights (replacing a plain set)
//   shift.<name>.weights-K      gates on step K-1, then set step K's weights
//   shift.<name>.verify         gates on the last step
//   shift.<name>.cleanup        (cleanup: true) delete the weight-0 set
#include <algorithm>

#include "planner/strategies/context.h"

namespace cutover::planner::strategies {
namespace {

std::string prefix(const WeightedShift& s) { return "shift." + s.name.without_dot(); }

WeightedRecord record(const ShiftTarget& target, std::uint32_t weight) {
  WeightedRecord out{.set_identifier = target.set_identifier,
                     .weight = weight,
                     .values = target.values,
                     .health_check_id = target.health_check_id,
                     .answers = target.answers};
  if (target.alias) {
    out.alias = AliasTarget{.name = target.alias->name,
                            .hosted_zone_id = target.alias->hosted_zone_id,
                            .evaluate_target_health = target.alias->evaluate_target_health};
  }
  return out;
}

std::vector<WeightedRecord> sets_at(const WeightedShift& s, const ShiftWeights& w) { return {record(s.from, w.from), record(s.to, w.to)}; }

SetWeights set_weights(const WeightedShift& s, const ShiftWeights& w, std::string comment) {
  return SetWeights{
      .zone = s.zone, .name = s.name, .type = s.type, .ttl = s.ttl, .sets = sets_at(s, w), .remove = {}, .comment = std::move(comment)};
}

std::string step_text(const WeightedShift& s, const ShiftWeights& w) { return weights_text(sets_at(s, w)); }

// A gate of `kind` on the shift's record set at weights `w`: both weight gates
// check the same sets, one through the provider, one through the servers.
Gate weight_gate(GateKind kind, std::string description, const WeightedShift& s, const ShiftWeights& w) {
  Gate g = gate(kind, std::move(description), {s.zone});
  g.name = s.name;
  g.type = s.type;
  g.ttl = s.ttl;
  g.weights = WeightCheck{.sets = sets_at(s, w), .samples_per_server = s.samples_per_server};
  return g;
}

Gate weights_are(const WeightedShift& s, const ShiftWeights& w) {
  return weight_gate(GateKind::WeightsAre,
                     "Route 53 shows " + s.name.text() + " " + std::string(dns::to_string(s.type)) + " weighted " + step_text(s, w) +
                         " in '" + s.zone + "'",
                     s, w);
}

Gate weighted_answers(const WeightedShift& s, const ShiftWeights& w) {
  return weight_gate(GateKind::WeightedAnswers,
                     "every authoritative server of '" + s.zone + "' answers " + s.name.text() + " in proportion " + step_text(s, w) +
                         " (" + std::to_string(s.samples_per_server) + " samples each)",
                     s, w);
}

std::string monitor_account(const Context& ctx, const WeightedShift& s) {
  if (!s.monitor_account.empty()) return s.monitor_account;
  return std::get<Route53Zone>(ctx.zone(s.zone).provider).account;
}

std::vector<Gate> health_gates(const Context& ctx, const WeightedShift& s) {
  std::vector<Gate> out;
  auto account = monitor_account(ctx, s);
  for (const auto& id : s.health_checks) {
    Gate g = gate(GateKind::HealthCheckHealthy, "Route 53 health check " + id + " is healthy (account '" + account + "')");
    g.expected = id;
    g.account = account;
    out.push_back(std::move(g));
  }
  for (const auto& name : s.alarms) {
    Gate g = gate(GateKind::AlarmNotFiring, "CloudWatch alarm '" + name + "' is not in ALARM (account '" + account + "')");
    g.expected = name;
    g.account = account;
    out.push_back(std::move(g));
  }
  return out;
}

// The gates on the weights of `held`, checked before the next step (or at the end).
std::vector<Gate> holds(const Context& ctx, const WeightedShift& s, const ShiftWeights& held) {
  std::vector<Gate> out{weights_are(s, held), weighted_answers(s, held)};
  auto health = health_gates(ctx, s);
  out.insert(out.end(), health.begin(), health.end());
  return out;
}

// Resolvers cache a step's answers for the TTL: only after it (and the soak,
// which gives the health checks and alarms time to see the new traffic) does
// every client get the step's mix.
// (The soak stands in for the plan's margin here: it is the shift's own.)
Wait after_step(const WeightedShift& s, const StepId& step) {
  return Wait{.after = step,
              .delay = Seconds{s.ttl} + s.soak,
              .reason = "record TTL " + std::to_string(s.ttl) + " s since the change + soak " + format_duration(s.soak)};
}

Rollback back_to(const WeightedShift& s, const ShiftWeights& previous) {
  return Rollback{.description = "set the weights back to " + step_text(s, previous) + " (the last step that held)",
                  .actions = {set_weights(s, previous, "cutover: rollback of a weighted step")},
                  .takes_effect = "for every resolver within the TTL " + std::to_string(s.ttl) + " s",
                  .settles_in = Seconds{s.ttl}};
}

Step first_step(const Context& ctx, const WeightedShift& s) {
  const auto& w = s.steps.front();
  Step step{.id = step_id(prefix(s) + ".weights-0"),
            .title = "Set " + s.name.text() + " " + std::string(dns::to_string(s.type)) + " to weighted " + step_text(s, w),
            .strategy = "weighted-shift",
            .actions = {set_weights(s, w, "cutover: weighted shift, step 1")},
            .gates = health_gates(ctx, s)};
  depend_on(step.depends_on, ctx.creation_of(s.zone));
  step.check_after = {weights_are(s, w)};
  step.notes.push_back("a plain " + std::string(dns::to_string(s.type)) + " set at " + s.name.text() +
                       " is replaced by the weighted sets in the same change batch");
  // Every answer still goes to `from`, as before the shift: nothing to put back.
  step.rollback = Rollback{.description = "nothing: the first weights send every answer to '" + s.from.set_identifier + "'"};
  return step;
}

}  // namespace

void add_weighted_shift_steps(Context& ctx, const WeightedShift& s) {
  std::vector<Step> steps{first_step(ctx, s)};
  for (std::size_t k = 1; k < s.steps.size(); ++k) {
    const auto& previous = s.steps[k - 1];
    const auto& w = s.steps[k];
    Step step{.id = step_id(prefix(s) + ".weights-" + std::to_string(k)),
              .title = "Shift " + s.name.text() + " to " + step_text(s, w) + " once " + step_text(s, previous) + " holds",
              .strategy = "weighted-shift",
              .actions = {set_weights(s, w, "cutover: weighted shift, step " + std::to_string(k + 1))},
              .gates = holds(ctx, s, previous),
              .depends_on = {steps.back().id}};
    step.waits.push_back(after_step(s, steps.back().id));
    step.check_after = {weights_are(s, w)};
    step.rollback = back_to(s, previous);
    steps.push_back(std::move(step));
  }
  Step verify{.id = step_id(prefix(s) + ".verify"),
              .title = "Check " + s.name.text() + " holds " + step_text(s, s.steps.back()),
              .strategy = "weighted-shift",
              .gates = holds(ctx, s, s.steps.back()),
              .depends_on = {steps.back().id}};
  verify.waits.push_back(after_step(s, steps.back().id));
  steps.push_back(std::move(verify));
  if (s.on_failure == ShiftFailure::Rollback) {
    // The gates of step K judge the weights step K-1 set: when they fail,
    // step K-1 is undone, back to the weights that held before it.
    for (std::size_t k = 2; k < steps.size(); ++k) steps[k].undo_on_gate_failure = steps[k - 1].id;
  }
  if (s.cleanup) {
    const ShiftTarget& gone = s.steps.back().from == 0 ? s.from : s.to;
    Step cleanup{.id = step_id(prefix(s) + ".cleanup"),
                 .title = "Delete the weight-0 set '" + gone.set_identifier + "' of " + s.name.text(),
                 .strategy = "weighted-shift",
                 .gates = {weights_are(s, s.steps.back())},
                 .depends_on = {steps.back().id}};
    SetWeights removal = set_weights(s, s.steps.back(), "cutover: weighted shift done, weight-0 set removed");
    std::erase_if(removal.sets, [&](const WeightedRecord& r) { return r.set_identifier == gone.set_identifier; });
    removal.remove = {gone.set_identifier};
    cleanup.actions = {removal};
    // After the TTL resolvers hold no answer that still names the set's weight.
    cleanup.waits.push_back(after_step(s, steps[steps.size() - 2].id));
    cleanup.rollback = Rollback{.description = "put the set '" + gone.set_identifier + "' back with weight 0",
                                .actions = {set_weights(s, s.steps.back(), "cutover: rollback, weight-0 set back")},
                                .takes_effect = "at once: a weight-0 set answers nothing while the other has weight"};
    steps.push_back(std::move(cleanup));
  }
  for (auto& step : steps) ctx.graph.add(std::move(step));
}

}  // namespace cutover::planner::strategies
