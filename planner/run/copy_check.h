#pragma once
// A CopyRecords action looked at before it runs: both zones listed, the
// copy reviewed (copy_review.h), the changes it needs. The action runner
// refuses a copy with refusals; live planning shows the inventory of every
// copy step and refuses the plan (exit 2) before anything runs.

#include <optional>
#include <string>
#include <vector>

#include "planner/plan/plan.h"
#include "planner/providers/copy_review.h"
#include "planner/providers/provider_set.h"
#include "planner/steps/facts.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

/// A copy reviewed against the zones as they are now.
struct CheckedCopy {
  CopyReview review{};
  /// What makes the target hold the copy (empty: in effect); health checks
  /// named by their copies in the target account where those exist.
  std::vector<RrsetChange> changes{};
  CheckTree source_checks{};                 // read when the copy recreates checks
  std::vector<std::string> not_recreated{};  // source checks whose copy does not exist (yet)
};

/// Lists `from` and `to` and reviews the copy. When the copy recreates
/// health checks (copy.health_check_prefix) and the accounts differ, the
/// source's checks are read and the copied sets name the target's copies. A target that does not exist
/// yet counts as empty when `target_may_be_missing` (planning before the step
/// that creates it); otherwise listing it must succeed. Provider errors pass through.
Result<CheckedCopy> check_copy(const CopyRecords& copy, DnsProvider& from, DnsProvider& to, bool target_may_be_missing);

/// An Invalid error naming every refused record set, why, and what to do:
/// "copy of zone 'old' into 'new' refused: 2 record sets cannot be carried".
Error copy_refused(const CopyRecords& copy, const std::vector<CopyRefusal>& refusals, const std::string& step = {});

/// The inventory of every copy step of `graph` (forward actions) for live
/// planning. Fails (Invalid) with every refusal of every step, so the plan is
/// refused before anything runs; with a provider's error when one cannot be
/// asked. A copy whose source zone does not exist yet is noted, not listed
/// (the action checks it again when it runs).
Result<std::vector<CopyPreview>> preview_copies(const StepGraph& graph, ProviderSet& providers);

}  // namespace cutover::planner
