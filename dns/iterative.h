#pragma once
// Iterative resolution from root hints, the way a resolver does it but
// without a cache worth the name and without trusting any recursive server:
// used to find a zone's parent servers and the addresses of name servers.

#include <map>
#include <optional>
#include <vector>

#include "dns/domain_name.h"
#include "dns/message.h"
#include "dns/probe_options.h"
#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns {

/// A name server: its name when known (given addresses have none) and one address.
struct NameServer {
  std::optional<DomainName> name{};
  ServerAddress address{};
};

/// The zone that delegates a zone, and the addresses of its servers.
struct ParentServers {
  DomainName parent_zone{};
  std::vector<NameServer> servers{};
};

/// Walks the tree from the root servers. Each level's servers are asked in
/// parallel; the first useful reply in server order wins.
class Iterator {
 public:
  /// `roots`: the root servers' addresses (see read_root_hints).
  Iterator(std::vector<ServerAddress> roots, ProbeOptions options);

  /// The servers of the zone that delegates `zone`. Fails NotFound when a
  /// server says the name does not exist, Timeout when no server of a level
  /// answers, Protocol on a referral that does not lead down.
  Result<ParentServers> find_parent(const DomainName& zone);

  /// The zone that `name` belongs to (its closest enclosing zone cut) and that
  /// zone's parent servers. Fails like find_parent().
  Result<ParentServers> find_zone_of(const DomainName& name, DomainName& zone);

  /// IPv4 and IPv6 addresses of `host` (CNAMEs followed). Fails NotFound when
  /// it has none, Timeout when a level does not answer. Results are cached.
  Result<std::vector<ServerAddress>> resolve(const DomainName& host);

  /// Name servers for NS names: addresses from `glue` when it has them,
  /// resolved otherwise. Names that do not resolve are left out (and named in `unresolved`).
  std::vector<NameServer> servers_for(const std::vector<DomainName>& names, const std::vector<Record>& glue,
                                      std::vector<DomainName>* unresolved = nullptr);

 private:
  struct Step {
    DomainName zone{};  // the zone whose servers gave `outcome`
    std::vector<NameServer> servers{};
    DomainName parent_zone{};  // the zone above it and its servers (the roots at the top)
    std::vector<NameServer> parent_servers{};
    Outcome outcome{};
  };
  Result<Step> descend(const Question& question, bool stop_at_delegation);
  Result<Outcome> ask_first(const std::vector<NameServer>& servers, const Question& question);

  std::vector<ServerAddress> roots_{};
  ProbeOptions options_{};
  std::map<DomainName, std::vector<ServerAddress>> cache_{};
  int depth_{0};
};

/// The NS names of `owner` in `records`, sorted and distinct.
std::vector<DomainName> ns_names(const std::vector<Record>& records, const DomainName& owner);

}  // namespace cutover::dns
