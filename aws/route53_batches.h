#pragma once
// Splitting a list of record changes into ChangeResourceRecordSets batches
// filled to the documented limits (aws-apis.md 3.1): at most 1,000
// ResourceRecord elements and 32,000 value characters per request, an UPSERT
// counting twice, a CREATE or DELETE once. The current quota page has no
// limit on the number of Change elements (the older text's 100 is gone), so
// fewer, fuller requests mean fewer INSYNC waits.
// Order matters across batches: alias targets are created before the aliases
// that point at them, and aliases are deleted before their targets.

#include <cstddef>
#include <optional>
#include <vector>

#include "aws/result.h"
#include "aws/route53_types.h"

namespace cutover::aws::route53 {

/// Per-request limits.
struct BatchLimits {
  /// A cap on Change elements per request: none by default. Only for
  /// comparisons with tools that send 100 per request (bench/aws).
  std::optional<size_t> max_changes{};
  size_t max_records{1000};
  size_t max_value_chars{32000};
};

/// What one change costs against the limits: its ResourceRecord elements
/// (an alias counts as one) and Value characters, doubled for an UPSERT.
struct ChangeCost {
  size_t records{0};
  size_t value_chars{0};
};

/// The cost of a change.
ChangeCost cost_of(const Change& change);

/// The changes reordered so that no alias is created before a record it
/// targets in the same list, nor a target deleted before its alias.
std::vector<Change> order_changes(std::vector<Change> changes);

/// True when the batch `later` should not be submitted before `earlier` is
/// INSYNC: an alias of `later` targets a name `earlier` changes, or `later`
/// changes a name an alias of `earlier` targets. Route 53 checks an alias's
/// target when the alias is submitted; whether a target still PENDING
/// counts is not documented, so the order is not left to chance.
bool depends_on(const std::vector<Change>& later, const std::vector<Change>& earlier);

/// Ordered changes cut into batches, each filled until the next change would
/// exceed a limit; Invalid, naming the record, when a single change exceeds
/// them on its own.
Result<std::vector<std::vector<Change>>> split_into_batches(std::vector<Change> changes, const BatchLimits& limits = {});

}  // namespace cutover::aws::route53
