// S4: a database behind a stable CNAME.
// migrate: the new environment keeps the OLD database until the window ends;
// then the new database must be available, the pointer's TTL lowered and
// waited out, the CNAME switched and verified on every authoritative server.
// daily-clone: clone, add an instance, wait until available, point, tag.
#include "planner/strategies/context.h"

#include <algorithm>

namespace cutover::planner::strategies {
namespace {

std::string prefix(const DbPointer& s) { return "db." + s.name.without_dot(); }

// Every zone that serves the pointer: during a nameserver switch the old and
// the new zone must change together, or they would stop being identical.
std::vector<std::string> serving_zones(const Context& ctx, const DbPointer& s) {
  const auto* ns = ctx.nameserver_switch();
  if (ns != nullptr && (s.zone == ns->from_zone || s.zone == ns->to_zone)) return {ns->from_zone, ns->to_zone};
  return {s.zone};
}

std::vector<Action> point(const std::vector<std::string>& zones, RecordSet set, const std::string& comment) {
  std::vector<Action> out;
  for (const auto& zone : zones) {
    out.push_back(ChangeRecords{.zone = zone, .changes = {RecordChange{.kind = ChangeKind::Upsert, .set = set}}, .comment = comment});
  }
  return out;
}

// The undo of a pointer change: the same change with the previous record, one
// per zone, the last zone changed first (the reverse of point()).
std::vector<Action> point_back(const std::vector<std::string>& zones, RecordSet previous, const std::string& comment) {
  auto out = point(zones, std::move(previous), comment);
  std::ranges::reverse(out);
  return out;
}

RecordSet cname(const DbPointer& s, std::uint32_t ttl, std::string target) {
  return RecordSet{.name = s.name, .type = dns::RecordType::CNAME, .ttl = ttl, .values = {std::move(target)}};
}

Gate answers(const DbPointer& s, const std::vector<std::string>& zones, const std::string& target) {
  Gate g = gate(GateKind::RecordAnswers, "every authoritative server answers " + s.name.text() + " CNAME " + target, zones);
  g.name = s.name;
  g.type = dns::RecordType::CNAME;
  g.expected = target;
  return g;
}

Gate ttl_at_most(const DbPointer& s, const std::vector<std::string>& zones, std::uint32_t ttl) {
  Gate g =
      gate(GateKind::TtlAtMost, "every authoritative server shows " + s.name.text() + " with TTL <= " + std::to_string(ttl) + " s", zones);
  g.name = s.name;
  g.type = dns::RecordType::CNAME;
  g.ttl = ttl;
  return g;
}

Gate available(const DbPointer& s, const std::string& cluster) {
  Gate g = gate(GateKind::ClusterAvailable, "cluster " + cluster + " and its instances report `available` (account '" + s.account + "')");
  g.expected = cluster;
  return g;
}

void add_migrate(Context& ctx, const DbPointer& s) {
  auto zones = serving_zones(ctx, s);
  auto original = ctx.facts.db_pointer_ttl;
  auto low = lowered_ttl(original.value, ctx.lower_to(s.lower_ttl_to));

  Step pin{.id = step_id(prefix(s) + ".pin-old"),
           .title = "Point " + s.name.text() + " at the OLD database in every zone that serves it",
           .strategy = "db-pointer",
           .actions = point(zones, cname(s, low, s.old_target), "cutover: keep the old database during the window")};
  for (const auto& zone : zones) depend_on(pin.depends_on, ctx.creation_of(zone));
  depend_on(pin.depends_on, ctx.anchors.records_copied);
  pin.check_after = {answers(s, zones, s.old_target), ttl_at_most(s, zones, low)};
  pin.notes.push_back("the pointer's TTL is lowered to " + std::to_string(low) + " s at the same time (was " +
                      std::to_string(original.value) + " s, " + original.source + ")");
  pin.rollback = Rollback{.description = "set the TTL back to " + std::to_string(original.value) + " s in every zone that serves it",
                          .actions = point_back(zones, cname(s, original.value, s.old_target), "cutover: rollback, TTL back"),
                          .takes_effect = "at once for new lookups"};
  require_before_switch(ctx, pin.id);

  Step ready{.id = step_id(prefix(s) + ".new-available"),
             .title = "Check the new database is available",
             .strategy = "db-pointer",
             .depends_on = {pin.id}};
  depend_on(ready.depends_on, ctx.anchors.window_end);
  if (s.new_cluster) ready.gates.push_back(available(s, *s.new_cluster));
  ready.gates.push_back(ttl_at_most(s, zones, low));
  if (ctx.anchors.window_end)
    ready.notes.push_back("not before the window ends: while traffic is split, both environments use the old database");

  Step flip{.id = step_id(prefix(s) + ".switch"),
            .title = "Switch " + s.name.text() + " to the new database",
            .strategy = "db-pointer",
            .actions = point(zones, cname(s, low, s.new_target), "cutover: switch the database"),
            .gates = ready.gates,
            .depends_on = {ready.id}};
  auto wait = wait_after_ttl_change("old pointer TTL", original.value, ctx.plan.safety.margin, original.source);
  flip.waits.push_back(Wait{.after = pin.id, .delay = wait.total, .reason = wait.reason()});
  flip.check_after = {answers(s, zones, s.new_target)};
  flip.rollback = Rollback{.description = "point " + s.name.text() + " back at the old database in every zone that serves it",
                           .actions = point_back(zones, cname(s, low, s.old_target), "cutover: rollback, old database"),
                           .safe_reason = "while the old database still runs and has not diverged",
                           .takes_effect = "for every resolver within the lowered TTL " + std::to_string(low) + " s"};

  Step restore{.id = step_id(prefix(s) + ".restore-ttl"),
               .title = "Raise the TTL of " + s.name.text() + " back to " + std::to_string(original.value) + " s",
               .strategy = "db-pointer",
               .actions = point(zones, cname(s, original.value, s.new_target), "cutover: restore TTL"),
               .gates = flip.check_after,
               .depends_on = {flip.id}};
  restore.rollback = Rollback{.description = "lower the TTL of " + s.name.text() + " again in every zone that serves it",
                              .actions = point_back(zones, cname(s, low, s.new_target), "cutover: rollback, TTL lowered"),
                              .takes_effect = "after the raised TTL " + std::to_string(original.value) + " s"};
  for (auto* step : {&pin, &ready, &flip, &restore}) ctx.graph.add(std::move(*step));
}

void add_daily_clone(Context& ctx, const DbPointer& s) {
  auto zones = serving_zones(ctx, s);
  // The date suffix is the run's UTC date; a rerun the same day finds the clone and does not clone again.
  std::string clone = *s.source_cluster + "-YYYYMMDD";
  auto tag = [&](std::string id, CloneStage stage, std::string title) {
    return Step{.id = step_id(prefix(s) + "." + id),
                .title = std::move(title),
                .strategy = "db-pointer",
                .actions = {TagCluster{.account = s.account, .cluster = clone, .stage = stage}}};
  };
  std::vector<Step> steps;
  steps.push_back(Step{.id = step_id(prefix(s) + ".clone"),
                       .title = "Clone " + *s.source_cluster + " (copy-on-write, latest restorable time) as " + clone + ", tagged created",
                       .strategy = "db-pointer",
                       .actions = {CloneCluster{.account = s.account, .source_cluster = *s.source_cluster, .clone_name = clone}},
                       .expected_duration = Seconds{600}});
  steps.push_back(Step{
      .id = step_id(prefix(s) + ".instance"),
      .title = "Add instance " + clone + "-1 (" + s.instance_class + ")",
      .strategy = "db-pointer",
      .actions = {CreateInstance{.account = s.account, .cluster = clone, .instance = clone + "-1", .instance_class = s.instance_class}},
      .expected_duration = Seconds{600}});
  // A step without action polls its gates: this one waits out "creating".
  steps.push_back(Step{.id = step_id(prefix(s) + ".available"),
                       .title = "Wait until " + clone + " and its instance are available",
                       .strategy = "db-pointer",
                       .gates = {available(s, clone)},
                       .expected_duration = Seconds{900}});
  steps.push_back(tag("ready", CloneStage::Ready, "Tag " + clone + " ready"));
  Step flip{.id = step_id(prefix(s) + ".switch"),
            .title = "Point " + s.name.text() + " at " + clone,
            .strategy = "db-pointer",
            .actions = point(zones,
                             RecordSet{.name = s.name,
                                       .type = dns::RecordType::CNAME,
                                       .ttl = ctx.facts.db_pointer_ttl.value,
                                       .values_from = ValuesFrom::ClusterEndpoint,
                                       .values_zone = clone,
                                       .values_account = s.account},
                             "cutover: daily clone"),
            .gates = {available(s, clone)}};
  // Not automatic: which clone came before is known only from the tags, and
  // pointing back without also moving the tags back would leave the clone in
  // use tagged `aborted`, which the next clean deletes.
  flip.rollback =
      Rollback{.description = "not automatic: point " + s.name.text() + " back at the previous clone by hand and tag it " +
                              "connected again (once this clone is connected it is tagged aborted, and clean deletes aborted clones)",
               .takes_effect = "within the pointer TTL " + std::to_string(ctx.facts.db_pointer_ttl.value) + " s",
               .possible = false};
  // Every server of every serving zone answers with the clone's endpoint.
  Gate pointed = answers(s, zones, clone);
  pointed.description = "every authoritative server answers " + s.name.text() + " CNAME <writer endpoint of " + clone + ">";
  pointed.expected_is_cluster = true;
  flip.check_after.push_back(pointed);
  steps.push_back(std::move(flip));
  steps.push_back(tag("connected", CloneStage::Connected, "Tag " + clone + " connected and the clone it replaced aborted"));
  if (s.clean_aborted) {
    steps.push_back(Step{.id = step_id(prefix(s) + ".clean"),
                         .title = "Delete every aborted clone of " + *s.source_cluster + " (instances first)",
                         .strategy = "db-pointer",
                         .actions = {DeleteAbortedClones{.account = s.account, .prefix = *s.source_cluster + "-"}}});
    steps.back().rollback = Rollback{.description = "none: deleted clusters are gone", .possible = false};
    // Resolvers keep the previous clone's address for the pointer's TTL: it must live that long.
    auto wait =
        wait_after_ttl_change("pointer TTL", ctx.facts.db_pointer_ttl.value, ctx.plan.safety.margin, ctx.facts.db_pointer_ttl.source);
    steps.back().waits.push_back(Wait{.after = step_id(prefix(s) + ".switch"), .delay = wait.total, .reason = wait.reason()});
  }
  for (std::size_t i = 1; i < steps.size(); ++i) steps[i].depends_on.push_back(steps[i - 1].id);
  for (auto& step : steps) ctx.graph.add(std::move(step));
}

}  // namespace

void add_db_pointer_steps(Context& ctx, const DbPointer& s) {
  if (s.mode == DbPointerMode::Migrate)
    add_migrate(ctx, s);
  else
    add_daily_clone(ctx, s);
}

}  // namespace cutover::planner::strategies
