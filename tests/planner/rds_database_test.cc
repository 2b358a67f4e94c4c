// The pure half of the RDS provider: a cluster and its instances as the
// ClusterState the db-pointer gates read.

#include <gtest/gtest.h>

#include "planner/providers/rds_database.h"

namespace cutover::planner {
namespace {

namespace rds = aws::rds;

rds::DbCluster cluster() {
  return {.id = "prod-20261122", .status = "available", .endpoint = "prod-20261122.cluster-x.rds.amazonaws.com",
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

}  // namespace
}  // namespace cutover::planner
