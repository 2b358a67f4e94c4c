// STS, Route 53 Domains and RDS bodies and parsers, and the Session's
// credential chain (AssumeRole cached until close to expiry).

#include <gtest/gtest.h>

#include <limits>

#include "aws/domains.h"
#include "aws/rds_query.h"
#include "aws/session.h"
#include "aws/sts.h"
#include "tests/aws/fakes.h"
#include "tests/common/temp_dir.h"

namespace cutover::aws {
namespace {

TEST(Sts, AssumeRoleBodyAndResponse) {
  EXPECT_EQ(assume_role_body({.role_arn = "arn:aws:iam::444455556666:role/DnsAdmin",
                              .session_name = "envtool-pr-123",
                              .external_id = "envtool-7c1",
                              .duration = std::chrono::seconds(3600)}),
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2FDnsAdmin"
            "&RoleSessionName=envtool-pr-123&DurationSeconds=3600&ExternalId=envtool-7c1");
  auto role = parse_assume_role(R"(<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
    <AssumedRoleUser><Arn>arn:aws:sts::444455556666:assumed-role/DnsAdmin/x</Arn><AssumedRoleId>AROA:x</AssumedRoleId></AssumedRoleUser>
    <Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>sk</SecretAccessKey><SessionToken>st</SessionToken>
    <Expiration>2026-02-01T00:59:00Z</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>)");
  ASSERT_TRUE(role.has_value());
  EXPECT_EQ(role->credentials.session_token, "st");
  EXPECT_EQ(role->arn, "arn:aws:sts::444455556666:assumed-role/DnsAdmin/x");
  ASSERT_TRUE(role->credentials.expiration.has_value());
  EXPECT_EQ(format_iso8601(*role->credentials.expiration), "2026-02-01T00:59:00Z");
  EXPECT_EQ(parse_assume_role("<AssumeRoleResponse/>").error().code, ErrorCode::Corrupt);
}

TEST(Sts, CallerIdentity) {
  auto who = parse_caller_identity(
      "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::1:user/a</Arn>"
      "<UserId>AID</UserId><Account>111122223333</Account></GetCallerIdentityResult>"
      "</GetCallerIdentityResponse>");
  ASSERT_TRUE(who.has_value());
  EXPECT_EQ(who->account, "111122223333");
}

TEST(Timestamp, ParsesFractionsAndRejectsGarbage) {
  auto t = parse_iso8601("2017-03-27T17:48:16.751Z");
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(format_iso8601(*t), "2017-03-27T17:48:16Z");
  EXPECT_FALSE(parse_iso8601("yesterday").has_value());
  EXPECT_EQ(format_iso8601(*from_epoch_seconds(1769903940.5)), "2026-01-31T23:59:00Z");
}

// Found by tests/fuzz/sts_xml and domains_json: a time beyond what a
// Timestamp holds (64-bit nanoseconds) was undefined behaviour; it is no time.
TEST(Timestamp, RefusesTimesATimestampCannotHold) {
  EXPECT_FALSE(parse_iso8601("1013-02-01T00:59:00Z").has_value());
  EXPECT_FALSE(parse_iso8601("9999-12-31T23:59:59Z").has_value());
  EXPECT_FALSE(parse_iso8601("2026-02-01T99:59:00Z").has_value());
  EXPECT_TRUE(parse_iso8601("2200-12-31T23:59:59Z").has_value());
  EXPECT_FALSE(from_epoch_seconds(1e300).has_value());
  EXPECT_FALSE(from_epoch_seconds(-1e300).has_value());
  EXPECT_FALSE(from_epoch_seconds(std::numeric_limits<double>::quiet_NaN()).has_value());
  EXPECT_FALSE(from_epoch_seconds(std::numeric_limits<double>::infinity()).has_value());
  auto detail = domains::parse_domain_detail(R"({"DomainName":"example.net","ExpirationDate":1e300})");
  ASSERT_TRUE(detail.has_value());
  EXPECT_FALSE(detail->expiration_date.has_value());
}

// Found by tests/fuzz/domains_json: a string or number where a list goes
// threw out of the parser (std::terminate); now Corrupt.
TEST(Domains, ParsersRefuseWrongShapesAsCorrupt) {
  for (const char* body : {R"({"Nameservers":["ns1.example.org"]})", R"({"Nameservers":"ns1.example.org"})",
                           R"({"Nameservers":[{"Name":"ns1.example.org","GlueIps":"192.0.2.1"}]})", R"({"StatusList":{"a":1}})"}) {
    auto detail = domains::parse_domain_detail(body);
    ASSERT_FALSE(detail.has_value()) << body;
    EXPECT_EQ(detail.error().code, ErrorCode::Corrupt) << body;
  }
  for (const char* body : {R"({"Operations":[1]})", R"({"Operations":"op1"})"}) {
    auto page = domains::parse_operations_page(body);
    ASSERT_FALSE(page.has_value()) << body;
    EXPECT_EQ(page.error().code, ErrorCode::Corrupt) << body;
  }
  auto empty = domains::parse_domain_detail(R"({"DomainName":"example.net","Nameservers":null})");
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->nameservers.empty());
}

TEST(Domains, BodiesAndParsers) {
  EXPECT_EQ(domains::update_nameservers_body("example.net", {{"ns1.example.org", {}}, {"ns.example.net", {"192.0.2.1"}}}),
            R"({"DomainName":"example.net","Nameservers":[{"Name":"ns1.example.org"},{"GlueIps":["192.0.2.1"],"Name":"ns.example.net"}]})");
  EXPECT_EQ(domains::list_operations_body({.max_items = 50, .status = {"SUBMITTED"}}), R"({"MaxItems":50,"Status":["SUBMITTED"]})");
  auto detail = domains::parse_domain_detail(R"({"DomainName":"example.net","Nameservers":[{"Name":"ns-1.awsdns-08.org","GlueIps":[]}],
    "AutoRenew":true,"StatusList":["clientTransferProhibited"],"ExpirationDate":1798761600.0,"RegistrarName":"Amazon"})");
  ASSERT_TRUE(detail.has_value());
  EXPECT_EQ(detail->nameservers.size(), 1u);
  EXPECT_EQ(detail->auto_renew, true);
  EXPECT_EQ(detail->status_list[0], "clientTransferProhibited");
  auto op = domains::parse_operation(R"({"OperationId":"op1","Status":"IN_PROGRESS","Type":"INTERNAL_TRANSFER_OUT_DOMAIN",
    "SubmittedDate":1769903940.0,"StatusFlag":"PENDING_ACCEPTANCE"})");
  ASSERT_TRUE(op.has_value());
  EXPECT_EQ(op->status_flag, "PENDING_ACCEPTANCE");
  auto started = domains::parse_transfer_started(R"({"OperationId":"op2","Password":"kX'9\"q"})");
  ASSERT_TRUE(started.has_value());
  EXPECT_EQ(started->password, "kX'9\"q");
  auto page = domains::parse_operations_page(R"({"Operations":[{"OperationId":"a"},{"OperationId":"b"}],"NextPageMarker":"m"})");
  EXPECT_EQ(page->operations.size(), 2u);
  EXPECT_EQ(page->next_marker, "m");
  EXPECT_EQ(domains::parse_operation_id("[]").error().code, ErrorCode::Corrupt);
}

TEST(Rds, QueryBodiesFollowBotocoreNaming) {
  EXPECT_EQ(rds::restore_cluster_query({.cluster_id = "pr-123-db",
                                        .source_cluster_id = "staging-db",
                                        .db_subnet_group = "subnets",
                                        .vpc_security_group_ids = {"sg-1"},
                                        .tags = {{"managed-by", "cutover"}}})
                .body(),
            "Action=RestoreDBClusterToPointInTime&Version=2014-10-31&DBClusterIdentifier=pr-123-db"
            "&SourceDBClusterIdentifier=staging-db&RestoreType=copy-on-write&UseLatestRestorableTime=true"
            "&DBSubnetGroupName=subnets&VpcSecurityGroupIds.VpcSecurityGroupId.1=sg-1"
            "&Tags.Tag.1.Key=managed-by&Tags.Tag.1.Value=cutover");
  EXPECT_EQ(rds::describe_query(
                "DescribeDBClusters", "DBClusterIdentifier",
                {.filters = {{"db-cluster-id", {"a", "b"}}, {"engine", {"aurora-postgresql"}}}, .max_records = 20, .marker = "m1"})
                .body(),
            "Action=DescribeDBClusters&Version=2014-10-31&Filters.Filter.1.Name=db-cluster-id"
            "&Filters.Filter.1.Values.Value.1=a&Filters.Filter.1.Values.Value.2=b&Filters.Filter.2.Name=engine"
            "&Filters.Filter.2.Values.Value.1=aurora-postgresql&MaxRecords=20&Marker=m1");
  EXPECT_EQ(rds::remove_tags_query("arn:aws:rds:eu-west-1:1:cluster:x", {"expires"}).body(),
            "Action=RemoveTagsFromResource&Version=2014-10-31&ResourceName=arn%3Aaws%3Ards%3Aeu-west-1%3A1%3Acluster%3Ax"
            "&TagKeys.member.1=expires");
  EXPECT_EQ(rds::delete_query("DeleteDBCluster", "DBClusterIdentifier", "x", "FinalDBSnapshotIdentifier", {}).body(),
            "Action=DeleteDBCluster&Version=2014-10-31&DBClusterIdentifier=x&SkipFinalSnapshot=true");
}

TEST(Rds, ParsesClusterPages) {
  auto page = rds::parse_cluster_page(R"(<DescribeDBClustersResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">
    <DescribeDBClustersResult><DBClusters><DBCluster><DBClusterIdentifier>pr-123-db</DBClusterIdentifier>
    <DBClusterArn>arn:aws:rds:eu-west-1:1:cluster:pr-123-db</DBClusterArn><Status>available</Status>
    <Engine>aurora-postgresql</Engine><Endpoint>pr.cluster-x.rds.amazonaws.com</Endpoint><Port>5432</Port>
    <DBClusterMembers><DBClusterMember><DBInstanceIdentifier>pr-123-db-1</DBInstanceIdentifier>
    <IsClusterWriter>true</IsClusterWriter><PromotionTier>1</PromotionTier></DBClusterMember></DBClusterMembers>
    <TagList><Tag><Key>managed-by</Key><Value>envtool</Value></Tag></TagList></DBCluster></DBClusters>
    <Marker>next</Marker></DescribeDBClustersResult></DescribeDBClustersResponse>)");
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->clusters.size(), 1u);
  const rds::DbCluster& c = page->clusters[0];
  EXPECT_EQ(c.port, 5432);
  EXPECT_TRUE(c.members[0].writer);
  EXPECT_EQ(c.tags[0], (Tag{"managed-by", "envtool"}));
  EXPECT_EQ(page->marker, "next");
  auto instance = rds::parse_instance_result(R"(<CreateDBInstanceResponse><CreateDBInstanceResult><DBInstance>
    <DBInstanceIdentifier>i1</DBInstanceIdentifier><DBInstanceStatus>creating</DBInstanceStatus>
    <Endpoint><Address>i1.x</Address><Port>5432</Port></Endpoint></DBInstance></CreateDBInstanceResult></CreateDBInstanceResponse>)",
                                             "CreateDBInstance");
  ASSERT_TRUE(instance.has_value());
  EXPECT_EQ(instance->endpoint->port, 5432);
}

TEST(Rds, DescribeAllFollowsTheMarker) {
  testing::FakeHttp http;
  testing::FakeClock clock;
  StaticCredentialsProvider creds{Credentials{"AKID", "s"}};
  rds::Client client(ServiceClient({.url = "http://rds", .signing_region = "eu-west-1", .signing_name = "rds"},
                                   {.http = &http, .credentials = &creds, .clock = &clock}));
  http.reply(200,
             "<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters><DBCluster><DBClusterIdentifier>a"
             "</DBClusterIdentifier></DBCluster></DBClusters><Marker>m 1</Marker></DescribeDBClustersResult>"
             "</DescribeDBClustersResponse>");
  http.reply(200,
             "<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters><DBCluster><DBClusterIdentifier>b"
             "</DBClusterIdentifier></DBCluster></DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>");
  auto all = client.describe_all_db_clusters({.max_records = 20});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->size(), 2u);
  ASSERT_EQ(http.requests.size(), 2u);
  EXPECT_NE(http.requests[1].body.find("&MaxRecords=20&Marker=m%201"), std::string::npos) << http.requests[1].body;
}

TEST(Session, RoleProfileAssumesOnceAndCachesUntilNearExpiry) {
  cutover::testing::TempDir dir;
  Environment env{{"AWS_CONFIG_FILE", dir.write("config",
                                                "[profile role]\nrole_arn = arn:aws:iam::2:role/R\n"
                                                "source_profile = base\nregion = eu-west-1\n")},
                  {"AWS_SHARED_CREDENTIALS_FILE", dir.write("credentials",
                                                            "[base]\naws_access_key_id = AKIDBASE\n"
                                                            "aws_secret_access_key = s\n")},
                  {"AWS_ENDPOINT_URL", "http://127.0.0.1:1"}};
  auto http = std::make_shared<testing::FakeHttp>();
  auto clock = std::make_shared<testing::FakeClock>();
  http->handler = [&](const HttpRequest& request) -> Result<HttpResponse> {
    if (request.body.find("Action=AssumeRole") != std::string::npos) {
      std::string expiration = format_iso8601(clock->now() + std::chrono::hours(1));
      return HttpResponse{.status = 200,
                          .body =
                              "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE"
                              "</AccessKeyId><SecretAccessKey>rs</SecretAccessKey><SessionToken>rt"
                              "</SessionToken><Expiration>" +
                              expiration + "</Expiration></Credentials></AssumeRoleResult></AssumeRoleResponse>"};
    }
    return HttpResponse{.status = 200,
                        .body =
                            "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>2</Account>"
                            "</GetCallerIdentityResult></GetCallerIdentityResponse>"};
  };
  auto session = Session::create({.profile = "role", .environment = env, .http = http, .clock = clock});
  ASSERT_TRUE(session.has_value()) << describe(session.error());
  EXPECT_EQ((*session)->region(), "eu-west-1");
  EXPECT_EQ((*session)->endpoint(Service::Sts).url, "http://127.0.0.1:1");
  auto sts = (*session)->sts();
  ASSERT_TRUE(sts.get_caller_identity().has_value());
  ASSERT_TRUE(sts.get_caller_identity().has_value());
  ASSERT_EQ(http->requests.size(), 3u);  // one AssumeRole, two calls
  EXPECT_NE(find_header(http->requests[0].headers, "authorization")->find("Credential=AKIDBASE/"), std::string::npos);
  EXPECT_NE(find_header(http->requests[1].headers, "authorization")->find("Credential=ASIAROLE/"), std::string::npos);
  EXPECT_EQ(find_header(http->requests[1].headers, "x-amz-security-token"), "rt");
  clock->advance(std::chrono::minutes(50));  // within 15 minutes of expiry: refreshed
  ASSERT_TRUE(sts.get_caller_identity().has_value());
  EXPECT_EQ(http->requests.size(), 5u);
}

}  // namespace
}  // namespace cutover::aws
