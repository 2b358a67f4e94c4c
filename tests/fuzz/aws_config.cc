// ~/.aws/config and ~/.aws/credentials (aws/ini_file, aws/aws_config,
// aws/credentials): the input is the config file, then a line
// "--- credentials ---", then the credentials file. Every profile either
// file names is resolved as `--profile` would: credentials (role chains,
// source_profile loops), region, and the endpoint of every service.

#include <chrono>
#include <cstdint>
#include <set>

#include "aws/aws_config.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace cutover::aws;

// A profile may use credential_source = Environment: with keys and without.
const Environment kEnvironments[] = {
    {},
    {{"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"}, {"AWS_SECRET_ACCESS_KEY", "fuzz-secret"}, {"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false"}},
};

void resolve(const SharedConfig& shared, const Environment& env, const std::string& profile) {
  auto now = std::chrono::system_clock::time_point{std::chrono::seconds{1700000000}};
  auto plan = resolve_credentials(shared, env, profile, now);
  if (plan) (void)redacted(plan->base);
  auto region = resolve_region(shared, env, profile, std::nullopt).value_or("us-east-1");
  for (auto service : {Service::Route53, Service::Route53Domains, Service::Rds, Service::Sts}) {
    (void)resolve_endpoint(service, shared, env, profile, region);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto [config, credentials] = cutover::fuzz::split_at(cutover::fuzz::as_text(data, size), "\n--- credentials ---\n");
  SharedConfig shared{.config = parse_ini(config), .credentials = parse_ini(credentials)};
  std::set<std::string> profiles{"default"};
  for (const auto& [section, settings] : shared.config) {
    profiles.insert(section.starts_with("profile ") ? section.substr(8) : section);
  }
  for (const auto& [section, settings] : shared.credentials) profiles.insert(section);
  for (const auto& env : kEnvironments) {
    (void)resolve_credentials(shared, env, std::nullopt, {});  // the default chain, no --profile
    for (const auto& profile : profiles) resolve(shared, env, profile);
  }
  return 0;
}
