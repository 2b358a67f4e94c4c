// STS against moto behind the lab proxy: every request is signature-checked
// by the proxy with botocore, so a passing call proves our signing too.

#include <gtest/gtest.h>

#include "tests/lab/aws_clients/lab_test.h"

namespace cutover::aws {
namespace {

class StsLab : public lab::LabTest {};

TEST_F(StsLab, WhoAmIForBothAccounts) {
  auto old_account = lab->session("old")->sts().get_caller_identity();
  ASSERT_TRUE(old_account.has_value()) << describe(old_account.error());
  EXPECT_EQ(old_account->account, lab->account("old"));
  auto new_account = lab->session("new")->sts().get_caller_identity();
  ASSERT_TRUE(new_account.has_value()) << describe(new_account.error());
  EXPECT_EQ(new_account->account, lab->account("new"));
}

TEST_F(StsLab, RoleProfileAssumesIntoTheSecondAccount) {
  auto session = lab->session("new-role");
  auto who = session->sts().get_caller_identity();
  ASSERT_TRUE(who.has_value()) << describe(who.error());
  EXPECT_EQ(who->account, lab->account("new"));
  EXPECT_NE(who->arn.find("assumed-role/CutoverLab/cutover-lab"), std::string::npos) << who->arn;
  // And the temporary credentials work for another service in that account.
  auto zones = session->route53().list_hosted_zones_by_name();
  ASSERT_TRUE(zones.has_value()) << describe(zones.error());
  for (const auto& entry : lab->log()) EXPECT_TRUE(entry["signature_valid"].get<bool>()) << entry.dump();
}

TEST_F(StsLab, ExplicitAssumeRoleReturnsSessionCredentials) {
  auto role = lab->session("old")->sts().assume_role(
      {.role_arn = lab->env()["role_arn"], .session_name = "cutover-test", .duration = std::chrono::seconds(900)});
  ASSERT_TRUE(role.has_value()) << describe(role.error());
  EXPECT_FALSE(role->credentials.session_token.empty());
  EXPECT_TRUE(role->credentials.expiration.has_value());
}

TEST_F(StsLab, UnknownKeyIsAnAuthError) {
  Environment env = lab->environment();
  env["AWS_ACCESS_KEY_ID"] = "AKIDUNKNOWN";
  auto session = Session::create({.environment = env, .retry = RetryPolicy{.max_attempts = 1}});
  ASSERT_TRUE(session.has_value());
  auto who = (*session)->sts().get_caller_identity();
  ASSERT_FALSE(who.has_value());
  EXPECT_EQ(who.error().code, ErrorCode::Auth);
  EXPECT_EQ(who.error().http_status, 403);
}

}  // namespace
}  // namespace cutover::aws
