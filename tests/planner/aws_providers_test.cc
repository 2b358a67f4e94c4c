// Sessions from a plan's accounts, on configuration files in a temp dir;
// nothing is sent (a Session sends nothing until a client is used).

#include <gtest/gtest.h>

#include <fstream>

#include "planner/plan/parser.h"
#include "planner/planner.h"
#include "planner/providers/aws_providers.h"
#include "tests/common/temp_dir.h"

namespace cutover::planner {
namespace {

class AwsSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::ofstream(dir / "config") << "[profile prod]\nregion = eu-west-1\n"
                                  << "[profile local]\nregion = eu-west-1\nendpoint_url = http://127.0.0.1:4999\n";
    std::ofstream(dir / "credentials") << "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = prod-secret\n"
                                       << "[local]\naws_access_key_id = AKIDLOCAL\naws_secret_access_key = local-secret\n";
    env = {{"HOME", dir.path().string()},
           {"AWS_CONFIG_FILE", (dir / "config").string()},
           {"AWS_SHARED_CREDENTIALS_FILE", (dir / "credentials").string()}};
  }
  testing::TempDir dir;
  aws::Environment env;
};

TEST_F(AwsSessionsTest, AccountGivesProfileRegionAndEveryEndpoint) {
  Account account{.profile = "prod", .region = "us-west-2", .endpoint_url = "http://127.0.0.1:4566"};
  auto session = session_for(account, env);
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_EQ((*session)->profile(), "prod");
  EXPECT_EQ((*session)->region(), "us-west-2");  // the plan's region wins over the profile's
  for (auto service : {aws::Service::Route53, aws::Service::Route53Domains, aws::Service::Rds, aws::Service::Sts}) {
    EXPECT_EQ((*session)->endpoint(service).url, "http://127.0.0.1:4566");
  }
}

TEST_F(AwsSessionsTest, RoleIsAssumedThroughARoleProfileAndNoCopyIsLeft) {
  Account account{.profile = "prod", .role_arn = "arn:aws:iam::222233334444:role/DnsMigration", .external_id = "cutover-example"};
  auto session = session_for(account, env);
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_EQ((*session)->profile(), "cutover-plan-role");
  EXPECT_EQ((*session)->credential_source(), "profile prod");
  std::string prefix = "cutover-config-" + std::to_string(::getpid()) + "-";
  for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
    EXPECT_FALSE(entry.path().filename().string().starts_with(prefix)) << entry.path();
  }
}

TEST_F(AwsSessionsTest, ARoleKeepsItsSourceProfilesEndpointAndRegion) {
  Account account{.profile = "local", .role_arn = "arn:aws:iam::222233334444:role/DnsMigration", .region = "eu-west-1"};
  auto session = session_for(account, env);
  ASSERT_TRUE(session.has_value()) << session.error().message;
  EXPECT_EQ((*session)->endpoint(aws::Service::Sts).url, "http://127.0.0.1:4999");
  EXPECT_EQ((*session)->endpoint(aws::Service::Route53).url, "http://127.0.0.1:4999");
}

TEST_F(AwsSessionsTest, UnknownProfileIsAProviderErrorNamingIt) {
  auto session = session_for(Account{.profile = "nope"}, env);
  ASSERT_FALSE(session.has_value());
  EXPECT_EQ(session.error().code, ErrorCode::Provider);
  EXPECT_NE(session.error().message.find("'nope'"), std::string::npos);
}

TEST_F(AwsSessionsTest, OneSessionPerAccountKey) {
  AwsSessions sessions(env);
  Account prod{.profile = "prod"};
  auto a = sessions.get("old", prod);
  auto b = sessions.get("old", prod);
  auto c = sessions.get("new", prod);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(a->get(), b->get());
  EXPECT_NE(a->get(), c->get());
}

TEST_F(AwsSessionsTest, ProvidersOfAPlanShareTheirAccountsSession) {
  auto plan = load_plan(std::filesystem::path(CUTOVER_SOURCE_DIR) / "plans/s1-account-move.json");
  ASSERT_TRUE(plan.has_value()) << plan.error().message;
  for (auto& [key, account] : plan->accounts) account = Account{.profile = "prod"};
  AwsSessions sessions(env);

  // The reference the provider looks its zone up by is the one the planner's create step sends.
  auto steps = build_steps(*plan, Facts{});
  ASSERT_TRUE(steps.has_value()) << steps.error().message;
  int creates = 0;
  for (const auto& step : steps->steps()) {
    for (const auto& action : step.actions) {
      if (const auto* create = std::get_if<CreateZone>(&action)) {
        EXPECT_EQ(create->caller_reference, zone_caller_reference(*plan, create->zone));
        ++creates;
      }
    }
  }
  EXPECT_EQ(creates, 1);

  auto zone = route53_zone_provider(*plan, "new", sessions);
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  EXPECT_EQ((*zone)->zone_name().text(), "example.com.");
  EXPECT_TRUE(route53_registrar(*plan, "old", sessions).has_value());
  EXPECT_TRUE(route53_transfers(*plan, "new", sessions).has_value());
  EXPECT_TRUE(rds_database(*plan, "old", sessions).has_value());
  EXPECT_EQ(route53_zone_provider(*plan, "nope", sessions).error().code, ErrorCode::Invalid);
  EXPECT_EQ(rds_database(*plan, "nope", sessions).error().code, ErrorCode::Invalid);
}

}  // namespace
}  // namespace cutover::planner
