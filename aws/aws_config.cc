#include "aws/aws_config.h"

#include <algorithm>
#include <set>

extern char** environ;

namespace cutover::aws {
namespace {

std::optional<std::string> get(const Environment& env, const std::string& name) {
  auto it = env.find(name);
  if (it == env.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::optional<std::string> setting(const IniSection& section, const std::string& key) {
  auto it = section.find(key);
  if (it == section.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::string home_file(const Environment& env, const char* override_var, const char* name) {
  if (auto path = get(env, override_var)) return *path;
  return get(env, "HOME").value_or("") + "/.aws/" + name;
}

std::optional<Credentials> static_keys(const IniSection& settings) {
  auto id = setting(settings, "aws_access_key_id");
  auto secret = setting(settings, "aws_secret_access_key");
  if (!id || !secret) return std::nullopt;
  return Credentials{
      .access_key_id = *id, .secret_access_key = *secret, .session_token = setting(settings, "aws_session_token").value_or("")};
}

std::optional<Credentials> environment_keys(const Environment& env) {
  auto id = get(env, "AWS_ACCESS_KEY_ID");
  auto secret = get(env, "AWS_SECRET_ACCESS_KEY");
  if (!id || !secret) return std::nullopt;
  auto token = get(env, "AWS_SESSION_TOKEN");
  if (!token) token = get(env, "AWS_SECURITY_TOKEN");  // the legacy name botocore still reads
  return Credentials{.access_key_id = *id, .secret_access_key = *secret, .session_token = token.value_or("")};
}

RoleStep role_step(const std::string& profile, const IniSection& settings, std::chrono::system_clock::time_point now) {
  RoleStep step{.profile = profile, .role_arn = *setting(settings, "role_arn")};
  auto seconds = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  step.session_name = setting(settings, "role_session_name").value_or("botocore-session-" + std::to_string(seconds));
  step.external_id = setting(settings, "external_id").value_or("");
  if (auto d = setting(settings, "duration_seconds")) {
    try {
      step.duration = std::chrono::seconds(std::stoll(*d));
    } catch (const std::exception&) {}
  }
  return step;
}

Result<CredentialPlan> from_profile(const SharedConfig& shared, const Environment& env, const std::string& profile,
                                    std::set<std::string>& visited, std::chrono::system_clock::time_point now);

std::string env_or_profile(const SharedConfig& shared, const Environment& env, const std::string& profile, const char* env_name,
                           const char* key) {
  if (auto value = get(env, env_name)) return *value;
  if (auto settings = profile_settings(shared, profile)) return setting(*settings, key).value_or("");
  return {};
}

// A role profile: its source first (recursively), then the role itself.
Result<CredentialPlan> from_role_profile(const SharedConfig& shared, const Environment& env, const std::string& profile,
                                         const IniSection& settings, std::set<std::string>& visited,
                                         std::chrono::system_clock::time_point now) {
  if (setting(settings, "mfa_serial")) {
    return fail(ErrorCode::Invalid, "profile " + profile + " needs an MFA code (mfa_serial), which cutover does not prompt for");
  }
  auto source_profile = setting(settings, "source_profile");
  auto credential_source = setting(settings, "credential_source");
  if (source_profile.has_value() == credential_source.has_value()) {
    return fail(ErrorCode::Invalid, "profile " + profile + ": role_arn needs exactly one of source_profile and credential_source");
  }
  Result<CredentialPlan> plan = CredentialPlan{};
  if (credential_source) {
    if (*credential_source != "Environment") {
      return fail(ErrorCode::Invalid,
                  "profile " + profile + ": credential_source " + *credential_source + " is not supported by cutover (only Environment)");
    }
    auto keys = environment_keys(env);
    if (!keys)
      return fail(ErrorCode::Auth,
                  "profile " + profile + ": credential_source Environment, but AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY are not set");
    plan = CredentialPlan{.base = *keys, .base_source = "environment"};
  } else if (*source_profile == profile) {
    auto keys = static_keys(settings);  // a profile may use its own keys to assume its role
    if (!keys) return fail(ErrorCode::Invalid, "profile " + profile + " names itself as source_profile but has no keys");
    plan = CredentialPlan{.base = *keys, .base_source = "profile " + profile};
  } else {
    plan = from_profile(shared, env, *source_profile, visited, now);
  }
  if (!plan) return plan;
  plan->roles.push_back(role_step(profile, settings, now));
  return plan;
}

Result<CredentialPlan> from_profile(const SharedConfig& shared, const Environment& env, const std::string& profile,
                                    std::set<std::string>& visited, std::chrono::system_clock::time_point now) {
  if (!visited.insert(profile).second) {
    return fail(ErrorCode::Invalid, "profile " + profile + ": source_profile loop");
  }
  auto settings = profile_settings(shared, profile);
  if (!settings && profile == "default") {
    return fail(ErrorCode::Auth, "no AWS credentials: none in the environment, no default profile");
  }
  if (!settings) return fail(ErrorCode::NotFound, "profile " + profile + " is not in the config or credentials file");
  if (setting(*settings, "role_arn")) return from_role_profile(shared, env, profile, *settings, visited, now);
  for (const char* unsupported : {"web_identity_token_file", "sso_session", "sso_start_url", "credential_process"}) {
    if (setting(*settings, unsupported) && !static_keys(*settings)) {
      return fail(ErrorCode::Invalid, "profile " + profile + " uses " + unsupported + ", which cutover does not support");
    }
  }
  if (auto keys = static_keys(*settings)) return CredentialPlan{.base = *keys, .base_source = "profile " + profile};
  return fail(ErrorCode::Auth, "profile " + profile + " has no credentials (aws_access_key_id/aws_secret_access_key or role_arn)");
}

}  // namespace

Environment process_environment() {
  Environment env;
  for (char** entry = environ; entry && *entry; ++entry) {
    std::string_view text(*entry);
    size_t eq = text.find('=');
    if (eq != std::string_view::npos) env.emplace(text.substr(0, eq), text.substr(eq + 1));
  }
  return env;
}

Result<SharedConfig> load_shared_config(const Environment& env) {
  auto config = load_ini(home_file(env, "AWS_CONFIG_FILE", "config"));
  if (!config) return std::unexpected(config.error());
  auto credentials = load_ini(home_file(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials"));
  if (!credentials) return std::unexpected(credentials.error());
  return SharedConfig{.config = std::move(*config), .credentials = std::move(*credentials)};
}

std::string selected_profile(const Environment& env, const std::optional<std::string>& explicit_profile) {
  if (explicit_profile && !explicit_profile->empty()) return *explicit_profile;
  if (auto p = get(env, "AWS_PROFILE")) return *p;
  if (auto p = get(env, "AWS_DEFAULT_PROFILE")) return *p;
  return "default";
}

std::optional<IniSection> profile_settings(const SharedConfig& shared, const std::string& profile) {
  std::optional<IniSection> out;
  auto merge = [&out](const IniFile& file, const std::string& section) {
    auto it = file.find(section);
    if (it == file.end()) return;
    if (!out) out.emplace();
    for (const auto& [key, value] : it->second) (*out)[key] = value;
  };
  if (profile == "default") merge(shared.config, "default");
  merge(shared.config, "profile " + profile);
  merge(shared.credentials, profile);
  return out;
}

Result<CredentialPlan> resolve_credentials(const SharedConfig& shared, const Environment& env,
                                           const std::optional<std::string>& explicit_profile, std::chrono::system_clock::time_point now) {
  bool has_explicit = explicit_profile && !explicit_profile->empty();
  if (!has_explicit) {
    if (auto keys = environment_keys(env)) return CredentialPlan{.base = *keys, .base_source = "environment"};
  }
  std::set<std::string> visited;
  return from_profile(shared, env, selected_profile(env, explicit_profile), visited, now);
}

std::optional<std::string> resolve_region(const SharedConfig& shared, const Environment& env, const std::string& profile,
                                          const std::optional<std::string>& explicit_region) {
  if (explicit_region && !explicit_region->empty()) return explicit_region;
  if (auto r = get(env, "AWS_REGION")) return r;
  if (auto r = get(env, "AWS_DEFAULT_REGION")) return r;
  if (auto settings = profile_settings(shared, profile)) return setting(*settings, "region");
  return std::nullopt;
}

ServiceEndpoint resolve_endpoint(Service service, const SharedConfig& shared, const Environment& env, const std::string& profile,
                                 const std::string& region, const EndpointOverrides& overrides) {
  const ServiceInfo& info = service_info(service);
  ServiceEndpoint endpoint{.url = default_endpoint(service, region),
                           .signing_region = info.global ? "us-east-1" : region,
                           .signing_name = std::string(info.signing_name),
                           .protocol = info.protocol};
  auto chosen = [&]() -> std::optional<std::string> {
    if (auto it = overrides.per_service.find(service); it != overrides.per_service.end()) return it->second;
    if (overrides.all) return overrides.all;
    std::string ignore = get(env, "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS").value_or("");
    std::ranges::transform(ignore, ignore.begin(), [](unsigned char c) { return std::tolower(c); });
    if (ignore == "true") return std::nullopt;
    if (auto url = get(env, "AWS_ENDPOINT_URL_" + std::string(info.env_suffix))) return url;
    if (auto url = get(env, "AWS_ENDPOINT_URL")) return url;
    auto settings = profile_settings(shared, profile);
    if (!settings) return std::nullopt;
    if (auto services = setting(*settings, "services")) {
      auto section = shared.config.find("services " + *services);
      if (section != shared.config.end()) {
        if (auto url = setting(section->second, std::string(info.config_key) + ".endpoint_url")) return url;
      }
    }
    return setting(*settings, "endpoint_url");
  }();
  if (chosen) {
    endpoint.url = *chosen;
  } else if (service == Service::Sts &&
             env_or_profile(shared, env, profile, "AWS_STS_REGIONAL_ENDPOINTS", "sts_regional_endpoints") == "legacy") {
    endpoint.url = "https://sts.amazonaws.com";  // the global endpoint signs as us-east-1
    endpoint.signing_region = "us-east-1";
  }
  return endpoint;
}

}  // namespace cutover::aws
