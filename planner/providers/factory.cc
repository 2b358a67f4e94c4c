#include "planner/providers/factory.h"

#include <set>

#include "planner/providers/aws_monitoring.h"
#include "planner/providers/aws_providers.h"
#include "planner/providers/parent_zone_registrar.h"
#include "planner/providers/rds_database.h"
#include "planner/providers/rfc2136_zone.h"
#include "planner/providers/route53_domains.h"
#include "planner/providers/route53_zone.h"

namespace cutover::planner {
namespace {

Error zone_error(const std::string& key, const Error& error) {
  return Error{.code = error.code, .message = "zone '" + key + "': " + error.message};
}

Result<std::unique_ptr<DnsProvider>> zone_provider(const Plan& plan, const Zone& zone, const std::filesystem::path& plan_dir,
                                                   AwsSessions& sessions) {
  if (const auto* spec = std::get_if<Rfc2136Zone>(&zone.provider)) {
    Rfc2136Zone resolved = *spec;
    // A relative key file is relative to the plan, not to where cutover runs.
    if (std::filesystem::path(resolved.tsig_key_file).is_relative()) resolved.tsig_key_file = (plan_dir / resolved.tsig_key_file).string();
    auto provider = Rfc2136ZoneProvider::open(zone.name, resolved);
    if (!provider) return std::unexpected(zone_error(zone.key, provider.error()));
    return std::unique_ptr<DnsProvider>(std::move(*provider));
  }
  const auto& spec = std::get<Route53Zone>(zone.provider);
  auto provider = route53_zone_provider(plan, zone.key, sessions, spec.servers);
  if (!provider) return std::unexpected(zone_error(zone.key, provider.error()));
  return provider;
}

// Route 53 Domains for every account a transfer or the registrar names, RDS for every db-pointer account.
Result<void> account_providers(const Plan& plan, ProviderSet& set, AwsSessions& sessions) {
  std::set<std::string> domain_accounts;
  std::set<std::string> db_accounts;
  if (const auto* r = plan.registrar ? std::get_if<Route53DomainsRegistrar>(&*plan.registrar) : nullptr) domain_accounts.insert(r->account);
  for (const auto& strategy : plan.strategies) {
    if (const auto* t = std::get_if<DomainTransfer>(&strategy)) domain_accounts.insert({t->from_account, t->to_account});
    if (const auto* d = std::get_if<DbPointer>(&strategy)) db_accounts.insert(d->account);
  }
  for (const auto& key : domain_accounts) {
    auto transfers = route53_transfers(plan, key, sessions);
    if (!transfers) return std::unexpected(transfers.error());
    set.transfers[key] = std::move(*transfers);
  }
  for (const auto& key : monitored_accounts(plan)) {
    auto monitoring = aws_monitoring(plan, key, sessions);
    if (!monitoring) return std::unexpected(monitoring.error());
    set.monitors[key] = std::move(*monitoring);
  }
  for (const auto& key : db_accounts) {
    auto database = rds_database(plan, key, sessions);
    if (!database) return std::unexpected(database.error());
    set.databases[key] = std::move(*database);
  }
  if (const auto* r = plan.registrar ? std::get_if<Route53DomainsRegistrar>(&*plan.registrar) : nullptr) {
    auto registrar = route53_registrar(plan, r->account, sessions);
    if (!registrar) return std::unexpected(registrar.error());
    set.registrar = std::move(*registrar);
  }
  return {};
}

}  // namespace

Result<ProviderSet> build_providers(const Plan& plan, const std::filesystem::path& plan_dir) {
  ProviderSet set;
  AwsSessions sessions;
  for (const auto& [key, zone] : plan.zones) {
    auto provider = zone_provider(plan, zone, plan_dir, sessions);
    if (!provider) return std::unexpected(provider.error());
    set.zones[key] = std::move(*provider);
  }
  auto accounts = account_providers(plan, set, sessions);
  if (!accounts) return std::unexpected(accounts.error());
  if (const auto* parent = plan.registrar ? std::get_if<ParentZoneRegistrar>(&*plan.registrar) : nullptr) {
    set.registrar = std::make_unique<ParentZoneRegistrarProvider>(*set.zones.at(parent->zone));
  }
  return set;
}

}  // namespace cutover::planner
