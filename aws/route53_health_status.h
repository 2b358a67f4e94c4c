#pragma once
// Route 53 GetHealthCheckStatus: what the health checkers see now, and
// whether Route 53 counts the check healthy (more than 18 % of the checkers
// report success, as the Route 53 Developer Guide, "How Amazon Route 53
// determines whether a health check is healthy", states for endpoint checks).
//
//   route53::HealthStatusClient hc(session.service_client(Service::Route53));
//   auto status = hc.get_health_check_status("abcdef11-2222-3333-4444-555555fedcba");

#include <string>
#include <string_view>
#include <vector>

#include "aws/result.h"
#include "aws/service_client.h"

namespace cutover::aws::route53 {

/// One checker's last report.
struct HealthObservation {
  std::string region{};
  std::string ip_address{};
  std::string status{};  // "Success: HTTP Status Code 200, OK" / "Failure: ..."
  std::string checked_time{};
  bool success{false};  // the status starts with "Success"
};

struct HealthCheckStatus {
  std::vector<HealthObservation> observations{};
  /// How many checkers report success.
  std::size_t succeeding() const;
  /// Route 53's verdict: more than 18 % of the observations succeed. False
  /// when there is no observation (nothing says it is healthy).
  bool healthy() const;
};

/// The GET path of GetHealthCheckStatus for `id`.
std::string health_check_status_path(std::string_view id);
/// Parses GetHealthCheckStatusResponse; Corrupt when it is not one.
Result<HealthCheckStatus> parse_health_check_status(std::string_view xml);

/// GetHealthCheckStatus over a Route 53 ServiceClient.
class HealthStatusClient {
 public:
  explicit HealthStatusClient(ServiceClient client) : client_(std::move(client)) {}
  /// The check's observations; NotFound (NoSuchHealthCheck) when it does not exist.
  Result<HealthCheckStatus> get_health_check_status(std::string_view id) const;

 private:
  ServiceClient client_;
};

}  // namespace cutover::aws::route53
