// Cross-reference checks: what the JSON structure alone cannot say. Run only
// on a plan whose sections all read cleanly.
#include <algorithm>
#include <set>

#include "planner/plan/sections.h"

namespace cutover::planner::detail {
namespace {

std::string at_strategy(std::size_t index, std::string_view key) { return child_pointer(child_pointer("/strategies", index), key); }

void check_accounts_of_zones(JsonFields& in, const Plan& plan) {
  for (const auto& [key, zone] : plan.zones) {
    const auto* r53 = std::get_if<Route53Zone>(&zone.provider);
    if (r53 != nullptr && !plan.accounts.contains(r53->account)) {
      in.problem(child_pointer(child_pointer("/zones", key), "account"),
                 "names account '" + r53->account + "', which /accounts does not define");
    }
  }
}

void check_registrar(JsonFields& in, const Plan& plan) {
  if (!plan.registrar) return;
  if (const auto* domains = std::get_if<Route53DomainsRegistrar>(&*plan.registrar)) {
    if (!plan.accounts.contains(domains->account)) {
      in.problem("/registrar/account", "names account '" + domains->account + "', which /accounts does not define");
    }
    return;
  }
  const auto& parent = std::get<ParentZoneRegistrar>(*plan.registrar);
  auto it = plan.zones.find(parent.zone);
  if (it == plan.zones.end()) {
    in.problem("/registrar/zone", "names zone '" + parent.zone + "', which /zones does not define");
  } else if (it->second.name == plan.domain || !plan.domain.is_subdomain_of(it->second.name)) {
    in.problem("/registrar/zone",
               "zone '" + parent.zone + "' (" + it->second.name.text() + ") is not a parent of the domain " + plan.domain.text());
  }
}

// A zone key that must exist and be named `expected`.
void check_zone_ref(JsonFields& in, const Plan& plan, const std::string& pointer, const std::string& key, const dns::DomainName& expected) {
  auto it = plan.zones.find(key);
  if (it == plan.zones.end()) {
    in.problem(pointer, "names zone '" + key + "', which /zones does not define");
  } else if (it->second.name != expected) {
    in.problem(pointer, "zone '" + key + "' is " + it->second.name.text() + ", expected " + expected.text());
  }
}

void check_sub_delegation(JsonFields& in, const Plan& plan, std::size_t i, const SubDelegation& s) {
  if (s.child == plan.domain || !s.child.is_subdomain_of(plan.domain)) {
    in.problem(at_strategy(i, "child"), s.child.text() + " does not lie under the domain " + plan.domain.text());
  }
  check_zone_ref(in, plan, at_strategy(i, "child_zone"), s.child_zone, s.child);
  std::set<std::string> seen;
  for (std::size_t p = 0; p < s.parents.size(); ++p) {
    auto pointer = child_pointer(at_strategy(i, "parents"), p);
    if (!seen.insert(s.parents[p]).second) in.problem(pointer, "zone '" + s.parents[p] + "' is listed twice");
    if (s.parents[p] == s.child_zone)
      in.problem(pointer, "the child zone cannot be its own parent");
    else
      check_zone_ref(in, plan, pointer, s.parents[p], plan.domain);
  }
  if (std::ranges::find(s.parents, s.copy_from) == s.parents.end()) {
    in.problem(at_strategy(i, "copy_from"), "'" + s.copy_from + "' is not one of the parents");
  }
}

void check_nameserver_switch(JsonFields& in, const Plan& plan, std::size_t i, const NameserverSwitch& s) {
  check_zone_ref(in, plan, at_strategy(i, "from"), s.from_zone, plan.domain);
  check_zone_ref(in, plan, at_strategy(i, "to"), s.to_zone, plan.domain);
  if (s.from_zone == s.to_zone) in.problem(at_strategy(i, "to"), "a nameserver switch needs two different zones (old and new)");
  if (!plan.registrar) in.problem("/registrar", "is required by the nameserver-switch at /strategies/" + std::to_string(i));
}

void check_domain_transfer(JsonFields& in, const Plan& plan, std::size_t i, const DomainTransfer& s) {
  for (const auto& [key, account] : {std::pair{"from_account", s.from_account}, std::pair{"to_account", s.to_account}}) {
    if (!plan.accounts.contains(account)) {
      in.problem(at_strategy(i, key), "names account '" + account + "', which /accounts does not define");
    }
  }
  if (s.from_account == s.to_account) {
    in.problem(at_strategy(i, "to_account"), "a transfer needs two different accounts");
  }
  const auto* domains = plan.registrar ? std::get_if<Route53DomainsRegistrar>(&*plan.registrar) : nullptr;
  if (domains == nullptr) {
    in.problem("/registrar", "a domain-transfer needs the registrar type route53domains");
    return;
  }
  bool has_switch = std::ranges::any_of(plan.strategies, [](const Strategy& x) { return std::holds_alternative<NameserverSwitch>(x); });
  if (!has_switch) return;
  // The account that owns the registration when the switch runs is the one that must call UpdateDomainNameservers.
  const auto& owner = s.timing == TransferTiming::AfterSwitch ? s.from_account : s.to_account;
  if (domains->account != owner) {
    in.problem("/registrar/account", "is '" + domains->account + "', but with the transfer " +
                                         (s.timing == TransferTiming::AfterSwitch ? "after" : "before") +
                                         " the switch the registration is held by '" + owner + "' when the nameservers change");
  }
}

void check_db_pointer(JsonFields& in, const Plan& plan, std::size_t i, const DbPointer& s) {
  auto it = plan.zones.find(s.zone);
  if (it == plan.zones.end()) {
    in.problem(at_strategy(i, "zone"),
               "names zone '" + s.zone + "', which /zones does not define: the pointer must live in a zone the plan manages");
  } else if (s.name == it->second.name || !s.name.is_subdomain_of(it->second.name)) {
    in.problem(at_strategy(i, "name"), s.name.text() + " is not a name below zone '" + s.zone + "' (" + it->second.name.text() + ")");
  }
  if (!plan.accounts.contains(s.account)) {
    in.problem(at_strategy(i, "account"), "names account '" + s.account + "', which /accounts does not define");
  }
  if (s.mode == DbPointerMode::Migrate && s.old_target == s.new_target) {
    in.problem(at_strategy(i, "new_target"), "is the same as old_target: nothing to switch");
  }
}

void check_unique(JsonFields& in, const Plan& plan) {
  std::size_t switches = 0;
  std::size_t transfers = 0;
  for (std::size_t i = 0; i < plan.strategies.size(); ++i) {
    if (std::holds_alternative<NameserverSwitch>(plan.strategies[i]) && ++switches > 1) {
      in.problem(child_pointer("/strategies", i), "a plan may hold one nameserver-switch");
    }
    if (std::holds_alternative<DomainTransfer>(plan.strategies[i]) && ++transfers > 1) {
      in.problem(child_pointer("/strategies", i), "a plan may hold one domain-transfer");
    }
  }
}

}  // namespace

void check_meaning(JsonFields& in, const Plan& plan) {
  check_accounts_of_zones(in, plan);
  check_registrar(in, plan);
  check_unique(in, plan);
  for (std::size_t i = 0; i < plan.strategies.size(); ++i) {
    std::visit(
        [&](const auto& s) {
          using T = std::decay_t<decltype(s)>;
          if constexpr (std::is_same_v<T, SubDelegation>)
            check_sub_delegation(in, plan, i, s);
          else if constexpr (std::is_same_v<T, NameserverSwitch>)
            check_nameserver_switch(in, plan, i, s);
          else if constexpr (std::is_same_v<T, DomainTransfer>)
            check_domain_transfer(in, plan, i, s);
          else if constexpr (std::is_same_v<T, WeightedShift>)
            check_weighted_shift(in, plan, i, s);
          else if constexpr (std::is_same_v<T, BulkRecords>)
            check_records(in, plan, i, s);
          else
            check_db_pointer(in, plan, i, s);
        },
        plan.strategies[i]);
  }
}

}  // namespace cutover::planner::detail
