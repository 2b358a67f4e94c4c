#pragma once
// The configuration the AWS CLI would use, read the way it reads it:
// environment variables, AWS_PROFILE, the shared config and credentials
// files (both section styles), role profiles, region and endpoint overrides
// (aws-apis.md section 8). Everything here is a pure function of an
// Environment and the two files, so it is tested with temp files and maps.

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws/credentials.h"
#include "aws/ini_file.h"
#include "aws/result.h"
#include "aws/service_client.h"
#include "aws/services.h"

namespace cutover::aws {

/// Environment variables by name (a snapshot, so tests pass their own).
using Environment = std::map<std::string, std::string>;

/// A snapshot of this process's environment.
Environment process_environment();

/// The two shared files, loaded.
struct SharedConfig {
  IniFile config{};       // ~/.aws/config or AWS_CONFIG_FILE
  IniFile credentials{};  // ~/.aws/credentials or AWS_SHARED_CREDENTIALS_FILE
};

/// Loads the files named by the environment (missing files are empty).
Result<SharedConfig> load_shared_config(const Environment& env);

/// The profile the CLI would use: explicit, else AWS_PROFILE, else
/// AWS_DEFAULT_PROFILE, else "default".
std::string selected_profile(const Environment& env, const std::optional<std::string>& explicit_profile);

/// A profile's settings: its config section ("[profile x]", or "[default]" /
/// "[profile default]") overlaid by its credentials section ("[x]"), the
/// credentials file winning. nullopt when the profile is in neither file.
std::optional<IniSection> profile_settings(const SharedConfig& shared, const std::string& profile);

/// One AssumeRole to perform, with the settings of the profile naming it.
struct RoleStep {
  std::string profile{};
  std::string role_arn{};
  std::string session_name{};
  std::string external_id{};
  std::optional<std::chrono::seconds> duration{};
};

/// How to obtain credentials: start from `base`, then assume each role in order.
struct CredentialPlan {
  Credentials base{};
  std::string base_source{};      // "environment", "profile ci", ... (for messages)
  std::vector<RoleStep> roles{};  // empty for plain keys
};

/// Resolves the credential chain of the botocore order (8.4): environment
/// keys unless a profile was given explicitly; then the profile's role_arn
/// (source_profile, recursively, or credential_source=Environment), then its
/// static keys. Auth when no credentials are found, NotFound for a named
/// profile in neither file; Invalid for loops and for methods cutover does
/// not support (SSO, credential_process, web identity, MFA prompts).
Result<CredentialPlan> resolve_credentials(const SharedConfig& shared, const Environment& env,
                                           const std::optional<std::string>& explicit_profile, std::chrono::system_clock::time_point now);

/// The region: explicit, AWS_REGION, AWS_DEFAULT_REGION, the profile's
/// `region`; nullopt when none is set.
std::optional<std::string> resolve_region(const SharedConfig& shared, const Environment& env, const std::string& profile,
                                          const std::optional<std::string>& explicit_region);

/// Endpoint choice inputs beyond the environment and files.
struct EndpointOverrides {
  std::optional<std::string> all{};              // like --endpoint-url
  std::map<Service, std::string> per_service{};  // e.g. from the plan file's account entry
};

/// The endpoint of a service, by precedence: explicit per-service, explicit
/// all, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, the profile's services
/// section, the profile's endpoint_url, the AWS default. Configured (env and
/// file) overrides are skipped when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true.
ServiceEndpoint resolve_endpoint(Service service, const SharedConfig& shared, const Environment& env, const std::string& profile,
                                 const std::string& region, const EndpointOverrides& overrides = {});

}  // namespace cutover::aws
