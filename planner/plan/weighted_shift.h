#pragma once
// The plan model of a weighted shift (S5): a name in a Route 53 zone moves
// from one target to another through the weight steps the plan gives, one
// weighted record set per target, each step verified before the next.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"

namespace cutover::planner {

/// An alias target of a weighted set (Route 53 AliasTarget).
struct ShiftAlias {
  dns::DomainName name{};
  std::string hosted_zone_id{};
  bool evaluate_target_health{false};
};

/// One side of the shift: the weighted record set that answers for it.
struct ShiftTarget {
  std::string set_identifier{};
  std::vector<std::string> values{};  // a plain set's values
  std::optional<ShiftAlias> alias{};  // or an alias
  /// What DNS answers for this target: the values of a plain set; for an
  /// alias the plan must say (the addresses its target resolves to).
  std::vector<std::string> answers{};
  std::string health_check_id{};  // HealthCheckId on the set; "" when none
};

/// One step: the weights of `from` and `to`, 0..255 each.
struct ShiftWeights {
  std::uint32_t from{0};
  std::uint32_t to{0};
  friend bool operator==(const ShiftWeights&, const ShiftWeights&) = default;
};

enum class ShiftFailure { Stop, Rollback };

struct WeightedShift {
  std::string zone{};
  dns::DomainName name{};
  dns::RecordType type{dns::RecordType::A};
  std::uint32_t ttl{60};
  ShiftTarget from{};
  ShiftTarget to{};
  std::vector<ShiftWeights> steps{};
  std::chrono::seconds soak{300};            // after each step's TTL, before the next
  std::uint32_t samples_per_server{200};     // DNS answers sampled from every authoritative server
  std::vector<std::string> health_checks{};  // must be healthy (GetHealthCheckStatus) before each step
  std::vector<std::string> alarms{};         // must not be in ALARM (CloudWatch DescribeAlarms)
  std::string monitor_account{};             // the account of both; default: the zone's account
  ShiftFailure on_failure{ShiftFailure::Stop};
  bool cleanup{false};  // delete the weight-0 set at the end, after its TTL
};

}  // namespace cutover::planner
