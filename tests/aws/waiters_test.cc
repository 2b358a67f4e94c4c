// Waiting on a fake clock: domain operations, RDS clusters and instances,
// and the account-wide zone listing.

#include <gtest/gtest.h>

#include "aws/domains.h"
#include "aws/rds.h"
#include "aws/route53.h"
#include "aws/session.h"
#include "tests/aws/fakes.h"
#include "tests/common/temp_dir.h"

namespace cutover::aws {
namespace {

class WaitersTest : public ::testing::Test {
 protected:
  ServiceClient client(Protocol protocol) {
    return ServiceClient({.url = "http://x", .signing_region = "us-east-1", .signing_name = "svc", .protocol = protocol},
                         {.http = &http, .credentials = &creds, .clock = &clock, .random = [] { return 0.0; }});
  }
  static std::string cluster(std::string_view status) {
    return "<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters><DBCluster><DBClusterIdentifier>c"
           "</DBClusterIdentifier><Status>" +
           std::string(status) +
           "</Status></DBCluster></DBClusters>"
           "</DescribeDBClustersResult></DescribeDBClustersResponse>";
  }
  testing::FakeHttp http;
  testing::FakeClock clock;
  StaticCredentialsProvider creds{Credentials{"AKID", "s"}};
};

TEST_F(WaitersTest, DomainOperationUntilSuccessOrCustomerAction) {
  domains::Client d(client(Protocol::Json));
  http.reply(200, R"({"OperationId":"o","Status":"SUBMITTED"})");
  http.reply(200, R"({"OperationId":"o","Status":"IN_PROGRESS"})");
  http.reply(200, R"({"OperationId":"o","Status":"SUCCESSFUL"})");
  auto op = d.wait_for_operation("o", {.interval = std::chrono::seconds(5)});
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(clock.slept.size(), 2u);

  http.reply(200, R"({"OperationId":"t","Status":"IN_PROGRESS","StatusFlag":"PENDING_ACCEPTANCE"})");
  auto pending = d.wait_for_operation("t", {}, /*until_customer_action=*/true);
  ASSERT_TRUE(pending.has_value());
  EXPECT_EQ(pending->status_flag, "PENDING_ACCEPTANCE");

  http.reply(200, R"({"OperationId":"f","Status":"FAILED","Message":"cancelled"})");
  auto failed = d.wait_for_operation("f");
  ASSERT_FALSE(failed.has_value());
  EXPECT_EQ(failed.error().aws_code, "WaitFailed");
  EXPECT_NE(failed.error().message.find("cancelled"), std::string::npos);
}

TEST_F(WaitersTest, ClusterAvailableFailedAndTimeout) {
  rds::Client r(client(Protocol::Query));
  http.reply(200, cluster("creating"));
  http.reply(200, cluster("available"));
  ASSERT_TRUE(r.wait_for_cluster_available("c").has_value());

  http.reply(200, cluster("cloning-failed"));
  EXPECT_EQ(r.wait_for_cluster_available("c").error().aws_code, "WaitFailed");

  http.handler = [](const HttpRequest&) -> Result<HttpResponse> { return HttpResponse{.status = 200, .body = cluster("creating")}; };
  auto late = r.wait_for_cluster_available("c", {.interval = std::chrono::seconds(10), .deadline = std::chrono::seconds(60)});
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().aws_code, "WaitTimeout");
}

TEST_F(WaitersTest, DeletedWhenNotFound) {
  rds::Client r(client(Protocol::Query));
  http.reply(200, cluster("deleting"));
  http.reply(404, "<ErrorResponse><Error><Code>DBClusterNotFoundFault</Code><Message>gone</Message></Error></ErrorResponse>");
  EXPECT_TRUE(r.wait_for_cluster_deleted("c").has_value());
  http.reply(404, "<ErrorResponse><Error><Code>DBInstanceNotFound</Code><Message>gone</Message></Error></ErrorResponse>");
  EXPECT_TRUE(r.wait_for_instance_deleted("i").has_value());
  http.reply(403, "<ErrorResponse><Error><Code>AccessDenied</Code><Message>no</Message></Error></ErrorResponse>");
  EXPECT_EQ(r.wait_for_instance_deleted("i").error().code, ErrorCode::Auth);
}

TEST_F(WaitersTest, ListAllHostedZonesFollowsNextNameAndId) {
  route53::Client r53(client(Protocol::RestXml));
  http.reply(200,
             "<ListHostedZonesByNameResponse><HostedZones><HostedZone><Id>/hostedzone/Z1</Id><Name>a.</Name></HostedZone>"
             "</HostedZones><IsTruncated>true</IsTruncated><NextDNSName>b.</NextDNSName>"
             "<NextHostedZoneId>/hostedzone/Z2</NextHostedZoneId></ListHostedZonesByNameResponse>");
  http.reply(200,
             "<ListHostedZonesByNameResponse><HostedZones><HostedZone><Id>/hostedzone/Z2</Id><Name>b.</Name></HostedZone>"
             "</HostedZones><IsTruncated>false</IsTruncated></ListHostedZonesByNameResponse>");
  auto zones = r53.list_all_hosted_zones();
  ASSERT_TRUE(zones.has_value());
  EXPECT_EQ(zones->size(), 2u);
  EXPECT_EQ(http.requests[1].url, "http://x/2013-04-01/hostedzonesbyname?dnsname=b.&hostedzoneid=Z2&maxitems=100");
}

TEST(SessionSettings, RetryModeMaxAttemptsAndGlobalSts) {
  cutover::testing::TempDir dir;
  Environment env{{"AWS_CONFIG_FILE", dir.write("config", "[default]\nretry_mode = legacy\nsts_regional_endpoints = legacy\n")},
                  {"AWS_SHARED_CREDENTIALS_FILE", dir.write("credentials", "")},
                  {"AWS_ACCESS_KEY_ID", "AKID"},
                  {"AWS_SECRET_ACCESS_KEY", "s"},
                  {"AWS_REGION", "eu-west-1"}};
  auto http = std::make_shared<testing::FakeHttp>();
  http->handler = [](const HttpRequest&) -> Result<HttpResponse> { return HttpResponse{.status = 503}; };
  auto clock = std::make_shared<testing::FakeClock>();
  auto session = Session::create({.environment = env, .http = http, .clock = clock});
  ASSERT_TRUE(session.has_value());
  EXPECT_EQ((*session)->endpoint(Service::Sts).url, "https://sts.amazonaws.com");
  EXPECT_EQ((*session)->endpoint(Service::Sts).signing_region, "us-east-1");
  EXPECT_FALSE((*session)->sts().get_caller_identity().has_value());
  EXPECT_EQ(http->requests.size(), 5u);  // legacy mode: 5 attempts

  env["AWS_MAX_ATTEMPTS"] = "2";
  http->requests.clear();
  auto two = Session::create({.environment = env, .http = http, .clock = clock});
  ASSERT_TRUE(two.has_value());
  EXPECT_FALSE((*two)->rds().describe_db_clusters().has_value());
  EXPECT_EQ(http->requests.size(), 2u);
}

TEST(SessionSettings, Route53ClientsOfOneSessionShareOneRateLimit) {
  Environment env{{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"HOME", "/nonexistent"}};
  auto http = std::make_shared<testing::FakeHttp>();
  http->handler = [](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{.status = 200,
                        .body =
                            "<GetChangeResponse><ChangeInfo><Id>C1</Id><Status>INSYNC</Status>"
                            "</ChangeInfo></GetChangeResponse>"};
  };
  auto clock = std::make_shared<testing::FakeClock>();
  auto session = Session::create({.environment = env, .http = http, .clock = clock});
  ASSERT_TRUE(session.has_value());
  auto start = clock->now();
  for (int i = 0; i < 11; ++i) {
    route53::Client client = (*session)->route53();  // a new client each time: the bucket is the session's
    ASSERT_TRUE(client.get_change({"C1"}).has_value());
  }
  EXPECT_GE(clock->now() - start, std::chrono::seconds(2));  // 11 calls at 5 per second
  clock->slept.clear();
  for (int i = 0; i < 5; ++i) (void)(*session)->sts().get_caller_identity();  // body irrelevant here
  EXPECT_TRUE(clock->slept.empty());                                          // STS has no client-side limit
}

}  // namespace
}  // namespace cutover::aws
