#pragma once
// The DNS provider for a zone on standard servers (BIND, Knot, PowerDNS...):
// list() is a TSIG-signed AXFR from the first primary, apply() a TSIG-signed
// RFC 2136 UPDATE to it, after which it waits until every server of the zone
// answers the primary's new SOA serial (or a later one). Zones cannot be
// created or deleted this way: that is done on the servers.
//
//   auto zone = Rfc2136ZoneProvider::open(name, plan_zone_spec);
//   auto done = (*zone)->apply({{.kind = ChangeKind::Upsert, .rrset = www}}, "cutover");

#include <chrono>
#include <memory>

#include "dns/server_address.h"
#include "dns/tsig_key.h"
#include "dns/update.h"
#include "planner/clock.h"
#include "planner/plan/plan.h"
#include "planner/providers/dns_provider.h"

namespace cutover::planner {

/// How long apply() waits, and on which clock.
struct Rfc2136Options {
  std::chrono::seconds sync_timeout{30};         // every server at the new serial within this
  std::chrono::milliseconds poll_interval{100};  // between rounds of SOA queries
  std::chrono::seconds primary_settle{3};        // for the primary's serial to move after NOERROR
  std::chrono::milliseconds query_timeout{300};  // one SOA query (two attempts)
  Clock* clock{nullptr};                         // nullptr: the system clock
};

/// A plan's Rfc2136Zone as a DnsProvider (see the file comment for the calls it makes).
class Rfc2136ZoneProvider final : public DnsProvider {
 public:
  /// Reads the zone's TSIG key file and parses its addresses (a relative key
  /// path is taken as given: callers resolve it). Fails (Invalid) naming the
  /// key file or the address that is wrong, or when no primary is given.
  static Result<std::unique_ptr<Rfc2136ZoneProvider>> open(const dns::DomainName& zone, const Rfc2136Zone& spec,
                                                           const Rfc2136Options& options = {});

  /// The zone's apex, as given to open().
  const dns::DomainName& zone_name() const override { return zone_; }
  /// True when the first primary answers the zone's SOA authoritatively; false
  /// for any other answer. Fails (Provider) when the primary does not answer.
  Result<bool> exists() override;
  /// Succeeds when the zone exists on the primary; fails with Unsupported otherwise.
  Result<void> create(std::string_view caller_reference) override;
  /// Succeeds when the zone is gone from the primary; fails with Unsupported otherwise.
  Result<void> remove() override;
  /// Every RRset, by AXFR from the first primary. Fails (Provider) with the transfer's error.
  Result<std::vector<Rrset>> list() override;
  /// One UPDATE batch (UPSERT: delete the RRset, add the values; the apex NS
  /// record by record), then waits for every server. Fails (Provider) when
  /// the primary refuses (NOTAUTH, REFUSED, BADSIG named) or a server lags
  /// past the deadline (each one named with the serial it has); (Invalid) for
  /// a change to the SOA, a name outside the zone, or a value that does not parse.
  Result<void> apply(const std::vector<RrsetChange>& changes, std::string_view comment) override;
  /// Plain RRsets of any type: no aliases, no routing policies, no account.
  Result<ZoneCapabilities> capabilities() override { return ZoneCapabilities{}; }
  /// The plan's NS names; when the plan gives none, the primary's apex NS.
  Result<std::vector<dns::DomainName>> nameservers() override;
  /// The plan's server addresses; the primaries when it gives none.
  Result<std::vector<std::string>> server_addresses() override;

 private:
  Rfc2136ZoneProvider(dns::DomainName zone, dns::TsigKey key, std::vector<dns::ServerAddress> primaries,
                      std::vector<dns::ServerAddress> servers, std::vector<dns::DomainName> nameservers, const Rfc2136Options& options);
  Result<std::vector<dns::UpdateRecord>> update_records(const std::vector<RrsetChange>& changes);
  Result<std::vector<dns::DomainName>> primary_apex_ns();
  Result<std::uint32_t> primary_serial();
  Result<std::uint32_t> wait_primary_moved(std::uint32_t before, const std::vector<RrsetChange>& changes);
  Result<void> wait_in_sync(std::uint32_t serial);

  dns::DomainName zone_{};
  dns::TsigKey key_{};
  std::vector<dns::ServerAddress> primaries_{};
  std::vector<dns::ServerAddress> servers_{};
  std::vector<dns::DomainName> nameservers_{};
  Rfc2136Options options_{};
  std::unique_ptr<Clock> own_clock_{};
  Clock* clock_{nullptr};
};

}  // namespace cutover::planner
