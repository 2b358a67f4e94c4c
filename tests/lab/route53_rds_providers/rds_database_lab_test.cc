// The RDS provider against moto behind the lab proxy: a dated clone of a
// source cluster, an instance in it (engine taken from the cluster), tags,
// describe going from creating to available with the lab's delays, list by
// prefix, and remove (instances, then the cluster).

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "aws/query_request.h"
#include "planner/providers/rds_database.h"
#include "tests/lab/route53_rds_providers/providers_lab.h"

namespace cutover::planner::lab {
namespace {

class RdsDatabaseLab : public ProvidersLab {
 protected:
  // A source cluster, made with a raw Query call (cutover never creates one).
  void create_source(const std::string& id) {
    aws::QueryRequest q("CreateDBCluster", "2014-10-31");
    q.add("DBClusterIdentifier", id)
        .add("Engine", "aurora-postgresql")
        .add("MasterUsername", "admin")
        .add("MasterUserPassword", "password-for-lab-1");
    auto r = session("old")->service_client(aws::Service::Rds).call(q.call(true));
    ASSERT_TRUE(r.has_value()) << aws::describe(r.error());
  }
  // Polls describe() as the executor's gate would, until available or 15 s.
  std::optional<ClusterState> wait_available(RdsDatabase& db, const std::string& id) {
    auto until = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    for (;;) {
      auto state = db.describe(id);
      EXPECT_TRUE(state.has_value()) << (state ? "" : state.error().message);
      if (!state || !*state) return std::nullopt;
      bool ready = (*state)->status == "available" && (*state)->instances_available;
      if (ready || std::chrono::steady_clock::now() > until) return **state;
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
  }
};

TEST_F(RdsDatabaseLab, CloneInstanceTagDescribeRemove) {
  create_source("prod");
  lab->configure({{"cluster_creating_seconds", 1}, {"instance_creating_seconds", 2}});
  RdsDatabase db(session("old"));
  EXPECT_EQ(db.describe("prod-20261122").value(), std::nullopt);

  auto cloned = db.clone("prod", "prod-20261122", {{"cutover:lifecycle", "created"}});
  ASSERT_TRUE(cloned.has_value()) << cloned.error().message;
  auto fresh = db.describe("prod-20261122");
  ASSERT_TRUE(fresh.has_value() && fresh->has_value());
  EXPECT_EQ((*fresh)->status, "creating");
  EXPECT_FALSE((*fresh)->instances_available);
  EXPECT_EQ((*fresh)->tags.at("cutover:lifecycle"), "created");

  auto instance = db.create_instance("prod-20261122", "prod-20261122-1", "db.r6g.large");
  ASSERT_TRUE(instance.has_value()) << instance.error().message;
  auto creating = db.describe("prod-20261122").value();
  ASSERT_TRUE(creating.has_value());
  EXPECT_EQ(creating->instances, std::vector<std::string>{"prod-20261122-1"});
  EXPECT_FALSE(creating->instances_available);  // the instance is still creating

  auto ready = wait_available(db, "prod-20261122");
  ASSERT_TRUE(ready.has_value());
  EXPECT_EQ(ready->status, "available");
  EXPECT_TRUE(ready->instances_available);
  EXPECT_FALSE(ready->endpoint.empty());
  auto instances = session("old")->rds().describe_all_db_instances({.identifier = "prod-20261122-1"});
  ASSERT_TRUE(instances.has_value());
  EXPECT_EQ((*instances)[0].engine, "aurora-postgresql");  // taken from the cluster

  ASSERT_TRUE(db.tag("prod-20261122", {{"cutover:lifecycle", "connected"}}).has_value());
  EXPECT_EQ(db.describe("prod-20261122").value()->tags.at("cutover:lifecycle"), "connected");

  auto listed = db.list("prod-2026");
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);  // "prod" itself does not match the prefix
  EXPECT_EQ((*listed)[0].id, "prod-20261122");
  EXPECT_EQ((*listed)[0].instances, std::vector<std::string>{"prod-20261122-1"});
  EXPECT_EQ(db.list("").value().size(), 2u);

  auto removed = db.remove("prod-20261122");
  ASSERT_TRUE(removed.has_value()) << removed.error().message;
  EXPECT_EQ(count("DeleteDBInstance"), 1);
  EXPECT_EQ(count("DeleteDBCluster"), 1);
  auto after = db.describe("prod-20261122");
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_TRUE(!after->has_value() || (*after)->status == "deleting");
  EXPECT_TRUE(db.describe("prod").value().has_value());  // the source is untouched
}

TEST_F(RdsDatabaseLab, ErrorsNameTheClusterAndCarryTheAwsCode) {
  RdsDatabase db(session("old"));
  auto clone = db.clone("no-such-source", "x-20261122", {});
  ASSERT_FALSE(clone.has_value());
  EXPECT_EQ(clone.error().code, ErrorCode::Provider);
  EXPECT_NE(clone.error().message.find("no-such-source"), std::string::npos) << clone.error().message;
  EXPECT_NE(clone.error().message.find("does not exist"), std::string::npos) << clone.error().message;
  create_source("prod");
  auto taken = db.clone("prod", "prod", {});  // the clone's name is taken by its own source
  ASSERT_FALSE(taken.has_value());
  // moto names another fault than AWS would (DBClusterAlreadyExistsFault): assert the shape only.
  EXPECT_NE(taken.error().message.find("cloning cluster prod as prod: "), std::string::npos) << taken.error().message;
  EXPECT_NE(taken.error().message.find("(HTTP 400)"), std::string::npos) << taken.error().message;
  EXPECT_EQ(db.create_instance("missing", "missing-1", "db.r6g.large").error().code, ErrorCode::Provider);
  EXPECT_TRUE(db.remove("missing").has_value());  // nothing to remove
}

}  // namespace
}  // namespace cutover::planner::lab
