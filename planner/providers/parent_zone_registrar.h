#pragma once
// The registrar for a domain delegated from a parent zone we hold: its
// delegation is the NS RRset at the domain's name in that zone (a
// sub-delegation, or the lab's TLD). Setting it is an UPSERT through the
// parent's DnsProvider, which returns once every parent server has it.
//
//   ParentZoneRegistrarProvider registrar(*providers.zones.at("tld"));
//   registrar.set_delegation(example, {ns1, ns2}, 0);   // 0 keeps the current TTL

#include <cstdint>
#include <vector>

#include "planner/providers/dns_provider.h"
#include "planner/providers/registrar.h"

namespace cutover::planner {

/// A plan's ParentZoneRegistrar as a Registrar over the parent zone's DnsProvider.
class ParentZoneRegistrarProvider final : public Registrar {
 public:
  /// TTL of a new delegation when the caller gives 0 and the parent has none yet.
  static constexpr std::uint32_t kDefaultTtl = 3600;

  /// `parent` must outlive this registrar (both live in one ProviderSet).
  explicit ParentZoneRegistrarProvider(DnsProvider& parent) : parent_(parent) {}

  /// The NS names at `domain` in the parent zone; empty when it is not
  /// delegated. Fails (Invalid) when `domain` is not strictly below the
  /// parent's apex, (Provider) when the parent cannot be listed.
  Result<std::vector<dns::DomainName>> delegation(const dns::DomainName& domain) override;
  /// UPSERTs the NS RRset at `domain` with `nameservers` and `ttl` (0: keep
  /// the current TTL, kDefaultTtl for a new delegation); does nothing when the
  /// parent already holds exactly that. Fails (Invalid) for an empty set or a
  /// domain not below the parent, (Provider) with the parent's error.
  Result<void> set_delegation(const dns::DomainName& domain, const std::vector<dns::DomainName>& nameservers, std::uint32_t ttl) override;

 private:
  Result<void> check_below(const dns::DomainName& domain) const;

  DnsProvider& parent_;
};

}  // namespace cutover::planner
