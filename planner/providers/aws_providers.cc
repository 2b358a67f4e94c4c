#include "planner/providers/aws_providers.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cutover::planner {
namespace {

constexpr const char* kRoleProfile = "cutover-plan-role";

std::string config_path(const aws::Environment& env) {
  if (auto it = env.find("AWS_CONFIG_FILE"); it != env.end() && !it->second.empty()) return it->second;
  auto home = env.find("HOME");
  return (home == env.end() ? std::string(".") : home->second) + "/.aws/config";
}

// Removes the file it names when it goes out of scope.
struct RemoveOnExit {
  std::filesystem::path path{};
  ~RemoveOnExit() {
    std::error_code ignored;
    if (!path.empty()) std::filesystem::remove(path, ignored);
  }
};

// The plan's role becomes a role profile in a private copy of the user's
// config, so that aws/ resolves, assumes and refreshes it like any role
// profile. Session::create reads the files once, so the copy is removed
// right after. The copy holds no secret (keys stay in the credentials file).
Result<std::filesystem::path> write_role_config(const Account& account, aws::Environment& env) {
  std::ostringstream text;
  if (std::ifstream original(config_path(env)); original) text << original.rdbuf() << "\n";
  text << "[profile " << kRoleProfile << "]\nrole_arn = " << *account.role_arn << "\n";
  if (account.profile.empty()) {
    text << "credential_source = Environment\n";
  } else {
    text << "source_profile = " << account.profile << "\n";
  }
  if (account.external_id) text << "external_id = " << *account.external_id << "\n";
  text << "role_session_name = cutover\n";
  auto path = std::filesystem::temp_directory_path() / ("cutover-config-" + std::to_string(::getpid()) + "-" +
                                                        std::to_string(reinterpret_cast<std::uintptr_t>(&account)));
  {
    std::ofstream out(path, std::ios::trunc);
    ::chmod(path.c_str(), 0600);
    out << text.str();
    if (!out) return fail(ErrorCode::Io, "cannot write a temporary AWS config at " + path.string());
  }
  env["AWS_CONFIG_FILE"] = path.string();
  return path;
}

}  // namespace

Result<std::shared_ptr<aws::Session>> session_for(const Account& account, std::optional<aws::Environment> environment) {
  aws::SessionOptions options{.region = account.region};
  if (!account.profile.empty()) options.profile = account.profile;
  if (account.endpoint_url) options.endpoints.all = *account.endpoint_url;
  RemoveOnExit temporary;
  if (account.role_arn) {
    aws::Environment env = environment ? std::move(*environment) : aws::process_environment();
    auto path = write_role_config(account, env);
    if (!path) return std::unexpected(path.error());
    temporary.path = *path;
    options.profile = kRoleProfile;
    environment = std::move(env);
  }
  options.environment = std::move(environment);
  auto session = aws::Session::create(std::move(options));
  if (!session) {
    std::string who = account.profile.empty() ? "the default AWS profile" : "AWS profile '" + account.profile + "'";
    if (account.role_arn) who += " with role " + *account.role_arn;
    return fail(ErrorCode::Provider, who + ": " + aws::describe(session.error()));
  }
  return std::shared_ptr<aws::Session>(std::move(*session));
}

Result<std::shared_ptr<aws::Session>> AwsSessions::get(const std::string& key, const Account& account) {
  if (auto it = sessions_.find(key); it != sessions_.end()) return it->second;
  auto session = session_for(account, environment_);
  if (!session) return std::unexpected(session.error());
  sessions_[key] = *session;
  return *session;
}

}  // namespace cutover::planner
