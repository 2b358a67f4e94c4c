#pragma once
// One AWS account as the AWS CLI would see it: the profile's credentials
// (role chains assumed through STS and cached until close to expiry),
// region, endpoints, plus the HTTP client, clock, rate limits and retry
// budget that its service clients share. The planner builds one per account.
//
//   auto session = aws::Session::create({.profile = "prod"});
//   if (!session) ...;
//   auto who = (*session)->sts().get_caller_identity();
//   route53::Client r53 = (*session)->route53();

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/aws_config.h"
#include "aws/domains.h"
#include "aws/rds.h"
#include "aws/route53.h"
#include "aws/sts.h"

namespace cutover::aws {

/// How to build a Session. Everything is optional.
struct SessionOptions {
  std::optional<std::string> profile{};      // else AWS_PROFILE..., "default"
  std::optional<std::string> region{};       // else AWS_REGION..., profile, "us-east-1"
  EndpointOverrides endpoints{};             // per account, e.g. from the plan file
  std::optional<Environment> environment{};  // else this process's
  std::optional<RetryPolicy> retry{};        // else AWS_MAX_ATTEMPTS / max_attempts; 3 (5 in legacy retry mode)
  std::function<void(const RetryEvent&)> on_retry{};
  std::shared_ptr<HttpClient> http{};  // else libcurl (CA bundle: AWS_CA_BUNDLE / ca_bundle)
  std::shared_ptr<Clock> clock{};      // else the system clock
  RandomUnit random{};                 // else a seeded generator
};

/// An account's configuration and the shared machinery of its clients.
class Session {
 public:
  /// Resolves profile, credentials, region and endpoints. Auth when no
  /// credentials are found, Invalid for unsupported profiles, Io for
  /// unreadable files. No request is sent until a client is used.
  static Result<std::unique_ptr<Session>> create(SessionOptions options);

  /// The profile the session uses ("default" when none was chosen).
  const std::string& profile() const { return profile_; }
  /// The region for regional services (RDS, STS).
  const std::string& region() const { return region_; }
  /// Where the base credentials came from ("environment", "profile ci"), for messages.
  const std::string& credential_source() const { return credential_source_; }
  /// The endpoint a service is reached at.
  const ServiceEndpoint& endpoint(Service service) const;

  /// A signed, retrying client for one service of this account.
  ServiceClient service_client(Service service) const;
  StsClient sts() const { return StsClient(service_client(Service::Sts)); }
  route53::Client route53() const { return route53::Client(service_client(Service::Route53)); }
  domains::Client domains() const { return domains::Client(service_client(Service::Route53Domains)); }
  rds::Client rds() const { return rds::Client(service_client(Service::Rds)); }

  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

 private:
  Session() = default;
  CallContext context(CredentialsProvider* credentials) const;
  void build_credential_chain(const CredentialPlan& plan);

  std::string profile_{};
  std::string region_{};
  std::string credential_source_{};
  std::map<Service, ServiceEndpoint> endpoints_{};
  std::shared_ptr<HttpClient> http_{};
  std::shared_ptr<Clock> clock_{};
  RandomUnit random_{};
  RetryPolicy retry_{};
  std::function<void(const RetryEvent&)> on_retry_{};
  std::unique_ptr<RateLimiter> limiter_{};
  std::unique_ptr<RetryQuota> quota_{};
  std::vector<std::unique_ptr<CredentialsProvider>> providers_{};  // base first, each role after its source
};

}  // namespace cutover::aws
