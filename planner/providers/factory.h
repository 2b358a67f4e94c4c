#pragma once
// Builds the real providers a plan names: the only place that knows the
// concrete adapters (Route 53, RFC 2136, Route 53 Domains, RDS).

#include <filesystem>

#include "planner/plan/plan.h"
#include "planner/providers/provider_set.h"
#include "planner/result.h"

namespace cutover::planner {

/// One provider per zone, the registrar, and per account the Route 53 Domains
/// and RDS clients the strategies need. Relative files (TSIG keys) are read
/// from `plan_dir`. Fails naming the zone or account that cannot be set up.
Result<ProviderSet> build_providers(const Plan& plan, const std::filesystem::path& plan_dir);

}  // namespace cutover::planner
