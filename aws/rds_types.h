#pragma once
// RDS / Aurora values in our own types (no XML here). Statuses stay strings:
// AWS adds values, and the planner decides what each one means for it.

#include <optional>
#include <string>
#include <vector>

#include "aws/query_request.h"

namespace cutover::aws::rds {

/// A Describe filter: values OR-ed, filters AND-ed.
struct Filter {
  std::string name{};
  std::vector<std::string> values{};
};

/// A cluster member instance.
struct ClusterMember {
  std::string instance_id{};
  bool writer{false};
  std::optional<int> promotion_tier{};
};

/// An Aurora cluster (DescribeDBClusters and the create/delete results).
struct DbCluster {
  std::string id{};
  std::string arn{};
  std::string resource_id{};
  std::string status{};  // available, creating, deleting, ...
  std::string engine{};
  std::string engine_version{};
  std::string endpoint{};
  std::string reader_endpoint{};
  std::optional<int> port{};
  std::string clone_group_id{};
  std::string latest_restorable_time{};
  std::string db_subnet_group{};
  std::vector<std::string> vpc_security_group_ids{};
  std::vector<ClusterMember> members{};
  std::vector<Tag> tags{};
  bool deletion_protection{false};
};

/// An instance's network endpoint (absent while creating).
struct InstanceEndpoint {
  std::string address{};
  std::optional<int> port{};
  std::string hosted_zone_id{};
};

/// A DB instance.
struct DbInstance {
  std::string id{};
  std::string arn{};
  std::string resource_id{};
  std::string instance_class{};
  std::string engine{};
  std::string status{};
  std::string cluster_id{};
  std::string availability_zone{};
  std::optional<int> promotion_tier{};
  std::optional<InstanceEndpoint> endpoint{};
  std::vector<Tag> tags{};
};

/// RestoreDBClusterToPointInTime; defaults make an Aurora clone.
struct RestoreClusterRequest {
  std::string cluster_id{};
  std::string source_cluster_id{};
  std::string restore_type{"copy-on-write"};
  bool use_latest_restorable_time{true};
  std::string restore_to_time{};  // ISO 8601; only without use_latest_restorable_time
  std::string db_subnet_group{};
  std::vector<std::string> vpc_security_group_ids{};
  std::vector<Tag> tags{};
  std::optional<bool> deletion_protection{};
  std::string db_cluster_parameter_group{};
  std::string kms_key_id{};
};

/// CreateDBInstance of an Aurora cluster member (no storage/credential fields).
struct CreateInstanceRequest {
  std::string instance_id{};
  std::string instance_class{};
  std::string engine{};
  std::string cluster_id{};
  std::optional<int> promotion_tier{};
  std::string availability_zone{};
  std::string db_parameter_group{};
  std::optional<bool> publicly_accessible{};
  std::vector<Tag> tags{};
};

/// DescribeDBClusters / DescribeDBInstances input.
struct DescribeRequest {
  std::string identifier{};
  std::vector<Filter> filters{};
  std::optional<int> max_records{};  // 20..100
  std::string marker{};
};

/// Delete options (Aurora members and clones: skip the final snapshot).
struct DeleteOptions {
  bool skip_final_snapshot{true};
  std::string final_snapshot_id{};
  std::optional<bool> delete_automated_backups{};
};

/// One page of clusters.
struct ClusterPage {
  std::vector<DbCluster> clusters{};
  std::string marker{};
};

/// One page of instances.
struct InstancePage {
  std::vector<DbInstance> instances{};
  std::string marker{};
};

}  // namespace cutover::aws::rds
