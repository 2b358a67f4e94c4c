#pragma once
// Route 53 health checks: account resources that record sets name by id
// (HealthCheckId). A copy into another account recreates each one there
// with the same configuration; these are the values and their XML.
//
//   auto check = r53.get_health_check("abcd-...");
//   auto made = r53.create_health_check("cutover-hc-...", check->config);   // a rerun gets the same check
//   r53.delete_health_check(made->id);

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/result.h"

namespace cutover::aws::route53 {

/// The CloudWatch alarm a CLOUDWATCH_METRIC check watches.
struct AlarmIdentifier {
  std::string region{};
  std::string name{};
  friend bool operator==(const AlarmIdentifier&, const AlarmIdentifier&) = default;
};

/// HealthCheckConfig as Route 53 returns it: absent fields stay absent, so
/// a config read from one account is created in another field for field.
struct HealthCheckConfig {
  std::string type{};  // HTTP, HTTPS, HTTP_STR_MATCH, HTTPS_STR_MATCH, TCP, CALCULATED, CLOUDWATCH_METRIC, RECOVERY_CONTROL
  std::string ip_address{};
  std::optional<long> port{};
  std::string resource_path{};
  std::string fqdn{};
  std::string search_string{};
  std::optional<long> request_interval{};
  std::optional<long> failure_threshold{};
  std::optional<bool> measure_latency{};
  std::optional<bool> inverted{};
  std::optional<bool> disabled{};
  std::optional<long> health_threshold{};
  std::vector<std::string> child_health_checks{};  // ids, for CALCULATED
  std::optional<bool> enable_sni{};
  std::vector<std::string> regions{};
  std::optional<AlarmIdentifier> alarm{};
  std::string insufficient_data_health_status{};
  std::string routing_control_arn{};
  friend bool operator==(const HealthCheckConfig&, const HealthCheckConfig&) = default;
};

/// A health check of the account.
struct HealthCheck {
  std::string id{};
  std::string caller_reference{};
  HealthCheckConfig config{};
};

/// One page of ListHealthChecks.
struct HealthCheckPage {
  std::vector<HealthCheck> checks{};
  bool truncated{false};
  std::string next_marker{};
};

/// CreateHealthCheckRequest, elements in the API model's order.
std::string create_health_check_body(std::string_view caller_reference, const HealthCheckConfig& config);
/// The HealthCheck of CreateHealthCheckResponse or GetHealthCheckResponse.
Result<HealthCheck> parse_health_check(std::string_view xml, std::string_view root);
/// ListHealthChecksResponse.
Result<HealthCheckPage> parse_health_check_page(std::string_view xml);

}  // namespace cutover::aws::route53
