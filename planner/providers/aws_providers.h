#pragma once
// AWS sessions for the plan's accounts: the one place that turns a plan's
// Account into an aws::Session, so that every provider of an account (its
// zones, registrar, transfers, database) shares credentials, rate limits and
// retry budget.
//
//   AwsSessions sessions;
//   auto session = sessions.get("new", plan.accounts.at("new"));
//   auto zone = std::make_unique<Route53ZoneProvider>(*session, Route53ZoneOptions{...});
//   auto db = std::make_unique<RdsDatabase>(*session);

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "aws/aws_config.h"
#include "aws/session.h"
#include "planner/plan.h"
#include "planner/result.h"

namespace cutover::planner {

/// A Session for `account`: its profile (empty: the AWS CLI's default
/// choice), its region, its endpoint_url for every service. A role_arn (with
/// external_id) is assumed with the profile's credentials and refreshed
/// before it expires, exactly as a role profile of the AWS config would be.
/// `environment` replaces this process's (tests). Provider error naming the
/// profile when no credentials are found or the configuration is unusable.
Result<std::shared_ptr<aws::Session>> session_for(const Account& account,
                                                  std::optional<aws::Environment> environment = {});

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

}  // namespace cutover::planner
