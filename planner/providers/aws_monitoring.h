#pragma once
// Monitoring over AWS: GetHealthCheckStatus (Route 53) and DescribeAlarms
// (CloudWatch) with the account's session.

#include <memory>
#include <string>

#include "planner/plan/plan.h"
#include "planner/providers/aws_providers.h"
#include "planner/providers/monitoring.h"

namespace cutover::planner {

/// Monitoring of account `account_key`; Invalid for an unknown account.
Result<std::unique_ptr<Monitoring>> aws_monitoring(const Plan& plan, const std::string& account_key, AwsSessions& sessions);

/// Every account whose monitoring the plan's weighted shifts ask (health checks or alarms).
std::vector<std::string> monitored_accounts(const Plan& plan);

}  // namespace cutover::planner
