// The dispatch, and the actions on zones and records.
#include "planner/run/action_runner.h"

#include "planner/providers/record_ops.h"

namespace cutover::planner {
namespace {

template <class... T>
bool holds_any(const Action& action) {
  return (std::holds_alternative<T>(action) || ...);
}

}  // namespace

bool is_dns_action(const Action& action) {
  return holds_any<CreateZone, CopyRecords, ChangeRecords, DeleteZone, DeleteRecordsBelow>(action);
}

bool is_registry_action(const Action& action) {
  return holds_any<SetDelegation, TransferDomain, AcceptTransfer, CancelTransfer, LockTransfer>(action);
}

Result<ActionOutcome> ActionRunner::run(const Action& action) {
  if (is_dns_action(action)) return run_dns(action);
  if (is_registry_action(action)) return run_registry(action);
  return run_database(action);
}

Result<bool> ActionRunner::in_effect(const Action& action) {
  if (is_dns_action(action)) return dns_in_effect(action);
  if (is_registry_action(action)) return registry_in_effect(action);
  return database_in_effect(action);
}

std::string ActionRunner::dated(const std::string& name) const {
  auto pos = name.find("YYYYMMDD");
  if (pos == std::string::npos || !run_.contains("run_date")) return name;
  std::string out = name;
  return out.replace(pos, 8, run_.at("run_date"));
}

Result<DnsProvider*> ActionRunner::zone(const std::string& key) {
  auto it = providers_.zones.find(key);
  if (it == providers_.zones.end() || !it->second) return fail(ErrorCode::Provider, "no provider for zone '" + key + "'");
  return it->second.get();
}

Result<std::vector<RrsetChange>> ActionRunner::resolve(const ChangeRecords& action) {
  auto target = zone(action.zone);
  if (!target) return std::unexpected(target.error());
  std::optional<std::vector<Rrset>> current;
  std::vector<RrsetChange> out;
  for (const auto& change : action.changes) {
    Rrset rrset{.name = change.set.name, .type = change.set.type, .ttl = change.set.ttl, .values = change.set.values};
    if (change.set.values_from == ValuesFrom::ZoneNameservers) {
      auto source = zone(change.set.values_zone);
      if (!source) return std::unexpected(source.error());
      auto names = (*source)->nameservers();
      if (!names) return std::unexpected(names.error());
      rrset.values.clear();
      for (const auto& n : *names) rrset.values.push_back(n.text());
    } else if (change.set.values_from == ValuesFrom::ClusterEndpoint) {
      auto db = providers_.databases.find(change.set.values_account);
      if (db == providers_.databases.end()) return fail(ErrorCode::Provider, "no database provider for the pointer's account");
      auto state = db->second->describe(dated(change.set.values_zone));
      if (!state) return std::unexpected(state.error());
      if (!*state) return fail(ErrorCode::Provider, "cluster " + dated(change.set.values_zone) + " does not exist");
      rrset.values = {(*state)->endpoint};
    }
    // Keeping values, and deleting, both need what the zone holds now.
    if (change.set.keep_values || change.kind == ChangeKind::Delete) {
      if (!current) {
        auto listed = (*target)->list();
        if (!listed) return std::unexpected(listed.error());
        current = std::move(*listed);
      }
      auto present = find_rrset(*current, rrset.name, rrset.type);
      if (!present) {
        if (change.kind == ChangeKind::Delete) continue;  // already gone
        return fail(ErrorCode::Provider, "zone '" + action.zone + "' has no " + std::string(dns::to_string(rrset.type)) + " at " + rrset.name.text() + " to change the TTL of");
      }
      if (change.set.keep_values || change.kind == ChangeKind::Delete) rrset.values = present->values;
      if (change.kind == ChangeKind::Delete) rrset.ttl = present->ttl;
    }
    out.push_back(RrsetChange{.kind = change.kind == ChangeKind::Delete ? RrsetChangeKind::Delete : RrsetChangeKind::Upsert,
                              .rrset = std::move(rrset)});
  }
  return out;
}

namespace {

Result<std::vector<RrsetChange>> copy_changes(ActionRunner& runner, const CopyRecords& copy) {
  auto from = runner.zone(copy.from_zone);
  auto to = runner.zone(copy.to_zone);
  if (!from) return std::unexpected(from.error());
  if (!to) return std::unexpected(to.error());
  auto source = (*from)->list();
  if (!source) return std::unexpected(source.error());
  auto target = (*to)->list();
  if (!target) return std::unexpected(target.error());
  CopyFilter filter{.from_apex = (*from)->zone_name(), .to_apex = (*to)->zone_name(),
                    .only_below = copy.only_below, .skip_below = copy.skip_below};
  return changes_to_hold(*target, rrsets_to_copy(*source, filter));
}

Result<std::vector<RrsetChange>> delete_below_changes(ActionRunner& runner, const DeleteRecordsBelow& action) {
  auto target = runner.zone(action.zone);
  if (!target) return std::unexpected(target.error());
  auto listed = (*target)->list();
  if (!listed) return std::unexpected(listed.error());
  return deletions_below(*listed, action.below);
}

Result<ActionOutcome> apply(ActionRunner& runner, const std::string& key, const std::vector<RrsetChange>& changes,
                            const std::string& comment) {
  if (changes.empty()) return ActionOutcome{.how = "nothing to change: already in effect"};
  auto target = runner.zone(key);
  if (!target) return std::unexpected(target.error());
  auto applied = (*target)->apply(changes, comment);
  if (!applied) return std::unexpected(applied.error());
  return ActionOutcome{.how = std::to_string(changes.size()) + (changes.size() == 1 ? " change" : " changes") + " applied and in sync"};
}

}  // namespace

Result<ActionOutcome> ActionRunner::run_dns(const Action& action) {
  if (const auto* a = std::get_if<CreateZone>(&action)) {
    auto target = zone(a->zone);
    if (!target) return std::unexpected(target.error());
    auto created = (*target)->create(a->caller_reference);
    if (!created) return std::unexpected(created.error());
    return ActionOutcome{.how = "zone exists"};
  }
  if (const auto* a = std::get_if<DeleteZone>(&action)) {
    auto target = zone(a->zone);
    if (!target) return std::unexpected(target.error());
    auto removed = (*target)->remove();
    if (!removed) return std::unexpected(removed.error());
    return ActionOutcome{.how = "zone deleted"};
  }
  Result<std::vector<RrsetChange>> changes = std::vector<RrsetChange>{};
  std::string key;
  std::string comment = "cutover";
  if (const auto* a = std::get_if<CopyRecords>(&action)) {
    changes = copy_changes(*this, *a);
    key = a->to_zone;
  } else if (const auto* a = std::get_if<ChangeRecords>(&action)) {
    changes = resolve(*a);
    key = a->zone;
    comment = a->comment;
  } else if (const auto* a = std::get_if<DeleteRecordsBelow>(&action)) {
    changes = delete_below_changes(*this, *a);
    key = a->zone;
  }
  if (!changes) return std::unexpected(changes.error());
  return apply(*this, key, *changes, comment);
}

Result<bool> ActionRunner::dns_in_effect(const Action& action) {
  if (const auto* a = std::get_if<CreateZone>(&action)) {
    auto target = zone(a->zone);
    if (!target) return std::unexpected(target.error());
    return (*target)->exists();
  }
  if (const auto* a = std::get_if<DeleteZone>(&action)) {
    auto target = zone(a->zone);
    if (!target) return std::unexpected(target.error());
    auto exists = (*target)->exists();
    if (!exists) return std::unexpected(exists.error());
    return !*exists;
  }
  if (const auto* a = std::get_if<CopyRecords>(&action)) {
    auto changes = copy_changes(*this, *a);
    if (!changes) return std::unexpected(changes.error());
    return changes->empty();
  }
  if (const auto* a = std::get_if<DeleteRecordsBelow>(&action)) {
    auto changes = delete_below_changes(*this, *a);
    if (!changes) return std::unexpected(changes.error());
    return changes->empty();
  }
  const auto& change = std::get<ChangeRecords>(action);
  auto changes = resolve(change);
  if (!changes) return std::unexpected(changes.error());
  auto target = zone(change.zone);
  if (!target) return std::unexpected(target.error());
  auto listed = (*target)->list();
  if (!listed) return std::unexpected(listed.error());
  return changes_in_effect(*listed, *changes);
}

}  // namespace cutover::planner
