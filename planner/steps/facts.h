#pragma once
// The facts the strategies plan with: observed by live planning, or taken
// from the plan's "assume" section offline. Each carries where it came from,
// so that a wait can say "observed at 4/4 parent servers" or "assumed".

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "planner/plan/plan.h"
#include "planner/providers/copy_review.h"
#include "planner/result.h"

namespace cutover::planner {

struct TtlFact {
  std::uint32_t value{0};
  std::string source{};  // "assumed (offline)", "observed at 4/4 parent servers"
};

/// What a copy step will carry, as live planning saw the source zone.
struct CopyPreview {
  std::string step{};  // step id
  std::string from_zone{};
  std::string to_zone{};
  std::optional<CopyInventory> inventory{};  // absent when the source could not be listed yet
  std::string note{};                        // why there is no inventory
};

struct Facts {
  TtlFact parent_ns_ttl{};
  std::map<std::string, TtlFact> zone_ns_ttl{};  // by zone key
  TtlFact max_record_ttl{};
  TtlFact db_pointer_ttl{};
  bool ds_at_parent{false};
  std::string ds_source{};
  std::set<std::string> done_steps{};  // step ids already done (live planning)
  std::vector<CopyPreview> copies{};   // every copy step's inventory (live planning)
  bool offline{true};

  /// The NS TTL of zone `key` (assumed value when nothing was observed for it).
  TtlFact zone_ttl(const std::string& key) const;
};

/// Facts from the plan's "assume" section, for offline planning.
Facts assumed_facts(const Plan& plan);

/// Facts as flat journal data, and back. The TTLs a run started with must
/// survive reruns: after the NS TTL is lowered, observing it again would give
/// the lowered value and shorten the wait that protects the old one.
std::map<std::string, std::string> facts_to_data(const Facts& facts);
/// Fails (Corrupt) when a value does not parse.
Result<Facts> facts_from_data(const std::map<std::string, std::string>& data);

}  // namespace cutover::planner
