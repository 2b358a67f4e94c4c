// The pure half of the RDS provider: a cluster and its instances as the
// ClusterState the db-pointer gates read. Then the provider over a fake RDS
// endpoint: a rerun the same day (no journal, or a new one) finds the day's
// clone, its instance and its tags, and sends nothing that would change them.

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "aws/session.h"
#include "planner/providers/rds_database.h"
#include "tests/aws/fakes.h"

namespace cutover::planner {
namespace {

namespace rds = aws::rds;

rds::DbCluster cluster() {
  return {.id = "prod-20261122",
          .status = "available",
          .endpoint = "prod-20261122.cluster-x.rds.amazonaws.com",
          .tags = {{.key = "cutover:lifecycle", .value = "created"}}};
}

TEST(RdsClusterState, NoInstanceIsNotAvailable) {
  auto state = cluster_state(cluster(), {});
  EXPECT_EQ(state.id, "prod-20261122");
  EXPECT_EQ(state.status, "available");
  EXPECT_EQ(state.endpoint, "prod-20261122.cluster-x.rds.amazonaws.com");
  EXPECT_EQ(state.tags.at("cutover:lifecycle"), "created");
  EXPECT_TRUE(state.instances.empty());
  EXPECT_FALSE(state.instances_available);
}

TEST(RdsClusterState, EveryInstanceMustBeAvailable) {
  std::vector<rds::DbInstance> instances{
      {.id = "prod-20261122-1", .status = "available", .cluster_id = "prod-20261122"},
      {.id = "prod-20261122-2", .status = "creating", .cluster_id = "prod-20261122"},
      {.id = "other-1", .status = "available", .cluster_id = "other"},
  };
  auto state = cluster_state(cluster(), instances);
  EXPECT_EQ(state.instances, (std::vector<std::string>{"prod-20261122-1", "prod-20261122-2"}));
  EXPECT_FALSE(state.instances_available);
  instances[1].status = "available";
  EXPECT_TRUE(cluster_state(cluster(), instances).instances_available);
}

TEST(RdsClusterState, AMemberWithoutAnInstanceRecordIsNotAvailable) {
  auto c = cluster();
  c.members = {{.instance_id = "prod-20261122-1", .writer = true}, {.instance_id = "prod-20261122-9"}};
  std::vector<rds::DbInstance> instances{{.id = "prod-20261122-1", .status = "available", .cluster_id = "prod-20261122"}};
  auto state = cluster_state(c, instances);
  EXPECT_EQ(state.instances.size(), 2u);
  EXPECT_FALSE(state.instances_available);
}

// A fake RDS endpoint holding clusters (with their instances), answering the
// Describe calls from them and every other call with an empty success.
class RdsDatabaseRerun : public ::testing::Test {
 protected:
  void SetUp() override {
    http->handler = [this](const aws::HttpRequest& request) -> aws::Result<aws::HttpResponse> {
      auto action = request.body.substr(7, request.body.find('&') - 7);  // "Action=X&..."
      if (action == "DescribeDBClusters") return describe_clusters(request.body);
      if (action == "DescribeDBInstances") return describe_instances();
      return aws::HttpResponse{.status = 200,
                               .body = "<" + action + "Response><" + action +
                                       "Result><DBCluster><DBClusterIdentifier>"
                                       "x</DBClusterIdentifier></DBCluster><DBInstance><DBInstanceIdentifier>x"
                                       "</DBInstanceIdentifier></DBInstance></" +
                                       action + "Result></" + action + "Response>"};
    };
    aws::Environment env{{"AWS_ACCESS_KEY_ID", "AKIDTEST"},
                         {"AWS_SECRET_ACCESS_KEY", "secret"},
                         {"AWS_ENDPOINT_URL", "http://127.0.0.1:1"},
                         {"AWS_CONFIG_FILE", "/nonexistent/config"},
                         {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"}};
    auto session = aws::Session::create({.environment = env, .http = http, .clock = std::make_shared<aws::testing::FakeClock>()});
    ASSERT_TRUE(session.has_value()) << aws::describe(session.error());
    db = std::make_unique<RdsDatabase>(std::shared_ptr<aws::Session>(std::move(*session)));
  }

  aws::Result<aws::HttpResponse> describe_clusters(const std::string& body) {
    std::string out;
    for (const auto& id : clusters) {
      if (body.find("DBClusterIdentifier=") != std::string::npos && body.find("DBClusterIdentifier=" + id + "&") == std::string::npos &&
          !body.ends_with("DBClusterIdentifier=" + id))
        continue;
      out += "<DBCluster><DBClusterIdentifier>" + id + "</DBClusterIdentifier><DBClusterArn>arn:aws:rds:us-east-1:2:cluster:" + id +
             "</DBClusterArn><Status>available</Status><Engine>aurora-postgresql</Engine><TagList><Tag><Key>cutover:lifecycle</Key>"
             "<Value>" +
             lifecycle + "</Value></Tag></TagList></DBCluster>";
    }
    if (out.empty()) {
      return aws::HttpResponse{.status = 404,
                               .body =
                                   "<ErrorResponse><Error><Code>DBClusterNotFoundFault</Code>"
                                   "<Message>not found</Message></Error></ErrorResponse>"};
    }
    return aws::HttpResponse{.status = 200,
                             .body = "<DescribeDBClustersResponse><DescribeDBClustersResult><DBClusters>" + out +
                                     "</DBClusters></DescribeDBClustersResult></DescribeDBClustersResponse>"};
  }

  aws::Result<aws::HttpResponse> describe_instances() {
    std::string out;
    for (const auto& [id, cluster] : instances) {
      out += "<DBInstance><DBInstanceIdentifier>" + id +
             "</DBInstanceIdentifier><DBInstanceStatus>available</DBInstanceStatus>"
             "<DBClusterIdentifier>" +
             cluster + "</DBClusterIdentifier></DBInstance>";
    }
    return aws::HttpResponse{.status = 200,
                             .body = "<DescribeDBInstancesResponse><DescribeDBInstancesResult><DBInstances>" + out +
                                     "</DBInstances></DescribeDBInstancesResult></DescribeDBInstancesResponse>"};
  }

  // The actions of the requests sent that are not Describe calls.
  std::vector<std::string> changes_sent() const {
    std::vector<std::string> out;
    for (const auto& r : http->requests) {
      auto action = r.body.substr(7, r.body.find('&') - 7);
      if (!action.starts_with("Describe")) out.push_back(action);
    }
    return out;
  }

  std::shared_ptr<aws::testing::FakeHttp> http = std::make_shared<aws::testing::FakeHttp>();
  std::set<std::string> clusters{"prod"};
  std::vector<std::pair<std::string, std::string>> instances{{"prod-1", "prod"}};
  std::string lifecycle{"connected"};
  std::unique_ptr<RdsDatabase> db{};
};

TEST_F(RdsDatabaseRerun, TheFirstCloneOfTheDayIsRequested) {
  auto cloned = db->clone("prod", "prod-20261122", {{"cutover:lifecycle", "created"}});
  ASSERT_TRUE(cloned.has_value()) << cloned.error().message;
  EXPECT_EQ(changes_sent(), std::vector<std::string>{"RestoreDBClusterToPointInTime"});
}

TEST_F(RdsDatabaseRerun, ASecondCloneTheSameDayIsNeverRequested) {
  clusters.insert("prod-20261122");
  auto cloned = db->clone("prod", "prod-20261122", {{"cutover:lifecycle", "created"}});
  ASSERT_TRUE(cloned.has_value()) << cloned.error().message;
  EXPECT_TRUE(changes_sent().empty()) << changes_sent().front();
}

TEST_F(RdsDatabaseRerun, AnInstanceIsAddedOnce) {
  clusters.insert("prod-20261122");
  auto added = db->create_instance("prod-20261122", "prod-20261122-1", "db.r6g.large");
  ASSERT_TRUE(added.has_value()) << added.error().message;
  EXPECT_EQ(changes_sent(), std::vector<std::string>{"CreateDBInstance"});
  http->requests.clear();
  instances.emplace_back("prod-20261122-1", "prod-20261122");
  added = db->create_instance("prod-20261122", "prod-20261122-1", "db.r6g.large");
  ASSERT_TRUE(added.has_value()) << added.error().message;
  EXPECT_TRUE(changes_sent().empty()) << changes_sent().front();
}

TEST_F(RdsDatabaseRerun, ATagAlreadyHeldIsNotSentAgain) {
  clusters.insert("prod-20261122");
  ASSERT_TRUE(db->tag("prod-20261122", {{"cutover:lifecycle", "connected"}}).has_value());
  EXPECT_TRUE(changes_sent().empty()) << changes_sent().front();
  ASSERT_TRUE(db->tag("prod-20261122", {{"cutover:lifecycle", "aborted"}}).has_value());
  EXPECT_EQ(changes_sent(), std::vector<std::string>{"AddTagsToResource"});
}

}  // namespace
}  // namespace cutover::planner
