// Actions on the registration (delegation, transfer) and on databases.
#include "planner/run/action_runner.h"

#include <algorithm>

#include "planner/providers/name_sets.h"

namespace cutover::planner {
namespace {

const std::string kPasswordSecret{kTransferPasswordSecret};
constexpr const char* kLifecycleTag = "cutover:lifecycle";

Result<DomainTransfers*> transfers_of(ProviderSet& providers, const std::string& account) {
  auto it = providers.transfers.find(account);
  if (it == providers.transfers.end() || !it->second) return fail(ErrorCode::Provider, "no Route 53 Domains provider for account '" + account + "'");
  return it->second.get();
}

Result<Database*> database_of(ProviderSet& providers, const std::string& account) {
  auto it = providers.databases.find(account);
  if (it == providers.databases.end() || !it->second) return fail(ErrorCode::Provider, "no database provider for account '" + account + "'");
  return it->second.get();
}

// A clone's lifecycle only moves forward: created, ready, connected, aborted.
int lifecycle_stage(const std::string& tag) {
  static const std::vector<std::string> order{"created", "ready", "connected", "aborted"};
  auto it = std::ranges::find(order, tag);
  return it == order.end() ? -1 : static_cast<int>(it - order.begin());
}

// True when the cluster's lifecycle tag is `tag` or a later stage: tagging
// it again (a rerun on a new journal) would move it backwards. An aborted
// clone is past nothing but `aborted`: it is never taken up again.
bool at_or_past(const ClusterState& state, const std::string& tag) {
  if (!state.tags.contains(kLifecycleTag)) return false;
  const auto& current = state.tags.at(kLifecycleTag);
  if (current == "aborted") return tag == "aborted";
  return current == tag || (lifecycle_stage(tag) >= 0 && lifecycle_stage(current) > lifecycle_stage(tag));
}

Result<std::vector<dns::DomainName>> target_nameservers(ActionRunner& runner, const SetDelegation& a) {
  auto zone = runner.zone(a.nameservers_of_zone);
  if (!zone) return std::unexpected(zone.error());
  return (*zone)->nameservers();
}

}  // namespace

Result<ActionOutcome> ActionRunner::run_registry(const Action& action) {
  if (const auto* a = std::get_if<SetDelegation>(&action)) {
    if (!providers_.registrar) return fail(ErrorCode::Provider, "no registrar provider");
    auto names = target_nameservers(*this, *a);
    if (!names) return std::unexpected(names.error());
    auto set = providers_.registrar->set_delegation(a->domain, *names, a->ttl);
    if (!set) return std::unexpected(set.error());
    return ActionOutcome{.how = "delegation set to " + std::to_string(names->size()) + " name servers"};
  }
  if (const auto* a = std::get_if<TransferDomain>(&action)) {
    auto from = transfers_of(providers_, a->from_account);
    auto to = transfers_of(providers_, a->to_account);
    if (!from) return std::unexpected(from.error());
    if (!to) return std::unexpected(to.error());
    auto target = (*to)->account_id();
    if (!target) return std::unexpected(target.error());
    auto started = (*from)->transfer(a->domain, *target);
    if (!started) return std::unexpected(started.error());
    auto kept = secrets_.put(kPasswordSecret, started->password);
    if (!kept) return std::unexpected(kept.error());
    run_["transfer.operation_id"] = started->operation_id;
    return ActionOutcome{.data = {{"operation_id", started->operation_id}}, .how = "transfer started (password kept for the accept step)"};
  }
  if (const auto* a = std::get_if<AcceptTransfer>(&action)) {
    auto to = transfers_of(providers_, a->account);
    if (!to) return std::unexpected(to.error());
    auto password = secrets_.get(kPasswordSecret);
    if (!password) return fail(ErrorCode::Provider, "the transfer password is not available (the secrets file next to the journal is gone); cancel the transfer and run again");
    auto operation = (*to)->accept(a->domain, *password);
    if (!operation) return std::unexpected(operation.error());
    run_["transfer.operation_id"] = *operation;
    return ActionOutcome{.data = {{"operation_id", *operation}}, .how = "transfer accepted"};
  }
  if (const auto* a = std::get_if<LockTransfer>(&action)) {
    auto holder = transfers_of(providers_, a->account);
    if (!holder) return std::unexpected(holder.error());
    auto locked = (*holder)->lock(a->domain);
    if (!locked) return std::unexpected(locked.error());
    return ActionOutcome{.how = "transfer lock on"};
  }
  const auto& a = std::get<CancelTransfer>(action);
  auto from = transfers_of(providers_, a.account);
  if (!from) return std::unexpected(from.error());
  auto cancelled = (*from)->cancel(a.domain);
  if (!cancelled) return std::unexpected(cancelled.error());
  return ActionOutcome{.how = "transfer cancelled"};
}

Result<bool> ActionRunner::registry_in_effect(const Action& action) {
  if (const auto* a = std::get_if<SetDelegation>(&action)) {
    if (!providers_.registrar) return fail(ErrorCode::Provider, "no registrar provider");
    auto names = target_nameservers(*this, *a);
    if (!names) return std::unexpected(names.error());
    auto current = providers_.registrar->delegation(a->domain);
    if (!current) return std::unexpected(current.error());
    return same_names(*names, *current);
  }
  if (const auto* a = std::get_if<TransferDomain>(&action)) {
    // Started already if an operation is in progress, or done if the receiver holds it.
    auto from = transfers_of(providers_, a->from_account);
    if (!from) return std::unexpected(from.error());
    auto pending = (*from)->operation_in_progress(a->domain);
    if (!pending) return std::unexpected(pending.error());
    if (*pending) {
      run_["transfer.operation_id"] = **pending;
      learned_["operation_id"] = **pending;
      return true;
    }
    auto to = transfers_of(providers_, a->to_account);
    if (!to) return std::unexpected(to.error());
    return (*to)->holds(a->domain);
  }
  if (const auto* a = std::get_if<AcceptTransfer>(&action)) {
    // Accepted already if the receiver holds the domain, or its accept operation is under way.
    auto to = transfers_of(providers_, a->account);
    if (!to) return std::unexpected(to.error());
    auto holds = (*to)->holds(a->domain);
    if (!holds) return std::unexpected(holds.error());
    if (*holds) return true;
    auto pending = (*to)->operation_in_progress(a->domain);
    if (!pending) return std::unexpected(pending.error());
    if (*pending) {
      run_["transfer.operation_id"] = **pending;
      learned_["operation_id"] = **pending;
    }
    return pending->has_value();
  }
  if (const auto* a = std::get_if<LockTransfer>(&action)) {
    auto holder = transfers_of(providers_, a->account);
    if (!holder) return std::unexpected(holder.error());
    return (*holder)->locked(a->domain);
  }
  const auto& a = std::get<CancelTransfer>(action);
  auto from = transfers_of(providers_, a.account);
  if (!from) return std::unexpected(from.error());
  auto pending = (*from)->operation_in_progress(a.domain);
  if (!pending) return std::unexpected(pending.error());
  return !pending->has_value();
}

Result<ActionOutcome> ActionRunner::run_database(const Action& action) {
  if (const auto* a = std::get_if<CloneCluster>(&action)) {
    auto db = database_of(providers_, a->account);
    if (!db) return std::unexpected(db.error());
    auto cloned = (*db)->clone(a->source_cluster, dated(a->clone_name), {{kLifecycleTag, "created"}});
    if (!cloned) return std::unexpected(cloned.error());
    return ActionOutcome{.data = {{"cluster", dated(a->clone_name)}}, .how = "clone requested"};
  }
  if (const auto* a = std::get_if<CreateInstance>(&action)) {
    auto db = database_of(providers_, a->account);
    if (!db) return std::unexpected(db.error());
    auto created = (*db)->create_instance(dated(a->cluster), dated(a->instance), a->instance_class);
    if (!created) return std::unexpected(created.error());
    return ActionOutcome{.how = "instance requested"};
  }
  if (const auto* a = std::get_if<TagCluster>(&action)) {
    auto db = database_of(providers_, a->account);
    if (!db) return std::unexpected(db.error());
    auto state = (*db)->describe(dated(a->cluster));
    if (!state) return std::unexpected(state.error());
    if (*state && a->tag != "aborted" && (*state)->tags.contains(kLifecycleTag) && (*state)->tags.at(kLifecycleTag) == "aborted") {
      // Taking it up again would point the name at a clone that clean deletes.
      return fail(ErrorCode::Provider, "clone " + dated(a->cluster) + " is tagged aborted (replaced, or rolled back by hand): " +
                                           "delete it, or tag it by hand, before running again");
    }
    if (*state && at_or_past(**state, a->tag)) {
      return ActionOutcome{.how = "tagged " + (*state)->tags.at(kLifecycleTag) + " already"};
    }
    if (a->tag == "connected") {
      // The clone that was connected until now is replaced: it becomes `aborted`.
      auto prefix = dated(a->cluster).substr(0, a->cluster.rfind('-') + 1);
      auto clones = (*db)->list(prefix);
      if (!clones) return std::unexpected(clones.error());
      for (const auto& c : *clones) {
        bool was_connected = c.tags.contains(kLifecycleTag) && c.tags.at(kLifecycleTag) == "connected";
        if (was_connected && c.id != dated(a->cluster)) {
          auto tagged = (*db)->tag(c.id, {{kLifecycleTag, "aborted"}});
          if (!tagged) return std::unexpected(tagged.error());
        }
      }
    }
    auto tagged = (*db)->tag(dated(a->cluster), {{kLifecycleTag, a->tag}});
    if (!tagged) return std::unexpected(tagged.error());
    return ActionOutcome{.how = "tagged " + a->tag};
  }
  const auto& a = std::get<DeleteAbortedClones>(action);
  auto db = database_of(providers_, a.account);
  if (!db) return std::unexpected(db.error());
  auto clones = (*db)->list(a.prefix);
  if (!clones) return std::unexpected(clones.error());
  std::size_t removed = 0;
  for (const auto& c : *clones) {
    if (!c.tags.contains(kLifecycleTag) || c.tags.at(kLifecycleTag) != "aborted") continue;
    auto gone = (*db)->remove(c.id);
    if (!gone) return std::unexpected(gone.error());
    ++removed;
  }
  return ActionOutcome{.how = std::to_string(removed) + " aborted clones deleted"};
}

Result<bool> ActionRunner::database_in_effect(const Action& action) {
  if (const auto* a = std::get_if<CloneCluster>(&action)) {
    // Never clone the same source twice on the same day: the dated name exists already.
    auto db = database_of(providers_, a->account);
    if (!db) return std::unexpected(db.error());
    auto state = (*db)->describe(dated(a->clone_name));
    if (!state) return std::unexpected(state.error());
    return state->has_value();
  }
  if (const auto* a = std::get_if<CreateInstance>(&action)) {
    auto db = database_of(providers_, a->account);
    if (!db) return std::unexpected(db.error());
    auto state = (*db)->describe(dated(a->cluster));
    if (!state) return std::unexpected(state.error());
    return *state && std::ranges::find((*state)->instances, dated(a->instance)) != (*state)->instances.end();
  }
  if (const auto* a = std::get_if<TagCluster>(&action)) {
    auto db = database_of(providers_, a->account);
    if (!db) return std::unexpected(db.error());
    auto state = (*db)->describe(dated(a->cluster));
    if (!state) return std::unexpected(state.error());
    return *state && at_or_past(**state, a->tag);
  }
  return false;  // deleting aborted clones is idempotent: run it again
}

}  // namespace cutover::planner
