#pragma once
// RDS / Aurora clusters as the db-pointer strategy's Database.
//
//   RdsDatabase db(session);
//   db.clone("prod", "prod-20261122", {{"cutover:lifecycle", "created"}});
//   db.create_instance("prod-20261122", "prod-20261122-1", "db.r6g.large");
//   ... describe("prod-20261122") until status "available" and instances_available ...
//
// Nothing here waits: the executor's gates poll describe().

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "aws/rds.h"
#include "aws/session.h"
#include "planner/providers/database.h"

namespace cutover::planner {

/// A ClusterState from a cluster and the instances that belong to it:
/// instances are the union of the cluster's members and the instances whose
/// cluster is this one (a new instance may be missing from the members while
/// it is created); instances_available when there is at least one and every
/// one is "available". Tags come from the cluster's TagList.
ClusterState cluster_state(const aws::rds::DbCluster& cluster, const std::vector<aws::rds::DbInstance>& instances);

/// The Database of one account and region.
class RdsDatabase final : public Database {
 public:
  /// Keeps `session` alive; sends nothing until a method is called.
  explicit RdsDatabase(std::shared_ptr<aws::Session> session);

  /// DescribeDBClusters + DescribeDBInstances (filter db-cluster-id);
  /// nullopt for DBClusterNotFoundFault.
  Result<std::optional<ClusterState>> describe(const std::string& cluster) override;
  /// Every cluster whose id starts with `prefix`, with its instances.
  Result<std::vector<ClusterState>> list(const std::string& prefix) override;
  /// RestoreDBClusterToPointInTime, copy-on-write at the latest restorable
  /// time, tagged, in the source's subnet group and security groups;
  /// success without a call when `clone` exists already (never two clones
  /// under one name); Provider error when the source does not exist.
  Result<void> clone(const std::string& source, const std::string& clone, const std::map<std::string, std::string>& tags) override;
  /// CreateDBInstance in `cluster`, with the cluster's engine; success
  /// without a call when the cluster has that instance already.
  Result<void> create_instance(const std::string& cluster, const std::string& instance, const std::string& instance_class) override;
  /// AddTagsToResource on the cluster's ARN (existing keys overwritten);
  /// success without a call when the cluster has these tags already.
  Result<void> tag(const std::string& cluster, const std::map<std::string, std::string>& tags) override;
  /// Deletes the instances, then the cluster, without final snapshots;
  /// success when the cluster is gone already. Returns once the deletes are
  /// accepted (the cluster is "deleting").
  Result<void> remove(const std::string& cluster) override;

 private:
  Result<std::optional<aws::rds::DbCluster>> find_cluster(const std::string& cluster);
  Result<std::vector<aws::rds::DbInstance>> instances_of(const std::string& cluster);

  std::shared_ptr<aws::Session> session_{};
  aws::rds::Client client_;
};

}  // namespace cutover::planner
