#pragma once
// Splitting a list of record changes into ChangeResourceRecordSets batches
// that respect the documented limits (aws-apis.md 3.1): at most 1,000
// ResourceRecord elements and 32,000 value characters per request, UPSERTs
// counting twice, and at most 100 changes (the older, stricter text).
// Order matters across batches: alias targets are created before the aliases
// that point at them, and aliases are deleted before their targets.

#include <cstddef>
#include <vector>

#include "aws/result.h"
#include "aws/route53_types.h"

namespace cutover::aws::route53 {

/// Per-request limits.
struct BatchLimits {
  size_t max_changes{100};
  size_t max_records{1000};
  size_t max_value_chars{32000};
};

/// What one change costs against the limits (UPSERT doubled).
struct ChangeCost {
  size_t records{0};
  size_t value_chars{0};
};

/// The cost of a change.
ChangeCost cost_of(const Change& change);

/// The changes reordered so that no alias is created before a record it
/// targets in the same list, nor a target deleted before its alias.
std::vector<Change> order_changes(std::vector<Change> changes);

/// Ordered changes cut into batches within the limits; Invalid when a single
/// change exceeds them on its own.
Result<std::vector<std::vector<Change>>> split_into_batches(std::vector<Change> changes, const BatchLimits& limits = {});

}  // namespace cutover::aws::route53
