// Sessions from a plan's account entries against the lab: a plain profile
// acts in its account; a role_arn (with external_id) is assumed through STS
// with the profile's credentials, and the providers then act in the role's
// account.

#include <gtest/gtest.h>

#include "planner/providers/route53_domains.h"
#include "tests/lab/route53_rds_providers/providers_lab.h"

namespace cutover::planner::lab {
namespace {

using SessionsLab = ProvidersLab;

TEST_F(SessionsLab, ProfilesActInTheirAccounts) {
  EXPECT_EQ(Route53DomainTransfers(session("old")).account_id().value(), lab->account("old"));
  EXPECT_EQ(Route53DomainTransfers(session("new")).account_id().value(), lab->account("new"));
}

TEST_F(SessionsLab, APlanRoleIsAssumedWithTheProfilesCredentials) {
  Account role = account("old");
  role.role_arn = lab->env()["role_arn"].get<std::string>();
  role.external_id = "cutover-lab";
  auto session = session_for(role, lab->environment());
  ASSERT_TRUE(session.has_value()) << session.error().message;
  auto id = Route53DomainTransfers(*session).account_id();
  ASSERT_TRUE(id.has_value()) << id.error().message;
  EXPECT_EQ(*id, lab->account("new"));
  int assumed = 0;
  for (const auto& entry : lab->log()) {
    if (entry["operation"] == "AssumeRole") {
      ++assumed;
      EXPECT_EQ(entry["access_key_id"], "AKIDLABOLD");  // signed with the profile's keys
    }
  }
  EXPECT_EQ(assumed, 1);

  // Without endpoint_url in the plan, the source profile's endpoint_url (the lab's) still holds.
  role.endpoint_url.reset();
  auto env = lab->environment();
  env.erase("AWS_ENDPOINT_URL");
  auto from_profile = session_for(role, env);
  ASSERT_TRUE(from_profile.has_value()) << from_profile.error().message;
  EXPECT_EQ((*from_profile)->endpoint(aws::Service::Sts).url, lab->env()["AWS_ENDPOINT_URL"].get<std::string>());
  EXPECT_EQ(Route53DomainTransfers(*from_profile).account_id().value(), lab->account("new"));
}

}  // namespace
}  // namespace cutover::planner::lab
