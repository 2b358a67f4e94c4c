#include "aws/rds.h"

#include "aws/rds_query.h"

namespace cutover::aws::rds {

Result<DbCluster> Client::restore_db_cluster_to_point_in_time(const RestoreClusterRequest& request) const {
  auto r = client_.call(restore_cluster_query(request).call(/*idempotent=*/false));
  if (!r) return std::unexpected(r.error());
  return parse_cluster_result(r->body, "RestoreDBClusterToPointInTime");
}

Result<DbInstance> Client::create_db_instance(const CreateInstanceRequest& request) const {
  auto r = client_.call(create_instance_query(request).call(/*idempotent=*/false));
  if (!r) return std::unexpected(r.error());
  return parse_instance_result(r->body, "CreateDBInstance");
}

Result<ClusterPage> Client::describe_db_clusters(const DescribeRequest& request) const {
  auto r = client_.call(describe_query("DescribeDBClusters", "DBClusterIdentifier", request).call(true));
  if (!r) return std::unexpected(r.error());
  return parse_cluster_page(r->body);
}

Result<std::vector<DbCluster>> Client::describe_all_db_clusters(DescribeRequest request) const {
  std::vector<DbCluster> out;
  for (;;) {
    auto page = describe_db_clusters(request);
    if (!page) return std::unexpected(page.error());
    out.insert(out.end(), page->clusters.begin(), page->clusters.end());
    if (page->marker.empty() || page->marker == request.marker) return out;
    request.marker = page->marker;
  }
}

Result<InstancePage> Client::describe_db_instances(const DescribeRequest& request) const {
  auto r = client_.call(describe_query("DescribeDBInstances", "DBInstanceIdentifier", request).call(true));
  if (!r) return std::unexpected(r.error());
  return parse_instance_page(r->body);
}

Result<std::vector<DbInstance>> Client::describe_all_db_instances(DescribeRequest request) const {
  std::vector<DbInstance> out;
  for (;;) {
    auto page = describe_db_instances(request);
    if (!page) return std::unexpected(page.error());
    out.insert(out.end(), page->instances.begin(), page->instances.end());
    if (page->marker.empty() || page->marker == request.marker) return out;
    request.marker = page->marker;
  }
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
  auto r = client_.call(q.call(true));
  if (!r) return std::unexpected(r.error());
  return parse_tag_list(r->body);
}

Result<DbInstance> Client::delete_db_instance(std::string_view id, const DeleteOptions& options) const {
  auto r = client_.call(delete_query("DeleteDBInstance", "DBInstanceIdentifier", id, "FinalDBSnapshotIdentifier", options)
                            .call(/*idempotent=*/false));
  if (!r) return std::unexpected(r.error());
  return parse_instance_result(r->body, "DeleteDBInstance");
}

Result<DbCluster> Client::delete_db_cluster(std::string_view id, const DeleteOptions& options) const {
  auto r = client_.call(delete_query("DeleteDBCluster", "DBClusterIdentifier", id, "FinalDBSnapshotIdentifier", options)
                            .call(/*idempotent=*/false));
  if (!r) return std::unexpected(r.error());
  return parse_cluster_result(r->body, "DeleteDBCluster");
}

}  // namespace cutover::aws::rds
