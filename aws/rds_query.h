#pragma once
// RDS request bodies (Query, Version 2014-10-31) and response parsers, as
// pure functions.

#include <string>
#include <string_view>
#include <vector>

#include "aws/query_request.h"
#include "aws/rds_types.h"
#include "aws/result.h"

namespace cutover::aws::rds {

/// Request builders.
QueryRequest restore_cluster_query(const RestoreClusterRequest& request);
QueryRequest create_instance_query(const CreateInstanceRequest& request);
QueryRequest describe_query(std::string_view action, std::string_view identifier_param, const DescribeRequest& request);
QueryRequest add_tags_query(std::string_view resource_arn, const std::vector<Tag>& tags);
QueryRequest remove_tags_query(std::string_view resource_arn, const std::vector<std::string>& keys);
QueryRequest delete_query(std::string_view action, std::string_view identifier_param, std::string_view id, std::string_view snapshot_param,
                          const DeleteOptions& options);

/// <Action>Response/<Action>Result/DBCluster.
Result<DbCluster> parse_cluster_result(std::string_view xml, std::string_view action);
/// <Action>Response/<Action>Result/DBInstance.
Result<DbInstance> parse_instance_result(std::string_view xml, std::string_view action);
/// DescribeDBClustersResponse.
Result<ClusterPage> parse_cluster_page(std::string_view xml);
/// DescribeDBInstancesResponse.
Result<InstancePage> parse_instance_page(std::string_view xml);
/// ListTagsForResourceResponse.
Result<std::vector<Tag>> parse_tag_list(std::string_view xml);

}  // namespace cutover::aws::rds
