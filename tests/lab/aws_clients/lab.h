#pragma once
// Access to the AWS lab (tests/lab/aws_emulator: moto behind the SigV4-checking,
// fault-injecting proxy) for the lab tests of aws/: its env.json, Sessions
// for its accounts, and its control API (/_lab/...: reset, faults, config,
// request log), spoken with our own libcurl client.

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "aws/http.h"
#include "aws/session.h"

namespace cutover::aws::lab {

/// The running lab, found through $AWS_LAB_DIR/env.json.
class Lab {
 public:
  /// Reads env.json; fails (returns nullptr) when AWS_LAB_DIR is unset or the file is missing.
  static std::unique_ptr<Lab> open();

  /// POST /_lab/reset: no zones, domains, clusters, faults, delays or log.
  void reset();
  /// POST /_lab/faults with the given fault object.
  void add_fault(const nlohmann::json& fault);
  /// POST /_lab/config (delays).
  void configure(const nlohmann::json& config);
  /// POST /_lab/domains: seed a registered domain in an account ("old"/"new").
  void seed_domain(const std::string& account, const std::string& domain, const std::vector<std::string>& ns);
  /// GET /_lab/log: the request log.
  nlohmann::json log();

  /// The environment a CLI user would have after `. DIR/env` (HOME in a temp dir).
  Environment environment() const;
  /// A session for a profile of the lab's config ("old", "new", "new-role"),
  /// with short backoffs so retry tests stay fast.
  std::unique_ptr<Session> session(const std::string& profile, int max_attempts = 3) const;

  const nlohmann::json& env() const { return env_; }
  std::string account(const std::string& name) const { return env_["accounts"][name]; }

 private:
  nlohmann::json control(const std::string& method, const std::string& path, const nlohmann::json& body = nullptr);

  nlohmann::json env_{};
  std::unique_ptr<HttpClient> http_{};
  std::string home_{};
};

}  // namespace cutover::aws::lab
