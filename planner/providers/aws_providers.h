#pragma once
// AWS sessions for the plan's accounts: the one place that turns a plan's
// Account into an aws::Session, so that every provider of an account (its
// zones, registrar, transfers, database) shares credentials, rate limits and
// retry budget.
//
//   AwsSessions sessions;
//   auto session = sessions.get("new", plan.accounts.at("new"));
//   auto zone = route53_zone_provider(plan, "new", sessions);     // a DnsProvider
//   auto db = rds_database(plan, "prod", sessions);                // shares the session of "prod"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/aws_config.h"
#include "aws/session.h"
#include "planner/plan/plan.h"
#include "planner/providers/database.h"
#include "planner/providers/dns_provider.h"
#include "planner/providers/registrar.h"
#include "planner/result.h"

namespace cutover::planner {

/// A Session for `account`: its profile (empty: the AWS CLI's default
/// choice), its region, its endpoint_url for every service. A role_arn (with
/// external_id) is assumed with the profile's credentials and refreshed
/// before it expires, exactly as a role profile of the AWS config would be.
/// `environment` replaces this process's (tests). Provider error naming the
/// profile when no credentials are found or the configuration is unusable.
Result<std::shared_ptr<aws::Session>> session_for(const Account& account, std::optional<aws::Environment> environment = {});

/// One Session per account key, created on first use.
class AwsSessions {
 public:
  /// `environment` replaces this process's for every session (tests).
  explicit AwsSessions(std::optional<aws::Environment> environment = {}) : environment_(std::move(environment)) {}

  /// The session of account `key`, created from `account` the first time.
  Result<std::shared_ptr<aws::Session>> get(const std::string& key, const Account& account);

 private:
  std::optional<aws::Environment> environment_{};
  std::map<std::string, std::shared_ptr<aws::Session>> sessions_{};
};

/// The provider of the plan's Route 53 zone `key` (its account's session,
/// its id or caller reference); `server_addresses` are the servers to verify
/// (empty: resolve the NS names through the plan's verification resolvers). Invalid when the key names no Route 53
/// zone or an unknown account.
Result<std::unique_ptr<DnsProvider>> route53_zone_provider(const Plan& plan, const std::string& key, AwsSessions& sessions,
                                                           std::vector<std::string> server_addresses = {});

/// Route 53 Domains of account `account_key` as the plan's registrar.
Result<std::unique_ptr<Registrar>> route53_registrar(const Plan& plan, const std::string& account_key, AwsSessions& sessions);

/// Route 53 Domains transfers of account `account_key` (its account_id when the plan gives it).
Result<std::unique_ptr<DomainTransfers>> route53_transfers(const Plan& plan, const std::string& account_key, AwsSessions& sessions);

/// The RDS database of account `account_key`.
Result<std::unique_ptr<Database>> rds_database(const Plan& plan, const std::string& account_key, AwsSessions& sessions);

}  // namespace cutover::planner
