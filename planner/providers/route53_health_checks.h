#pragma once
// HealthChecks over the Route 53 API of one account.

#include "aws/route53.h"
#include "planner/providers/health_checks.h"

namespace cutover::planner {

/// The health checks of the account `client` signs for. Errors are Provider
/// errors carrying the AWS code (Fault::NotFound for a missing check).
class Route53HealthChecks final : public HealthChecks {
 public:
  explicit Route53HealthChecks(aws::route53::Client client) : client_(std::move(client)) {}

  Result<HealthCheckConfig> get(const std::string& id) override;
  Result<std::vector<HealthCheckRef>> list() override;
  Result<std::string> create(const std::string& caller_reference, const HealthCheckConfig& config) override;
  Result<void> remove(const std::string& id) override;

 private:
  aws::route53::Client client_;
};

}  // namespace cutover::planner
