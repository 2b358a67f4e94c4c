// Credentials, region and endpoints resolved the way the AWS CLI resolves
// them, from real files in a temp dir and an environment map.

#include "aws/aws_config.h"

#include <gtest/gtest.h>

#include "tests/common/temp_dir.h"

namespace cutover::aws {
namespace {

const char* kConfig = R"(# comment
[default]
region = eu-west-1
retry_mode = standard

[profile ci]
region = eu-central-1
aws_access_key_id = FROMCONFIG
aws_secret_access_key = config-secret

[profile dns-admin]
role_arn = arn:aws:iam::444455556666:role/DnsAdmin
source_profile = ci
external_id = envtool-7c1
role_session_name = envtool
duration_seconds = 3600

[profile chained]
role_arn = arn:aws:iam::777788889999:role/Deeper
source_profile = dns-admin

[profile from-env]
role_arn = arn:aws:iam::444455556666:role/FromEnv
credential_source = Environment

[profile loop-a]
role_arn = arn:aws:iam::1:role/A
source_profile = loop-b

[profile loop-b]
role_arn = arn:aws:iam::1:role/B
source_profile = loop-a

[profile sso]
sso_session = corp

[profile mfa]
role_arn = arn:aws:iam::1:role/M
source_profile = ci
mfa_serial = arn:aws:iam::1:mfa/me

[profile local]
region = us-east-1
services = local-emulator

[services local-emulator]
route_53 =
  endpoint_url = http://localhost:4566
rds =
  endpoint_url = http://localhost:4567

[profile everything]
endpoint_url = http://localhost:9999
)";

const char* kCredentials = R"([default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = default-secret

[ci]
aws_access_key_id = ASIACI
aws_secret_access_key = ci-secret
aws_session_token = ci-token

[profile ci]
aws_access_key_id = NOT-THIS-ONE
aws_secret_access_key = x
)";

class AwsConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    env = {{"AWS_CONFIG_FILE", dir.write("config", kConfig)}, {"AWS_SHARED_CREDENTIALS_FILE", dir.write("credentials", kCredentials)}};
    auto loaded = load_shared_config(env);
    ASSERT_TRUE(loaded.has_value());
    shared = *loaded;
  }
  Result<CredentialPlan> resolve(std::optional<std::string> profile = {}) {
    return resolve_credentials(shared, env, profile, std::chrono::system_clock::time_point{});
  }

  cutover::testing::TempDir dir;
  Environment env;
  SharedConfig shared;
};

TEST_F(AwsConfigTest, DefaultProfileFromCredentialsFile) {
  auto plan = resolve();
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->base.access_key_id, "AKIADEFAULT");
  EXPECT_TRUE(plan->roles.empty());
}

TEST_F(AwsConfigTest, CredentialsFileWinsAndTokenIsRead) {
  auto plan = resolve("ci");
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->base.access_key_id, "ASIACI");  // not FROMCONFIG, not "[profile ci]" of the credentials file
  EXPECT_EQ(plan->base.session_token, "ci-token");
}

TEST_F(AwsConfigTest, EnvironmentKeysWinUnlessAProfileIsExplicit) {
  env["AWS_ACCESS_KEY_ID"] = "AKIAENV";
  env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  env["AWS_SECURITY_TOKEN"] = "legacy-token";
  env["AWS_PROFILE"] = "ci";
  auto plan = resolve();
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->base.access_key_id, "AKIAENV");
  EXPECT_EQ(plan->base.session_token, "legacy-token");
  EXPECT_EQ(resolve("ci")->base.access_key_id, "ASIACI");
}

TEST_F(AwsConfigTest, AwsProfileSelectsTheProfile) {
  env["AWS_PROFILE"] = "ci";
  env["AWS_DEFAULT_PROFILE"] = "default";
  EXPECT_EQ(resolve()->base.access_key_id, "ASIACI");
}

TEST_F(AwsConfigTest, RoleProfilesChainThroughSourceProfiles) {
  auto plan = resolve("chained");
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->base.access_key_id, "ASIACI");
  ASSERT_EQ(plan->roles.size(), 2u);
  EXPECT_EQ(plan->roles[0].role_arn, "arn:aws:iam::444455556666:role/DnsAdmin");
  EXPECT_EQ(plan->roles[0].external_id, "envtool-7c1");
  EXPECT_EQ(plan->roles[0].session_name, "envtool");
  EXPECT_EQ(plan->roles[0].duration, std::chrono::seconds(3600));
  EXPECT_EQ(plan->roles[1].role_arn, "arn:aws:iam::777788889999:role/Deeper");
  EXPECT_EQ(plan->roles[1].session_name, "botocore-session-0");
}

TEST_F(AwsConfigTest, CredentialSourceEnvironment) {
  EXPECT_EQ(resolve("from-env").error().code, ErrorCode::Auth);
  env["AWS_ACCESS_KEY_ID"] = "AKIAENV";
  env["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  auto plan = resolve("from-env");
  ASSERT_TRUE(plan.has_value());
  EXPECT_EQ(plan->base.access_key_id, "AKIAENV");
  EXPECT_EQ(plan->roles.size(), 1u);
}

TEST_F(AwsConfigTest, LoopsUnsupportedAndMissingProfilesAreClearErrors) {
  auto loop = resolve("loop-a");
  ASSERT_FALSE(loop.has_value());
  EXPECT_EQ(loop.error().code, ErrorCode::Invalid);
  EXPECT_NE(loop.error().message.find("loop"), std::string::npos);
  auto sso = resolve("sso");
  ASSERT_FALSE(sso.has_value());
  EXPECT_NE(sso.error().message.find("sso_session"), std::string::npos);
  EXPECT_EQ(resolve("nope").error().code, ErrorCode::NotFound);
  auto mfa = resolve("mfa");
  ASSERT_FALSE(mfa.has_value());
  EXPECT_NE(mfa.error().message.find("mfa_serial"), std::string::npos);
}

TEST_F(AwsConfigTest, MissingFilesAreEmpty) {
  Environment bare{{"HOME", (dir.path() / "no-home").string()}};
  auto loaded = load_shared_config(bare);
  ASSERT_TRUE(loaded.has_value());
  EXPECT_TRUE(loaded->config.empty());
  EXPECT_EQ(resolve_credentials(*loaded, bare, {}, {}).error().code, ErrorCode::Auth);
}

TEST_F(AwsConfigTest, RegionPrecedence) {
  EXPECT_EQ(resolve_region(shared, env, "ci", {}), "eu-central-1");
  EXPECT_EQ(resolve_region(shared, env, "default", {}), "eu-west-1");
  env["AWS_DEFAULT_REGION"] = "ap-south-1";
  EXPECT_EQ(resolve_region(shared, env, "ci", {}), "ap-south-1");
  env["AWS_REGION"] = "us-west-2";
  EXPECT_EQ(resolve_region(shared, env, "ci", {}), "us-west-2");
  EXPECT_EQ(resolve_region(shared, env, "ci", std::string("sa-east-1")), "sa-east-1");
  EXPECT_EQ(resolve_region(shared, {}, "nope", {}), std::nullopt);
}

TEST_F(AwsConfigTest, DefaultEndpointsAndSigningScopes) {
  auto r53 = resolve_endpoint(Service::Route53, shared, env, "ci", "eu-west-1");
  EXPECT_EQ(r53.url, "https://route53.amazonaws.com");
  EXPECT_EQ(r53.signing_region, "us-east-1");
  auto rds = resolve_endpoint(Service::Rds, shared, env, "ci", "eu-west-1");
  EXPECT_EQ(rds.url, "https://rds.eu-west-1.amazonaws.com");
  EXPECT_EQ(rds.signing_region, "eu-west-1");
  auto sts = resolve_endpoint(Service::Sts, shared, env, "ci", "eu-west-1");
  EXPECT_EQ(sts.url, "https://sts.eu-west-1.amazonaws.com");
  EXPECT_EQ(resolve_endpoint(Service::Route53Domains, shared, env, "ci", "eu-west-1").signing_name, "route53domains");
}

TEST_F(AwsConfigTest, EndpointOverridePrecedence) {
  auto url = [&](Service s, const std::string& profile, const EndpointOverrides& o = {}) {
    return resolve_endpoint(s, shared, env, profile, "us-east-1", o).url;
  };
  EXPECT_EQ(url(Service::Route53, "local"), "http://localhost:4566");  // services section
  EXPECT_EQ(url(Service::Rds, "local"), "http://localhost:4567");
  EXPECT_EQ(url(Service::Sts, "local"), "https://sts.us-east-1.amazonaws.com");
  EXPECT_EQ(url(Service::Sts, "everything"), "http://localhost:9999");  // profile endpoint_url
  env["AWS_ENDPOINT_URL"] = "http://127.0.0.1:1";
  EXPECT_EQ(url(Service::Route53, "local"), "http://127.0.0.1:1");
  env["AWS_ENDPOINT_URL_ROUTE_53_DOMAINS"] = "http://127.0.0.1:2";
  EXPECT_EQ(url(Service::Route53Domains, "ci"), "http://127.0.0.1:2");
  EXPECT_EQ(url(Service::Route53, "ci"), "http://127.0.0.1:1");
  EXPECT_EQ(url(Service::Route53, "ci", {.per_service = {{Service::Route53, "http://plan:3"}}}), "http://plan:3");
  EXPECT_EQ(url(Service::Rds, "ci", {.all = "http://flag:4"}), "http://flag:4");
  env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] = "TRUE";
  EXPECT_EQ(url(Service::Route53, "local"), "https://route53.amazonaws.com");
}

TEST(IniFile, NestedSettingsAndComments) {
  IniFile file = parse_ini("top = ignored\n[a]\n; c\nk = v\nnest =\n  x = 1\n  y=2\nz = 3\n[ b ]\nk=\n");
  EXPECT_EQ(file.size(), 2u);
  EXPECT_EQ(file["a"]["k"], "v");
  EXPECT_EQ(file["a"]["nest.x"], "1");
  EXPECT_EQ(file["a"]["nest.y"], "2");
  EXPECT_EQ(file["a"]["z"], "3");
  EXPECT_EQ(file["b"]["k"], "");
}

}  // namespace
}  // namespace cutover::aws
