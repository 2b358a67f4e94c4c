#include "tests/lab/aws_clients/lab.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace cutover::aws::lab {

std::unique_ptr<Lab> Lab::open() {
  const char* dir = std::getenv("AWS_LAB_DIR");
  if (!dir) return nullptr;
  std::ifstream in(std::filesystem::path(dir) / "env.json");
  if (!in) return nullptr;
  auto lab = std::unique_ptr<Lab>(new Lab());
  lab->env_ = nlohmann::json::parse(in);
  lab->http_ = make_curl_http({.total_timeout = std::chrono::seconds(30)});
  lab->home_ = (std::filesystem::path(dir) / "home-aws-tests").string();
  std::filesystem::create_directories(lab->home_);
  return lab;
}

nlohmann::json Lab::control(const std::string& method, const std::string& path, const nlohmann::json& body) {
  HttpRequest request{.method = method,
                      .url = env_["AWS_LAB_URL"].get<std::string>() + path,
                      .headers = {{"Content-Type", "application/json"}},
                      .body = body.is_null() ? "" : body.dump()};
  auto response = http_->send(request);
  EXPECT_TRUE(response.has_value()) << path;
  if (!response) return nullptr;
  EXPECT_LT(response->status, 300) << path << ": " << response->body;
  return nlohmann::json::parse(response->body, nullptr, false);
}

void Lab::reset() { control("POST", "/_lab/reset"); }
void Lab::add_fault(const nlohmann::json& fault) { control("POST", "/_lab/faults", fault); }
void Lab::configure(const nlohmann::json& config) { control("POST", "/_lab/config", config); }
void Lab::seed_domain(const std::string& account, const std::string& domain, const std::vector<std::string>& ns) {
  control("POST", "/_lab/domains", {{"account", account}, {"domain", domain}, {"nameservers", ns}});
}
nlohmann::json Lab::log() { return control("GET", "/_lab/log"); }

Environment Lab::environment() const {
  Environment env{{"HOME", home_}};
  for (const char* name : {"AWS_ENDPOINT_URL", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_DEFAULT_REGION", "AWS_REGION",
                           "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"}) {
    env[name] = env_[name].get<std::string>();
  }
  return env;
}

std::unique_ptr<Session> Lab::session(const std::string& profile, int max_attempts) const {
  auto session = Session::create({.profile = profile,
                                  .environment = environment(),
                                  .retry = RetryPolicy{.max_attempts = max_attempts,
                                                       .base_delay = std::chrono::milliseconds(20),
                                                       .max_delay = std::chrono::milliseconds(200),
                                                       .max_retry_after = std::chrono::seconds(1)}});
  EXPECT_TRUE(session.has_value()) << (session ? "" : describe(session.error()));
  return session ? std::move(*session) : nullptr;
}

}  // namespace cutover::aws::lab
