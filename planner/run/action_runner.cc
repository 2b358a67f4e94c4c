// The dispatch of actions to their handlers, and what the DNS actions share.
#include "planner/run/action_runner.h"

#include "planner/providers/record_ops.h"

namespace cutover::planner {

Result<ActionOutcome> ActionRunner::run(const Action& action) {
  return std::visit([this](const auto& a) { return perform(a); }, action);
}

Result<bool> ActionRunner::in_effect(const Action& action) {
  return std::visit([this](const auto& a) { return check(a); }, action);
}

Result<DomainTransfers*> ActionRunner::transfers_of(const std::string& account) {
  auto it = providers_.transfers.find(account);
  if (it == providers_.transfers.end() || !it->second) {
    return fail(ErrorCode::Provider, "no Route 53 Domains provider for account '" + account + "'");
  }
  return it->second.get();
}

Result<Database*> ActionRunner::database_of(const std::string& account) {
  auto it = providers_.databases.find(account);
  if (it == providers_.databases.end() || !it->second)
    return fail(ErrorCode::Provider, "no database provider for account '" + account + "'");
  return it->second.get();
}

Result<DnsProvider*> ActionRunner::zone(const std::string& key) {
  auto it = providers_.zones.find(key);
  if (it == providers_.zones.end() || !it->second) return fail(ErrorCode::Provider, "no provider for zone '" + key + "'");
  return it->second.get();
}

Result<std::vector<Rrset>> ActionRunner::listing(const std::string& key) {
  auto target = zone(key);
  if (!target) return std::unexpected(target.error());
  return (*target)->list();
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
      auto state = db->second->describe(run_.dated(change.set.values_zone));
      if (!state) return std::unexpected(state.error());
      if (!*state) return fail(ErrorCode::Provider, "cluster " + run_.dated(change.set.values_zone) + " does not exist");
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
        return fail(ErrorCode::Provider, "zone '" + action.zone + "' has no " + std::string(dns::to_string(rrset.type)) + " at " +
                                             rrset.name.text() + " to change the TTL of");
      }
      if (change.set.keep_values || change.kind == ChangeKind::Delete) rrset.values = present->values;
      if (change.kind == ChangeKind::Delete) rrset.ttl = present->ttl;
    }
    out.push_back(
        RrsetChange{.kind = change.kind == ChangeKind::Delete ? ChangeKind::Delete : ChangeKind::Upsert, .rrset = std::move(rrset)});
  }
  return out;
}

}  // namespace cutover::planner
