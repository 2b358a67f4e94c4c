#include "planner/providers/route53_health_checks.h"

#include "planner/providers/route53_records.h"

namespace cutover::planner {

Result<HealthCheckConfig> Route53HealthChecks::get(const std::string& id) {
  auto check = client_.get_health_check(id);
  if (!check) return std::unexpected(provider_error("reading health check " + id, check.error()));
  return std::move(check->config);
}

Result<std::vector<HealthCheckRef>> Route53HealthChecks::list() {
  auto checks = client_.list_all_health_checks();
  if (!checks) return std::unexpected(provider_error("listing health checks", checks.error()));
  std::vector<HealthCheckRef> out;
  for (auto& check : *checks) out.push_back({.id = std::move(check.id), .caller_reference = std::move(check.caller_reference)});
  return out;
}

Result<std::string> Route53HealthChecks::create(const std::string& caller_reference, const HealthCheckConfig& config) {
  auto check = client_.create_health_check(caller_reference, config);
  if (!check) return std::unexpected(provider_error("creating health check " + caller_reference, check.error()));
  return std::move(check->id);
}

Result<void> Route53HealthChecks::remove(const std::string& id) {
  auto deleted = client_.delete_health_check(id);
  if (!deleted) return std::unexpected(provider_error("deleting health check " + id, deleted.error()));
  return {};
}

}  // namespace cutover::planner
