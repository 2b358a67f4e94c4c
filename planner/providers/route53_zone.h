#pragma once
// A Route 53 hosted zone as a DnsProvider, over a Session shared by every
// provider of the same account.
//
//   auto session = session_for(plan.accounts.at("new"));         // aws_providers.h
//   Route53ZoneProvider zone(*session, {.name = apex, .caller_reference = "cutover-example.com-new"});
//   zone.create("cutover-example.com-new");   // idempotent, returns when INSYNC
//   zone.apply({{ChangeKind::Upsert, rrset}}, "cutover");   // returns when INSYNC
//
// The zone is either an existing one (hosted_zone_id) or one the plan creates,
// found again by its CallerReference in every later run, so a resumed run
// never makes a second zone.

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/route53.h"
#include "aws/session.h"
#include "dns/probe_options.h"
#include "planner/providers/dns_provider.h"
#include "planner/providers/route53_health_checks.h"

namespace cutover::planner {

/// What a Route 53 zone provider is built from.
struct Route53ZoneOptions {
  dns::DomainName name{};
  std::optional<std::string> hosted_zone_id{};  // an existing zone; absent: created by the plan
  std::string caller_reference{};               // the plan's CreateHostedZone reference (zones it creates)
  /// Addresses of the servers that serve the zone ("127.0.0.1@5301"); empty:
  /// look the NS names up (below). For an emulator that serves no DNS.
  std::vector<std::string> server_addresses{};
  /// Resolvers to look the NS names up with (the plan's verification
  /// resolvers); empty: getaddrinfo. The lab's NS names exist only in the
  /// lab's own root and TLD, which its resolver knows and the system's does not.
  std::vector<std::string> address_resolvers{};
  dns::ProbeOptions address_lookup{};
  aws::route53::WaitOptions wait{};         // how GetChange is polled until INSYNC
  std::optional<std::string> account_id{};  // the plan's; absent: asked of STS when capabilities() needs it
};

/// A DnsProvider over one Route 53 hosted zone. Errors are Provider errors
/// carrying the AWS code and message.
class Route53ZoneProvider final : public DnsProvider {
 public:
  /// Keeps `session` alive; sends nothing until a method is called.
  Route53ZoneProvider(std::shared_ptr<aws::Session> session, Route53ZoneOptions options);

  const dns::DomainName& zone_name() const override { return options_.name; }
  /// An existing zone: GetHostedZone answers. A created one: a zone of this
  /// name with our CallerReference exists.
  Result<bool> exists() override;
  /// CreateHostedZone with `caller_reference` (an existing zone with it is
  /// reused), then waits until the creation is INSYNC. For a zone given by
  /// id: success when it exists, else a Provider error (nothing is created).
  Result<void> create(std::string_view caller_reference) override;
  /// Deletes every record set but the apex NS and SOA (aliases and routing
  /// policies included), then the zone. Success when the zone is gone already.
  Result<void> remove() override;
  /// Every record set, apex NS and SOA, aliases and routing-policy sets
  /// included (an alias into this zone as a same-zone alias).
  Result<std::vector<Rrset>> list() override;
  /// CREATEs, UPSERTs and DELETEs in batches within Route 53's limits, each
  /// waited INSYNC before the next; same-zone aliases point at this zone.
  Result<void> apply(const std::vector<RrsetChange>& changes, std::string_view comment) override;
  /// Aliases, routing policies, Route 53's record types, the account id
  /// (the options', else STS GetCallerIdentity once; Provider error when STS
  /// fails), and whether an existing zone is private (GetHostedZone).
  Result<ZoneCapabilities> capabilities() override;
  /// The delegation set of GetHostedZone.
  Result<std::vector<dns::DomainName>> nameservers() override;
  /// The explicit addresses given at construction, else the addresses of the
  /// NS names (through `address_resolvers`, else getaddrinfo; IPv4 and IPv6);
  /// Provider error when a name has none, and Invalid for a private zone
  /// (no server outside its VPCs answers for it: nothing to ask).
  Result<std::vector<std::string>> server_addresses() override;
  /// The health checks of the session's account.
  HealthChecks* health_checks() override { return &health_checks_; }

 private:
  /// The zone's id: the configured one, or found by name and CallerReference
  /// (nullopt when the plan has not created it yet).
  Result<std::optional<aws::route53::HostedZoneId>> zone_id();
  Result<aws::route53::HostedZoneId> require_zone_id();
  /// True for an existing private zone; false for a public one or one not created yet.
  Result<bool> is_private();

  std::shared_ptr<aws::Session> session_{};
  aws::route53::Client client_;
  Route53ZoneOptions options_{};
  std::optional<aws::route53::HostedZoneId> known_id_{};
  std::optional<std::string> account_id_{};
  std::optional<bool> private_{};
  Route53HealthChecks health_checks_;
};

}  // namespace cutover::planner
