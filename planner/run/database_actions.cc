// The actions on databases: the daily clone (clone, instance, lifecycle
// tags) and the clean-up of clones it replaced. Clone names carry the run's
// date in place of YYYYMMDD, so a rerun the same day finds the same clone.
#include "planner/run/action_runner.h"

#include <algorithm>

namespace cutover::planner {
namespace {

constexpr const char* kLifecycleTag = "cutover:lifecycle";

std::optional<CloneStage> stage_of(const ClusterState& state) {
  if (!state.tags.contains(kLifecycleTag)) return std::nullopt;
  return parse_clone_stage(state.tags.at(kLifecycleTag));
}

// True when the cluster's lifecycle is `stage` or later: tagging it again (a
// rerun on a new journal) would move it backwards. An aborted clone is past
// nothing but `aborted`: it is never taken up again.
bool at_or_past(const ClusterState& state, CloneStage stage) {
  auto current = stage_of(state);
  if (!current) return false;
  if (*current == CloneStage::Aborted) return stage == CloneStage::Aborted;
  return *current >= stage;
}

std::map<std::string, std::string> lifecycle(CloneStage stage) { return {{kLifecycleTag, std::string(to_string(stage))}}; }

}  // namespace

Result<ActionOutcome> ActionRunner::perform(const CloneCluster& a) {
  auto db = database_of(a.account);
  if (!db) return std::unexpected(db.error());
  return outcome_of((*db)->clone(a.source_cluster, run_.dated(a.clone_name), lifecycle(CloneStage::Created)),
                    {.data = {{"cluster", run_.dated(a.clone_name)}}, .how = "clone requested"});
}

Result<bool> ActionRunner::check(const CloneCluster& a) {
  // Never clone the same source twice on the same day: the dated name exists already.
  auto db = database_of(a.account);
  if (!db) return std::unexpected(db.error());
  auto state = (*db)->describe(run_.dated(a.clone_name));
  if (!state) return std::unexpected(state.error());
  return state->has_value();
}

Result<ActionOutcome> ActionRunner::perform(const CreateInstance& a) {
  auto db = database_of(a.account);
  if (!db) return std::unexpected(db.error());
  return outcome_of((*db)->create_instance(run_.dated(a.cluster), run_.dated(a.instance), a.instance_class), {.how = "instance requested"});
}

Result<bool> ActionRunner::check(const CreateInstance& a) {
  auto db = database_of(a.account);
  if (!db) return std::unexpected(db.error());
  auto state = (*db)->describe(run_.dated(a.cluster));
  if (!state) return std::unexpected(state.error());
  return *state && std::ranges::find((*state)->instances, run_.dated(a.instance)) != (*state)->instances.end();
}

Result<ActionOutcome> ActionRunner::perform(const TagCluster& a) {
  auto db = database_of(a.account);
  if (!db) return std::unexpected(db.error());
  const std::string cluster = run_.dated(a.cluster);
  auto state = (*db)->describe(cluster);
  if (!state) return std::unexpected(state.error());
  if (*state && a.stage != CloneStage::Aborted && stage_of(**state) == CloneStage::Aborted) {
    // Taking it up again would point the name at a clone that clean deletes.
    return fail(ErrorCode::Provider, "clone " + cluster + " is tagged aborted (replaced, or rolled back by hand): " +
                                         "delete it, or tag it by hand, before running again");
  }
  if (*state && at_or_past(**state, a.stage)) {
    return ActionOutcome{.how = "tagged " + (*state)->tags.at(kLifecycleTag) + " already"};
  }
  if (a.stage == CloneStage::Connected) {
    // The clone that was connected until now is replaced: it becomes `aborted`.
    auto prefix = cluster.substr(0, a.cluster.rfind('-') + 1);
    auto clones = (*db)->list(prefix);
    if (!clones) return std::unexpected(clones.error());
    for (const auto& c : *clones) {
      if (stage_of(c) == CloneStage::Connected && c.id != cluster) {
        auto tagged = (*db)->tag(c.id, lifecycle(CloneStage::Aborted));
        if (!tagged) return std::unexpected(tagged.error());
      }
    }
  }
  return outcome_of((*db)->tag(cluster, lifecycle(a.stage)), {.how = "tagged " + std::string(to_string(a.stage))});
}

Result<bool> ActionRunner::check(const TagCluster& a) {
  auto db = database_of(a.account);
  if (!db) return std::unexpected(db.error());
  auto state = (*db)->describe(run_.dated(a.cluster));
  if (!state) return std::unexpected(state.error());
  return *state && at_or_past(**state, a.stage);
}

Result<ActionOutcome> ActionRunner::perform(const DeleteAbortedClones& a) {
  auto db = database_of(a.account);
  if (!db) return std::unexpected(db.error());
  auto clones = (*db)->list(a.prefix);
  if (!clones) return std::unexpected(clones.error());
  std::size_t removed = 0;
  for (const auto& c : *clones) {
    if (stage_of(c) != CloneStage::Aborted) continue;
    auto gone = (*db)->remove(c.id);
    if (!gone) return std::unexpected(gone.error());
    ++removed;
  }
  return ActionOutcome{.how = std::to_string(removed) + " aborted clones deleted"};
}

Result<bool> ActionRunner::check(const DeleteAbortedClones&) {
  return false;  // deleting aborted clones is idempotent: run it again
}

}  // namespace cutover::planner
