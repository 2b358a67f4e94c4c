#include "aws/rds.h"

#include "aws/paging.h"
#include "aws/rds_query.h"

namespace cutover::aws::rds {

Result<DbCluster> Client::restore_db_cluster_to_point_in_time(const RestoreClusterRequest& request) const {
  return parse_body(client_.call(restore_cluster_query(request).call(/*idempotent=*/false)), parse_cluster_result,
                    "RestoreDBClusterToPointInTime");
}

Result<DbInstance> Client::create_db_instance(const CreateInstanceRequest& request) const {
  return parse_body(client_.call(create_instance_query(request).call(/*idempotent=*/false)), parse_instance_result, "CreateDBInstance");
}

Result<ClusterPage> Client::describe_db_clusters(const DescribeRequest& request) const {
  return parse_body(client_.call(describe_query("DescribeDBClusters", "DBClusterIdentifier", request).call(true)), parse_cluster_page);
}

Result<std::vector<DbCluster>> Client::describe_all_db_clusters(DescribeRequest request) const {
  return collect_pages(
      std::move(request), [this](const DescribeRequest& r) { return describe_db_clusters(r); }, &ClusterPage::clusters,
      &ClusterPage::marker);
}

Result<InstancePage> Client::describe_db_instances(const DescribeRequest& request) const {
  return parse_body(client_.call(describe_query("DescribeDBInstances", "DBInstanceIdentifier", request).call(true)), parse_instance_page);
}

Result<std::vector<DbInstance>> Client::describe_all_db_instances(DescribeRequest request) const {
  return collect_pages(
      std::move(request), [this](const DescribeRequest& r) { return describe_db_instances(r); }, &InstancePage::instances,
      &InstancePage::marker);
}

Result<void> Client::add_tags_to_resource(std::string_view arn, const std::vector<Tag>& tags) const {
  auto r = client_.call(add_tags_query(arn, tags).call(/*idempotent=*/true));  // same tags twice: same state
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<void> Client::remove_tags_from_resource(std::string_view arn, const std::vector<std::string>& keys) const {
  auto r = client_.call(remove_tags_query(arn, keys).call(/*idempotent=*/true));
  if (!r) return std::unexpected(r.error());
  return {};
}

Result<std::vector<Tag>> Client::list_tags_for_resource(std::string_view arn) const {
  QueryRequest q("ListTagsForResource", "2014-10-31");
  q.add("ResourceName", arn);
  return parse_body(client_.call(q.call(true)), parse_tag_list);
}

Result<DbInstance> Client::delete_db_instance(std::string_view id, const DeleteOptions& options) const {
  auto query = delete_query("DeleteDBInstance", "DBInstanceIdentifier", id, "FinalDBSnapshotIdentifier", options);
  return parse_body(client_.call(query.call(/*idempotent=*/false)), parse_instance_result, "DeleteDBInstance");
}

Result<DbCluster> Client::delete_db_cluster(std::string_view id, const DeleteOptions& options) const {
  auto query = delete_query("DeleteDBCluster", "DBClusterIdentifier", id, "FinalDBSnapshotIdentifier", options);
  return parse_body(client_.call(query.call(/*idempotent=*/false)), parse_cluster_result, "DeleteDBCluster");
}

}  // namespace cutover::aws::rds
