#pragma once
// Pure functions over RRset lists: what a copy must change, what is left
// under a name, whether changes are already in effect. The action runner
// calls them between a provider's list() and apply(); tests call them alone.

#include <optional>
#include <vector>

#include "planner/providers/rrset.h"

namespace cutover::planner {

struct CopyFilter {
  dns::DomainName from_apex{};
  dns::DomainName to_apex{};
  std::optional<dns::DomainName> only_below{};  // copy only names at or below this one
  std::vector<dns::DomainName> skip_below{};    // leave names at or below these to child zones
};

/// The RRsets of `source` that the copy carries: never SOA, never the NS
/// RRset at either apex (each zone keeps its own), filtered by the subtree rules.
std::vector<Rrset> rrsets_to_copy(const std::vector<Rrset>& source, const CopyFilter& filter);

/// The changes that make `target` hold every record set of `wanted`, matched
/// by name, type and set identifier: CREATE for a set `target` lacks (Route 53
/// counts it once against a request's quota, an UPSERT twice), UPSERT for one
/// that differs in anything (TTL, values, alias, routing, health check),
/// nothing for an identical one. (Route 53's batching puts aliases after the
/// sets they point at: aws/route53_batches.h.)
std::vector<RrsetChange> changes_to_hold(const std::vector<Rrset>& target, const std::vector<Rrset>& wanted);

/// The simple record set (no set identifier) at name/type in `zone`, if any.
std::optional<Rrset> find_rrset(const std::vector<Rrset>& zone, const dns::DomainName& name, dns::RecordType type);

/// The record set of `zone` with this identity, if any.
std::optional<Rrset> find_rrset(const std::vector<Rrset>& zone, const RrsetKey& key);

/// True when `zone` already reflects every change (CREATEs and UPSERTs present
/// as given, DELETEs absent), record sets matched by name, type and set identifier.
bool changes_in_effect(const std::vector<Rrset>& zone, const std::vector<RrsetChange>& changes);

/// True when two sets of the same identity hold the same: TTL, values (case
/// kept for TXT and SPF), alias, routing, health check and traffic policy.
bool same_content(const Rrset& a, const Rrset& b);

/// DELETEs for every RRset at or below `below`, except the NS RRset at `below` (the delegation).
std::vector<RrsetChange> deletions_below(const std::vector<Rrset>& zone, const dns::DomainName& below);

/// True when two value lists hold the same values, ignoring order and letter case.
bool same_values(const std::vector<std::string>& a, const std::vector<std::string>& b);

}  // namespace cutover::planner
