#pragma once
// The services cutover talks to, with what identifies them: signing
// name, wire protocol, the names used by endpoint overrides, and the default
// endpoint (aws-apis.md, sections 1 and 8).

#include <string>
#include <string_view>

#include "aws/error_parse.h"

namespace cutover::aws {

/// A service cutover calls.
enum class Service { Route53, Route53Domains, Rds, Sts, CloudWatch };

/// Fixed facts about a service.
struct ServiceInfo {
  std::string_view service_id{};    // "Route 53"
  std::string_view env_suffix{};    // "ROUTE_53" in AWS_ENDPOINT_URL_ROUTE_53
  std::string_view config_key{};    // "route_53" in a [services ...] section
  std::string_view signing_name{};  // "route53"
  Protocol protocol{Protocol::Query};
  bool global{false};  // signed for us-east-1 whatever the region
};

/// The facts for a service.
const ServiceInfo& service_info(Service service);

/// The AWS endpoint when nothing overrides it ("https://rds.eu-west-1.amazonaws.com").
std::string default_endpoint(Service service, std::string_view region);

}  // namespace cutover::aws
