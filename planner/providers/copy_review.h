#pragma once
// Before a copy of record sets runs: what it carries, by kind, and what it
// cannot carry into the target, each refused by name with the reason and
// what the user can do. Pure functions over listings and the two zones'
// capabilities; the copy action and live planning both call them, so a plan
// made offline cannot slip a refused set through at apply time.

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "planner/providers/dns_provider.h"
#include "planner/providers/health_checks.h"
#include "planner/providers/rrset.h"

namespace cutover::planner {

/// A record set the copy will not carry.
struct CopyRefusal {
  RrsetKey set{};
  std::string why{};     // "made by traffic policy instance 'tp-1'"
  std::string remedy{};  // what the user can do about it
};

/// "www.example.com. A set 'eu': why; remedy".
std::string to_string(const CopyRefusal& refusal);

/// What a copy carries: record sets by routing kind ("simple", "weighted",
/// "latency", "failover", "geolocation", "geoproximity", "multivalue",
/// "cidr"), how many of them are aliases, and the health checks referenced.
struct CopyInventory {
  std::size_t sets{0};
  std::map<std::string, std::size_t> by_kind{};
  std::size_t aliases{0};
  std::set<std::string> health_checks{};
  /// The checks recreated in the target account ("id: summary"), children included.
  std::vector<std::string> recreated_checks{};
  friend bool operator==(const CopyInventory&, const CopyInventory&) = default;
};

/// "simple", "weighted", ... for `rrset` (see CopyInventory).
std::string routing_kind(const Rrset& rrset);

/// "12 record sets: 8 simple, 2 weighted, 2 failover; 3 aliases; health checks: hc-1".
std::string to_string(const CopyInventory& inventory);

/// What review_copy looks at.
struct CopyReviewInput {
  const std::vector<Rrset>& copied;  // rrsets_to_copy() of the source
  const std::vector<Rrset>& target;  // the target zone now (empty when not created yet)
  const dns::DomainName& to_apex;
  const ZoneCapabilities& from;
  const ZoneCapabilities& to;
  /// The source account's checks the copied sets name, children included
  /// (read_check_tree); null when they were not read (same account).
  const CheckTree* source_checks{nullptr};
  /// The copy recreates the checks in the target account (CopyHealthChecks
  /// runs before it); otherwise a check of another account is refused.
  bool recreates_checks{false};
};

struct CopyReview {
  CopyInventory inventory{};
  std::vector<CopyRefusal> refusals{};  // in the order of `copied`
};

/// The inventory of `copied` and every refusal: traffic-policy sets; aliases,
/// routing sets or types the target cannot hold; health checks of another
/// account that the copy does not recreate or that cannot be recreated
/// (CloudWatch alarms, routing controls, missing checks); CIDR collections
/// of another account; same-zone aliases whose target is not in
/// the target zone after the copy; sets the target holds at a copied name
/// and type under another set identifier (Route 53 would refuse the batch).
CopyReview review_copy(const CopyReviewInput& input);

}  // namespace cutover::planner
