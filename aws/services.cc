#include "aws/services.h"

namespace cutover::aws {

const ServiceInfo& service_info(Service service) {
  static const ServiceInfo kRoute53{"Route 53", "ROUTE_53", "route_53", "route53", Protocol::RestXml, true};
  static const ServiceInfo kDomains{"Route 53 Domains", "ROUTE_53_DOMAINS", "route_53_domains", "route53domains", Protocol::Json, true};
  static const ServiceInfo kRds{"RDS", "RDS", "rds", "rds", Protocol::Query, false};
  static const ServiceInfo kSts{"STS", "STS", "sts", "sts", Protocol::Query, false};
  static const ServiceInfo kCloudWatch{"CloudWatch", "CLOUDWATCH", "cloudwatch", "monitoring", Protocol::Query, false};
  switch (service) {
    case Service::Route53: return kRoute53;
    case Service::Route53Domains: return kDomains;
    case Service::Rds: return kRds;
    case Service::Sts: return kSts;
    case Service::CloudWatch: return kCloudWatch;
  }
  return kSts;
}

std::string default_endpoint(Service service, std::string_view region) {
  switch (service) {
    case Service::Route53: return "https://route53.amazonaws.com";
    case Service::Route53Domains: return "https://route53domains.us-east-1.amazonaws.com";
    case Service::Rds: return "https://rds." + std::string(region) + ".amazonaws.com";
    case Service::Sts: return "https://sts." + std::string(region) + ".amazonaws.com";
    case Service::CloudWatch: return "https://monitoring." + std::string(region) + ".amazonaws.com";
  }
  return {};
}

}  // namespace cutover::aws
