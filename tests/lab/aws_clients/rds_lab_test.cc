// RDS against moto behind the lab proxy: clone (restore to point in time),
// instance into the clone, describe with filters and Marker pagination,
// tags, delete instance then cluster.

#include <gtest/gtest.h>

#include <thread>

#include "aws/query_request.h"
#include "tests/lab/aws_clients/lab_test.h"

namespace cutover::aws::rds {
namespace {

class RdsLab : public lab::LabTest {
 protected:
  // A source cluster, made with a raw Query call (cutover never creates one).
  void create_source(const std::string& id) {
    QueryRequest q("CreateDBCluster", "2014-10-31");
    q.add("DBClusterIdentifier", id)
        .add("Engine", "aurora-postgresql")
        .add("MasterUsername", "admin")
        .add("MasterUserPassword", "password-for-lab-1");
    auto r = session->service_client(Service::Rds).call(q.call(true));
    ASSERT_TRUE(r.has_value()) << describe(r.error());
  }
  Client rds() const { return session->rds(); }
};

TEST_F(RdsLab, CloneAddInstanceTagDelete) {
  create_source("staging-db");
  auto clone = rds().restore_db_cluster_to_point_in_time(
      {.cluster_id = "pr-1-db", .source_cluster_id = "staging-db", .tags = {{"managed-by", "cutover"}}});
  ASSERT_TRUE(clone.has_value()) << describe(clone.error());
  EXPECT_EQ(clone->id, "pr-1-db");
  EXPECT_FALSE(clone->arn.empty());

  auto instance = rds().create_db_instance({.instance_id = "pr-1-db-1",
                                            .instance_class = "db.r6g.large",
                                            .engine = "aurora-postgresql",
                                            .cluster_id = "pr-1-db",
                                            .tags = {{"managed-by", "cutover"}}});
  ASSERT_TRUE(instance.has_value()) << describe(instance.error());
  auto members = rds().describe_all_db_instances({.filters = {{"db-cluster-id", {"pr-1-db"}}}});
  ASSERT_TRUE(members.has_value()) << describe(members.error());
  ASSERT_EQ(members->size(), 1u);
  EXPECT_EQ((*members)[0].cluster_id, "pr-1-db");

  ASSERT_TRUE(rds().add_tags_to_resource(clone->arn, {{"expires", "2026-12-01"}}).has_value());
  auto tags = rds().list_tags_for_resource(clone->arn);
  ASSERT_TRUE(tags.has_value()) << describe(tags.error());
  EXPECT_NE(std::ranges::find(*tags, Tag{"expires", "2026-12-01"}), tags->end());
  ASSERT_TRUE(rds().remove_tags_from_resource(clone->arn, {"expires"}).has_value());
  auto after = rds().list_tags_for_resource(clone->arn);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(std::ranges::find(*after, Tag{"expires", "2026-12-01"}), after->end());

  auto gone_instance = rds().delete_db_instance("pr-1-db-1");
  ASSERT_TRUE(gone_instance.has_value()) << describe(gone_instance.error());
  ASSERT_TRUE(
      rds()
          .wait_for_instance_deleted("pr-1-db-1", {.interval = std::chrono::milliseconds(200), .deadline = std::chrono::seconds(20)})
          .has_value());
  auto gone_cluster = rds().delete_db_cluster("pr-1-db");
  ASSERT_TRUE(gone_cluster.has_value()) << describe(gone_cluster.error());
  ASSERT_TRUE(rds()
                  .wait_for_cluster_deleted("pr-1-db", {.interval = std::chrono::milliseconds(200), .deadline = std::chrono::seconds(20)})
                  .has_value());
  auto missing = rds().describe_db_clusters({.identifier = "pr-1-db"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_EQ(missing.error().aws_code, "DBClusterNotFoundFault");
}

TEST_F(RdsLab, CloneReportsCreatingUntilTheLabSaysAvailable) {
  lab->configure({{"cluster_creating_seconds", 3}});
  create_source("src-db");
  ASSERT_TRUE(rds().restore_db_cluster_to_point_in_time({.cluster_id = "slow-db", .source_cluster_id = "src-db"}).has_value());
  auto first = rds().describe_db_clusters({.identifier = "slow-db"});
  ASSERT_TRUE(first.has_value()) << describe(first.error());
  EXPECT_EQ(first->clusters.at(0).status, "creating");
  auto available =
      rds().wait_for_cluster_available("slow-db", {.interval = std::chrono::milliseconds(250), .deadline = std::chrono::seconds(20)});
  ASSERT_TRUE(available.has_value()) << describe(available.error());
  EXPECT_EQ(available->status, "available");
}

// moto 5.2.1 ignores MaxRecords and Marker; the lab proxy pages for it.
TEST_F(RdsLab, MarkerPaginationAndFilters) {
  for (int i = 0; i < 23; ++i) create_source("db-" + std::to_string(i));
  auto first = rds().describe_db_clusters({.max_records = 20});
  ASSERT_TRUE(first.has_value()) << describe(first.error());
  EXPECT_EQ(first->clusters.size(), 20u);
  EXPECT_FALSE(first->marker.empty());
  auto all = rds().describe_all_db_clusters({.max_records = 20});
  ASSERT_TRUE(all.has_value()) << describe(all.error());
  EXPECT_EQ(all->size(), 23u);
  auto some = rds().describe_all_db_clusters({.filters = {{"db-cluster-id", {"db-3", "db-7"}}}});
  ASSERT_TRUE(some.has_value()) << describe(some.error());
  EXPECT_EQ(some->size(), 2u);
}

}  // namespace
}  // namespace cutover::aws::rds
