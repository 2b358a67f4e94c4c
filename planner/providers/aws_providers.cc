#include "planner/providers/aws_providers.h"

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "planner/providers/rds_database.h"
#include "planner/providers/route53_domains.h"
#include "planner/providers/route53_zone.h"

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
  // What the source profile says about where to send requests holds for the
  // role too (the AWS CLI would read it from the role's own profile).
  if (auto shared = aws::load_shared_config(env); shared && !account.profile.empty()) {
    if (auto settings = aws::profile_settings(*shared, account.profile)) {
      for (const char* key : {"endpoint_url", "region", "ca_bundle", "max_attempts", "retry_mode"}) {
        if (auto it = settings->find(key); it != settings->end()) text << key << " = " << it->second << "\n";
      }
    }
  }
  auto path = std::filesystem::temp_directory_path() /
              ("cutover-config-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(&account)));
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

namespace cutover::planner {
namespace {

Result<std::shared_ptr<aws::Session>> account_session(const Plan& plan, const std::string& key, AwsSessions& sessions) {
  auto it = plan.accounts.find(key);
  if (it == plan.accounts.end()) return fail(ErrorCode::Invalid, "no account '" + key + "' in the plan");
  return sessions.get(key, it->second);
}

}  // namespace

Result<std::unique_ptr<DnsProvider>> route53_zone_provider(const Plan& plan, const std::string& key, AwsSessions& sessions,
                                                           std::vector<std::string> server_addresses) {
  auto zone = plan.zones.find(key);
  const auto* spec = zone == plan.zones.end() ? nullptr : std::get_if<Route53Zone>(&zone->second.provider);
  if (!spec) return fail(ErrorCode::Invalid, "no Route 53 zone '" + key + "' in the plan");
  auto session = account_session(plan, spec->account, sessions);
  if (!session) return std::unexpected(session.error());
  Route53ZoneOptions options{.name = zone->second.name,
                             .hosted_zone_id = spec->hosted_zone_id,
                             .caller_reference = zone_caller_reference(plan, key),
                             .server_addresses = std::move(server_addresses),
                             // Name server names are looked up where the plan verifies.
                             .address_resolvers = plan.verification.resolvers,
                             .address_lookup = {.timeout = plan.verification.timeout, .attempts = plan.verification.attempts},
                             .account_id = plan.accounts.at(spec->account).account_id};
  return std::unique_ptr<DnsProvider>(std::make_unique<Route53ZoneProvider>(*session, std::move(options)));
}

Result<std::unique_ptr<Registrar>> route53_registrar(const Plan& plan, const std::string& account_key, AwsSessions& sessions) {
  auto session = account_session(plan, account_key, sessions);
  if (!session) return std::unexpected(session.error());
  return std::unique_ptr<Registrar>(std::make_unique<Route53Registrar>(*session));
}

Result<std::unique_ptr<DomainTransfers>> route53_transfers(const Plan& plan, const std::string& account_key, AwsSessions& sessions) {
  auto session = account_session(plan, account_key, sessions);
  if (!session) return std::unexpected(session.error());
  return std::unique_ptr<DomainTransfers>(std::make_unique<Route53DomainTransfers>(*session, plan.accounts.at(account_key).account_id));
}

Result<std::unique_ptr<Database>> rds_database(const Plan& plan, const std::string& account_key, AwsSessions& sessions) {
  auto session = account_session(plan, account_key, sessions);
  if (!session) return std::unexpected(session.error());
  return std::unique_ptr<Database>(std::make_unique<RdsDatabase>(*session));
}

}  // namespace cutover::planner
