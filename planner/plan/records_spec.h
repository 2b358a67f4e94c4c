#pragma once
// The `records` strategy as the plan file states it (S5: names in bulk): record
// sets to create, change or delete in one zone, listed one by one or as a
// matrix ("{env}-{app}.dev.example.com" over envs and apps). Templates stay
// text here; records_matrix.h expands them into record sets.

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dns/record_type.h"

namespace cutover::planner {

/// A Route 53 alias as the plan gives it. Without a hosted zone id the target
/// is a record of the same zone.
struct AliasSpec {
  std::string target{};  // may use the matrix's variables
  std::optional<std::string> hosted_zone_id{};
  bool evaluate_target_health{false};
};

/// One entry of "records": a name (and values) that may use variables; it
/// stands for one record set per combination of the variables it uses.
struct RecordTemplate {
  std::string name{};
  dns::RecordType type{dns::RecordType::CNAME};
  std::uint32_t ttl{300};
  std::vector<std::string> values{};  // empty for an alias
  std::optional<AliasSpec> alias{};
};

/// One entry of "delete": a record set named explicitly (never a template:
/// a matrix that deletes could remove names nobody listed).
struct RecordDeletion {
  std::string name{};
  dns::RecordType type{dns::RecordType::CNAME};
};

/// octoDNS's rule: a change that touches more than `max_percent` of the
/// record sets a zone already holds is refused, when it holds at least
/// `min_existing` (small zones change wholesale by nature).
struct LargeChangeRule {
  double max_percent{30.0};
  std::size_t min_existing{10};
  bool allowed{false};  // --allow-large-change
  friend bool operator==(const LargeChangeRule&, const LargeChangeRule&) = default;
};

struct BulkRecords {
  std::string zone{};                                        // key into Plan::zones
  std::map<std::string, std::vector<std::string>> matrix{};  // variable -> values, in order
  std::vector<RecordTemplate> records{};
  std::vector<RecordDeletion> deletions{};
  LargeChangeRule large_change{};
};

}  // namespace cutover::planner
