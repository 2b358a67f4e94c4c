#include "aws/route53_health_status.h"

#include <algorithm>

#include "aws/uri.h"
#include "aws/xml.h"

namespace cutover::aws::route53 {

std::size_t HealthCheckStatus::succeeding() const {
  return static_cast<std::size_t>(std::ranges::count_if(observations, [](const HealthObservation& o) { return o.success; }));
}

bool HealthCheckStatus::healthy() const {
  if (observations.empty()) return false;
  // 18 % of the checkers, compared in integers: succeeding / total > 0.18.
  return succeeding() * 100 > observations.size() * 18;
}

std::string health_check_status_path(std::string_view id) { return "/2013-04-01/healthcheck/" + uri_encode(id) + "/status"; }

Result<HealthCheckStatus> parse_health_check_status(std::string_view xml) {
  return read_root<HealthCheckStatus>(xml, "GetHealthCheckStatusResponse", [](const tinyxml2::XMLElement* root) {
    HealthCheckStatus status;
    for (const auto* o : children(child(root, "HealthCheckObservations"), "HealthCheckObservation")) {
      const auto* report = child(o, "StatusReport");
      HealthObservation observation{.region = child_text(o, "Region"),
                                    .ip_address = child_text(o, "IPAddress"),
                                    .status = child_text(report, "Status"),
                                    .checked_time = child_text(report, "CheckedTime")};
      observation.success = observation.status.starts_with("Success");
      status.observations.push_back(std::move(observation));
    }
    return status;
  });
}

Result<HealthCheckStatus> HealthStatusClient::get_health_check_status(std::string_view id) const {
  auto response = client_.call({.operation = "GetHealthCheckStatus", .method = "GET", .path = health_check_status_path(id)});
  if (!response) return std::unexpected(response.error());
  return parse_health_check_status(response->body);
}

}  // namespace cutover::aws::route53
