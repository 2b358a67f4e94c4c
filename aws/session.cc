#include "aws/session.h"

namespace cutover::aws {
namespace {

std::optional<int> max_attempts(const SharedConfig& shared, const Environment& env, const std::string& profile) {
  std::string text;
  if (auto it = env.find("AWS_MAX_ATTEMPTS"); it != env.end()) text = it->second;
  if (text.empty()) {
    if (auto settings = profile_settings(shared, profile)) {
      if (auto it = settings->find("max_attempts"); it != settings->end()) text = it->second;
    }
  }
  try {
    return text.empty() ? std::nullopt : std::optional<int>(std::max(1, std::stoi(text)));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// A setting from the environment variable, else from the profile.
std::string setting(const SharedConfig& shared, const Environment& env, const std::string& profile, const char* env_name, const char* key) {
  if (auto it = env.find(env_name); it != env.end() && !it->second.empty()) return it->second;
  if (auto settings = profile_settings(shared, profile)) {
    if (auto it = settings->find(key); it != settings->end()) return it->second;
  }
  return {};
}

RetryPolicy retry_policy(const SharedConfig& shared, const Environment& env, const std::string& profile) {
  RetryPolicy policy;
  if (setting(shared, env, profile, "AWS_RETRY_MODE", "retry_mode") == "legacy") policy.max_attempts = 5;
  if (auto attempts = max_attempts(shared, env, profile)) policy.max_attempts = *attempts;
  return policy;
}

}  // namespace

Result<std::unique_ptr<Session>> Session::create(SessionOptions options) {
  Environment env = options.environment ? *options.environment : process_environment();
  auto shared = load_shared_config(env);
  if (!shared) return std::unexpected(shared.error());
  std::unique_ptr<Session> session(new Session());
  session->clock_ = options.clock ? options.clock : std::make_shared<SystemClock>();
  session->profile_ = selected_profile(env, options.profile);
  std::string ca_bundle = setting(*shared, env, session->profile_, "AWS_CA_BUNDLE", "ca_bundle");
  session->http_ = options.http ? options.http : std::shared_ptr<HttpClient>(make_curl_http({.ca_bundle = ca_bundle}));
  session->random_ = options.random ? options.random : default_random();
  session->on_retry_ = std::move(options.on_retry);
  session->region_ = resolve_region(*shared, env, session->profile_, options.region).value_or("us-east-1");
  session->retry_ = options.retry ? *options.retry : retry_policy(*shared, env, session->profile_);
  for (Service s : {Service::Route53, Service::Route53Domains, Service::Rds, Service::Sts, Service::CloudWatch}) {
    session->endpoints_[s] = resolve_endpoint(s, *shared, env, session->profile_, session->region_, options.endpoints);
  }
  session->limiter_ = std::make_unique<RateLimiter>(*session->clock_);
  for (Service s : {Service::Route53, Service::Route53Domains, Service::Rds, Service::Sts, Service::CloudWatch}) {
    std::string_view name = service_info(s).signing_name;
    if (auto limit = default_rate_limit(name)) session->limiter_->set_limit(session->profile_ + "/" + std::string(name), *limit);
  }
  session->quota_ = std::make_unique<RetryQuota>();
  auto plan = resolve_credentials(*shared, env, options.profile, session->clock_->now());
  if (!plan) return std::unexpected(plan.error());
  session->build_credential_chain(*plan);
  return session;
}

CallContext Session::context(CredentialsProvider* credentials) const {
  return CallContext{.http = http_.get(),
                     .credentials = credentials,
                     .clock = clock_.get(),
                     .limiter = limiter_.get(),
                     .quota = quota_.get(),
                     .random = random_,
                     .retry = retry_,
                     .rate_key_prefix = profile_,
                     .on_retry = on_retry_};
}

// Each role is assumed with the credentials of the step before it; the STS
// client of a step signs with that previous provider.
void Session::build_credential_chain(const CredentialPlan& plan) {
  credential_source_ = plan.base_source;
  providers_.push_back(std::make_unique<StaticCredentialsProvider>(plan.base));
  for (const RoleStep& step : plan.roles) {
    CredentialsProvider* source = providers_.back().get();
    ServiceClient sts_client(endpoints_.at(Service::Sts), context(source));
    AssumeRoleRequest request{
        .role_arn = step.role_arn, .session_name = step.session_name, .external_id = step.external_id, .duration = step.duration};
    auto fetch = [sts = StsClient(std::move(sts_client)), request, profile = step.profile]() -> Result<Credentials> {
      auto assumed = sts.assume_role(request);
      if (!assumed) {
        Error error = assumed.error();
        error.message = "assuming " + request.role_arn + " for profile " + profile + ": " + error.message;
        return std::unexpected(std::move(error));
      }
      return assumed->credentials;
    };
    providers_.push_back(std::make_unique<CachingCredentialsProvider>(std::move(fetch), *clock_));
  }
}

const ServiceEndpoint& Session::endpoint(Service service) const { return endpoints_.at(service); }

ServiceClient Session::service_client(Service service) const {
  return ServiceClient(endpoints_.at(service), context(providers_.back().get()));
}

}  // namespace cutover::aws
