#pragma once
// The DNS provider interface the executor sees: a zone it can list, change,
// create and delete. Implementations: Route 53 (over aws/) and RFC 2136
// (dynamic UPDATE with TSIG and AXFR, over dns/); tests use an in-memory fake.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"
#include "planner/providers/health_checks.h"
#include "planner/providers/rrset.h"
#include "planner/result.h"

namespace cutover::planner {

/// What a zone can hold beyond plain RRsets (copy_review.h refuses the rest
/// before a copy runs, rather than letting it fail half-way).
struct ZoneCapabilities {
  bool aliases{false};        // alias record sets (Route 53)
  bool routing{false};        // routing policies: weighted, latency, failover, geolocation, geoproximity, multivalue, CIDR
  bool health_checks{false};  // record sets may name health checks of the account (Route 53)
  std::optional<std::vector<dns::RecordType>> types{};  // the record types accepted; nullopt: any
  /// The account whose resources (health checks, CIDR collections) its record
  /// sets can name: Route 53's AWS account id; "" for a provider without them.
  std::string account{};
  /// A Route 53 private hosted zone: only the resolvers of its VPCs answer
  /// for it; Route 53's name servers know nothing of it.
  bool private_zone{false};
};

class DnsProvider {
 public:
  virtual ~DnsProvider() = default;

  /// The zone's apex.
  virtual const dns::DomainName& zone_name() const = 0;
  /// True when the zone exists at the provider (for a created zone: found by
  /// its caller reference). Fails only when the provider cannot be asked.
  virtual Result<bool> exists() = 0;
  /// Creates the zone; idempotent: an existing zone with this reference is reused.
  virtual Result<void> create(std::string_view caller_reference) = 0;
  /// Deletes the zone (its records first). Providers that cannot delete zones
  /// fail with Unsupported.
  virtual Result<void> remove() = 0;
  /// Every RRset of the zone, apex NS and SOA included.
  virtual Result<std::vector<Rrset>> list() = 0;
  /// Applies `changes` (as one batch where the provider can) and returns when
  /// the change is in sync on the provider's servers.
  virtual Result<void> apply(const std::vector<RrsetChange>& changes, std::string_view comment) = 0;
  /// What the zone can hold. Fails only when the provider cannot be asked
  /// (Route 53: which account the credentials are, when the plan does not say).
  virtual Result<ZoneCapabilities> capabilities() = 0;
  /// The zone's published name servers.
  virtual Result<std::vector<dns::DomainName>> nameservers() = 0;
  /// Addresses ("192.0.2.1", "127.0.0.1@5353") of every authoritative server
  /// to verify; resolved from the NS names where the provider gives no addresses.
  virtual Result<std::vector<std::string>> server_addresses() = 0;
  /// The health checks of the zone's account, which its record sets can
  /// name; nullptr for a provider without them (RFC 2136).
  virtual HealthChecks* health_checks() { return nullptr; }
};

}  // namespace cutover::planner
