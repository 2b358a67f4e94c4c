#pragma once
// What a weighted shift puts in steps: the action that sets the weights of a
// name's weighted record sets, and what its gates compare with.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"
#include "planner/providers/rrset.h"

namespace cutover::planner {

/// One weighted record set with the weight it must have.
struct WeightedRecord {
  std::string set_identifier{};
  std::uint32_t weight{0};
  std::vector<std::string> values{};   // a plain set's values
  std::optional<AliasTarget> alias{};  // or an alias
  std::string health_check_id{};
  /// What DNS answers for this set (the values, or what the alias resolves to).
  std::vector<std::string> answers{};
};

/// Makes the weighted sets of name/type in `zone` hold exactly `sets` (check
/// before act: only the sets that differ are sent) and removes the sets named
/// in `remove`. A plain (unweighted) set at name/type is replaced in the same
/// change batch, so resolvers go from its answer to the weighted ones at once.
struct SetWeights {
  std::string zone{};
  dns::DomainName name{};
  dns::RecordType type{dns::RecordType::A};
  std::uint32_t ttl{60};
  std::vector<WeightedRecord> sets{};
  std::vector<std::string> remove{};  // set identifiers to delete
  std::string comment{};
};

/// What the weight gates compare with: the sets and weights of one step.
struct WeightCheck {
  std::vector<WeightedRecord> sets{};
  std::uint32_t samples_per_server{200};
};

/// "blue 90 / green 10".
std::string weights_text(const std::vector<WeightedRecord>& sets);

}  // namespace cutover::planner
