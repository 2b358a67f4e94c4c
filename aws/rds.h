#pragma once
// RDS / Aurora calls over a ServiceClient. Creating calls are not idempotent:
// after an ambiguous failure they are not re-sent (a resend could meet
// *AlreadyExists); the caller describes the identifier and decides.
//
//   rds::Client rds(session.service_client(Service::Rds));
//   auto clone = rds.restore_db_cluster_to_point_in_time({.cluster_id = "pr-1-db", .source_cluster_id = "staging"});
//   ... wait until describe_db_clusters({.identifier = "pr-1-db"}) says "available" ...
//   rds.create_db_instance({.instance_id = "pr-1-db-1", .instance_class = "db.r6g.large",
//                           .engine = "aurora-postgresql", .cluster_id = "pr-1-db"});

#include <string>
#include <string_view>
#include <vector>

#include "aws/rds_types.h"
#include "aws/result.h"
#include "aws/service_client.h"
#include "aws/waiting.h"

namespace cutover::aws::rds {

/// RDS calls.
class Client {
 public:
  explicit Client(ServiceClient client) : client_(std::move(client)) {}

  /// Starts a clone/restore; the cluster comes back "creating".
  Result<DbCluster> restore_db_cluster_to_point_in_time(const RestoreClusterRequest& request) const;
  /// Adds an instance to a cluster; it comes back "creating".
  Result<DbInstance> create_db_instance(const CreateInstanceRequest& request) const;
  /// One page of clusters; NotFound (DBClusterNotFoundFault) for an unknown identifier.
  Result<ClusterPage> describe_db_clusters(const DescribeRequest& request = {}) const;
  /// Every page of clusters.
  Result<std::vector<DbCluster>> describe_all_db_clusters(DescribeRequest request = {}) const;
  /// One page of instances; NotFound (DBInstanceNotFound) for an unknown identifier.
  Result<InstancePage> describe_db_instances(const DescribeRequest& request = {}) const;
  /// Every page of instances.
  Result<std::vector<DbInstance>> describe_all_db_instances(DescribeRequest request = {}) const;
  /// Adds or overwrites tags on an ARN.
  Result<void> add_tags_to_resource(std::string_view arn, const std::vector<Tag>& tags) const;
  /// Removes tag keys from an ARN.
  Result<void> remove_tags_from_resource(std::string_view arn, const std::vector<std::string>& keys) const;
  /// The tags of an ARN.
  Result<std::vector<Tag>> list_tags_for_resource(std::string_view arn) const;
  /// Deletes an instance (default: no final snapshot).
  Result<DbInstance> delete_db_instance(std::string_view id, const DeleteOptions& options = {}) const;
  /// Deletes a cluster whose instances are gone (default: no final snapshot).
  Result<DbCluster> delete_db_cluster(std::string_view id, const DeleteOptions& options = {}) const;

  /// Polls until the cluster is "available"; "WaitFailed" on a status
  /// botocore's waiter treats as failure (deleted, deleting, failed,
  /// incompatible-*, cloning-failed), "WaitTimeout" after the deadline.
  Result<DbCluster> wait_for_cluster_available(std::string_view id, const PollOptions& options = {}) const;
  /// The same for an instance.
  Result<DbInstance> wait_for_instance_available(std::string_view id, const PollOptions& options = {}) const;
  /// Polls until DescribeDBClusters says DBClusterNotFoundFault.
  Result<void> wait_for_cluster_deleted(std::string_view id, const PollOptions& options = {}) const;
  /// Polls until DescribeDBInstances says DBInstanceNotFound.
  Result<void> wait_for_instance_deleted(std::string_view id, const PollOptions& options = {}) const;

 private:
  ServiceClient client_;
};

}  // namespace cutover::aws::rds
