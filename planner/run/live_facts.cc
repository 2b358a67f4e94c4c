#include "planner/run/live_facts.h"

#include <algorithm>

#include "dns/delegation.h"
#include "dns/zone_file.h"
#include "planner/clock.h"
#include "planner/providers/record_ops.h"
#include "planner/run/action_runner.h"

namespace cutover::planner {
namespace {

std::optional<std::uint32_t> apex_ns_ttl(const std::vector<Rrset>& zone, const dns::DomainName& apex) {
  auto ns = find_rrset(zone, apex, dns::RecordType::NS);
  if (!ns) return std::nullopt;
  return ns->ttl;
}

// The delegation as the parent's own servers hand it out: TTL and DS.
void observe_parent_by_dns(const Plan& plan, Facts& facts) {
  dns::DelegationOptions options{.zone = plan.domain};
  for (const auto& text : plan.verification.parent_servers) {
    if (auto address = dns::parse_server_address(text)) options.parent_servers.push_back(*address);
  }
  if (options.parent_servers.empty() && plan.verification.root_hints) {
    if (auto hints = dns::read_root_hints(*plan.verification.root_hints)) options.root_hints = *hints;
  }
  if (options.parent_servers.empty() && options.root_hints.empty()) return;
  options.probe.timeout = plan.verification.timeout;
  options.probe.attempts = plan.verification.attempts;
  auto report = dns::check_delegation(options);
  if (!report) return;
  std::uint32_t ttl = 0;
  std::size_t answered = 0;
  for (const auto& view : report->parent) {
    if (view.ns.empty()) continue;
    ++answered;
    ttl = std::max(ttl, view.ns_ttl);
    if (!view.ds.empty()) facts.ds_at_parent = true;
  }
  if (answered == 0) return;
  facts.parent_ns_ttl = {
      .value = ttl, .source = "observed at " + std::to_string(answered) + "/" + std::to_string(report->parent.size()) + " parent servers"};
  facts.ds_source = facts.parent_ns_ttl.source;
}

}  // namespace

Result<Facts> observe_facts(const Plan& plan, ProviderSet& providers) {
  Facts facts = assumed_facts(plan);
  facts.offline = false;
  std::map<std::string, std::vector<Rrset>> listings;
  for (const auto& [key, zone] : plan.zones) {
    auto provider = providers.zones.find(key);
    if (provider == providers.zones.end()) continue;
    auto exists = provider->second->exists();
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) continue;
    auto listed = provider->second->list();
    if (!listed) return std::unexpected(listed.error());
    if (auto ttl = apex_ns_ttl(*listed, zone.name)) {
      facts.zone_ns_ttl[key] = {.value = *ttl, .source = "observed in zone '" + key + "'"};
    }
    listings[key] = std::move(*listed);
  }
  if (const auto* parent = plan.registrar ? std::get_if<ParentZoneRegistrar>(&*plan.registrar) : nullptr) {
    if (auto it = listings.find(parent->zone); it != listings.end()) {
      if (auto ns = find_rrset(it->second, plan.domain, dns::RecordType::NS)) {
        facts.parent_ns_ttl = {.value = ns->ttl, .source = "observed in parent zone '" + parent->zone + "'"};
      }
      facts.ds_at_parent = find_rrset(it->second, plan.domain, dns::RecordType::DS).has_value();
      facts.ds_source = "observed in parent zone '" + parent->zone + "'";
    }
  } else {
    observe_parent_by_dns(plan, facts);
  }
  for (const auto& strategy : plan.strategies) {
    if (const auto* s = std::get_if<NameserverSwitch>(&strategy); s && listings.contains(s->from_zone)) {
      std::uint32_t largest = 0;
      for (const auto& rrset : listings[s->from_zone]) {
        if (rrset.type != dns::RecordType::NS && rrset.type != dns::RecordType::SOA) largest = std::max(largest, rrset.ttl);
      }
      facts.max_record_ttl = {.value = largest, .source = "observed in zone '" + s->from_zone + "'"};
    }
    if (const auto* s = std::get_if<DbPointer>(&strategy); s && listings.contains(s->zone)) {
      if (auto pointer = find_rrset(listings[s->zone], s->name, dns::RecordType::CNAME)) {
        facts.db_pointer_ttl = {.value = pointer->ttl, .source = "observed in zone '" + s->zone + "'"};
      }
    }
  }
  return facts;
}

void mark_done_steps(const Plan& plan, const StepGraph& graph, ProviderSet& providers, Clock& clock, Facts& facts) {
  // A daily clone is named for the day it runs: planning live looks for today's.
  RunFacts run{.run_date = utc_date(clock.now())};
  SecretStore secrets = SecretStore::open(std::nullopt).value();
  ActionRunner runner(plan, providers, secrets, run);
  for (const auto& step : graph.steps()) {
    if (step.actions.empty()) continue;
    bool all = std::ranges::all_of(step.actions, [&](const Action& action) {
      auto effect = runner.in_effect(action);
      return effect && *effect;
    });
    if (all) facts.done_steps.insert(step.id.value);
  }
}

}  // namespace cutover::planner
