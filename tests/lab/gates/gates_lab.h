#pragma once
// GatesLab: the small DNS hierarchy the live gate checker is tested against,
// real Knot servers on 127.55.0.0/16 port 53 (a range of its own, so it never
// meets the DNS lab on 127.53/16): a root, the TLD `test.` (example.test
// delegated to the old servers; signed.test with a DS), the old and the new
// provider's servers for example.test, one more new server that serves a
// stale www, the child dev.example.test, Unbound as a resolver, and an
// address where nothing listens.
// The zones come from ZoneSpecs, which ServedZone also hands to the checker as
// a DnsProvider, so what the provider lists is exactly what the servers serve.
//
// Needs root or `unshare --user --map-root-user --net` (then `ip link set lo up`).

#include <string>
#include <vector>

#include "dns/result.h"
#include "planner/providers/dns_provider.h"
#include "tests/lab/common/server_lab.h"

namespace cutover::lab {

struct GatesAddresses {
  static constexpr const char* kRoot = "127.55.0.1";
  static constexpr const char* kTld1 = "127.55.1.1";
  static constexpr const char* kTld2 = "127.55.1.2";
  static constexpr const char* kOld1 = "127.55.10.1";
  static constexpr const char* kOld2 = "127.55.10.2";
  static constexpr const char* kNew1 = "127.55.20.1";
  static constexpr const char* kNew2 = "127.55.20.2";
  static constexpr const char* kNewStale = "127.55.20.3";  // serves www.example.test with 192.0.2.99
  static constexpr const char* kDev = "127.55.30.1";
  static constexpr const char* kVariants = "127.55.21.";  // + 1..n: the parity variants, one server each
  static constexpr const char* kDead = "127.55.99.1";     // nothing listens here
  static constexpr const char* kUnbound = "127.55.53.1";  // caching resolver from the lab's root
};

/// A zone: apex, published name servers, the servers to verify and the records
/// besides SOA and apex NS (presentation values).
struct ZoneSpec {
  std::string apex{};
  std::vector<std::string> nameservers{};
  std::vector<std::string> servers{};
  std::vector<planner::Rrset> records{};
};

/// example.test at the old provider (ns1/ns2.old-dns.test.), the new one
/// (ns1/ns2.new-dns.test.), and the new one with the stale server added.
ZoneSpec old_example();
ZoneSpec new_example();
ZoneSpec new_example_with_stale();
/// dev.example.test (ns1.dev-dns.test.).
ZoneSpec dev_example();

/// example.test at the new provider with one thing changed, served on a
/// server of its own: what each parity rule must catch (or let pass).
struct ParityVariant {
  std::string key{};  // "new-extra", "new-longer-ttl", ...
  ZoneSpec spec{};    // what the provider lists
  ZoneSpec served{};  // what the server serves: the spec, unless the variant is a server that strays from its listing
};
std::vector<ParityVariant> parity_variants();

/// The zone file of a spec: SOA, apex NS (TTL 10), then its records.
std::string zone_text(const ZoneSpec& spec);

/// A read-only DnsProvider over a spec: list(), nameservers() and
/// server_addresses() answer from it; changes fail with Unsupported.
class ServedZone final : public planner::DnsProvider {
 public:
  explicit ServedZone(ZoneSpec spec);
  const dns::DomainName& zone_name() const override { return apex_; }
  planner::Result<bool> exists() override { return true; }
  planner::Result<void> create(std::string_view) override;
  planner::Result<void> remove() override;
  planner::Result<std::vector<planner::Rrset>> list() override;
  planner::Result<void> apply(const std::vector<planner::RrsetChange>&, std::string_view) override;
  planner::Result<planner::ZoneCapabilities> capabilities() override { return planner::ZoneCapabilities{}; }
  planner::Result<std::vector<dns::DomainName>> nameservers() override;
  planner::Result<std::vector<std::string>> server_addresses() override { return spec_.servers; }

 private:
  ZoneSpec spec_;
  dns::DomainName apex_;
};

class GatesLab : public ServerLab {
 public:
  /// Writes the zones and configs to a temp dir, starts one knotd per role and
  /// Unbound, and waits until every address answers. Fails if anything listens on port 53
  /// of 127.55.x.y (or the wildcard), if knotd is missing or does not come up.
  dns::Result<void> start();
  /// The root hints file (the lab's root on 127.55.0.1).
  std::string root_hints() const { return dir_.path() + "/root.hints"; }
};

}  // namespace cutover::lab
