#include "aws/rds_query.h"

#include "aws/xml.h"

namespace cutover::aws::rds {
namespace {

using Element = const tinyxml2::XMLElement*;
constexpr std::string_view kVersion = "2014-10-31";

std::optional<int> int_of(Element parent, std::string_view name) {
  auto text = optional_child_text(parent, name);
  if (!text || text->empty()) return std::nullopt;
  try {
    return std::stoi(*text);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::vector<Tag> tags_of(Element tag_list) {
  std::vector<Tag> tags;
  for (Element t : children(tag_list, "Tag")) tags.push_back({child_text(t, "Key"), child_text(t, "Value")});
  return tags;
}

DbCluster cluster_of(Element e) {
  DbCluster c{.id = child_text(e, "DBClusterIdentifier"),
              .arn = child_text(e, "DBClusterArn"),
              .resource_id = child_text(e, "DbClusterResourceId"),
              .status = child_text(e, "Status"),
              .engine = child_text(e, "Engine"),
              .engine_version = child_text(e, "EngineVersion"),
              .endpoint = child_text(e, "Endpoint"),
              .reader_endpoint = child_text(e, "ReaderEndpoint"),
              .port = int_of(e, "Port"),
              .clone_group_id = child_text(e, "CloneGroupId"),
              .latest_restorable_time = child_text(e, "LatestRestorableTime"),
              .db_subnet_group = child_text(e, "DBSubnetGroup"),
              .tags = tags_of(child(e, "TagList")),
              .deletion_protection = child_text(e, "DeletionProtection") == "true"};
  for (Element sg : children(child(e, "VpcSecurityGroups"), "VpcSecurityGroupMembership")) {
    c.vpc_security_group_ids.push_back(child_text(sg, "VpcSecurityGroupId"));
  }
  for (Element m : children(child(e, "DBClusterMembers"), "DBClusterMember")) {
    c.members.push_back({child_text(m, "DBInstanceIdentifier"), child_text(m, "IsClusterWriter") == "true", int_of(m, "PromotionTier")});
  }
  return c;
}

DbInstance instance_of(Element e) {
  DbInstance i{.id = child_text(e, "DBInstanceIdentifier"),
               .arn = child_text(e, "DBInstanceArn"),
               .resource_id = child_text(e, "DbiResourceId"),
               .instance_class = child_text(e, "DBInstanceClass"),
               .engine = child_text(e, "Engine"),
               .status = child_text(e, "DBInstanceStatus"),
               .cluster_id = child_text(e, "DBClusterIdentifier"),
               .availability_zone = child_text(e, "AvailabilityZone"),
               .promotion_tier = int_of(e, "PromotionTier"),
               .tags = tags_of(child(e, "TagList"))};
  if (Element ep = child(e, "Endpoint")) {
    i.endpoint = InstanceEndpoint{child_text(ep, "Address"), int_of(ep, "Port"), child_text(ep, "HostedZoneId")};
  }
  return i;
}

// Query API responses wrap the answer as <ActionResponse><ActionResult>…; `read` gets the Result element.
template <class T, class Read>
Result<T> read_result(std::string_view xml, std::string_view action, Read read) {
  return read_root<T>(xml, std::string(action) + "Response",
                      [&](Element root) { return read(child(root, std::string(action) + "Result")); });
}

}  // namespace

QueryRequest restore_cluster_query(const RestoreClusterRequest& r) {
  QueryRequest q("RestoreDBClusterToPointInTime", kVersion);
  q.add("DBClusterIdentifier", r.cluster_id).add("SourceDBClusterIdentifier", r.source_cluster_id);
  if (!r.restore_type.empty()) q.add("RestoreType", r.restore_type);
  if (r.use_latest_restorable_time)
    q.add_bool("UseLatestRestorableTime", true);
  else if (!r.restore_to_time.empty())
    q.add("RestoreToTime", r.restore_to_time);
  if (!r.db_subnet_group.empty()) q.add("DBSubnetGroupName", r.db_subnet_group);
  if (!r.vpc_security_group_ids.empty()) q.add_list("VpcSecurityGroupIds", "VpcSecurityGroupId", r.vpc_security_group_ids);
  q.add_tags("Tags", "Tag", r.tags);
  if (r.deletion_protection) q.add_bool("DeletionProtection", *r.deletion_protection);
  if (!r.db_cluster_parameter_group.empty()) q.add("DBClusterParameterGroupName", r.db_cluster_parameter_group);
  if (!r.kms_key_id.empty()) q.add("KmsKeyId", r.kms_key_id);
  return q;
}

QueryRequest create_instance_query(const CreateInstanceRequest& r) {
  QueryRequest q("CreateDBInstance", kVersion);
  q.add("DBInstanceIdentifier", r.instance_id).add("DBInstanceClass", r.instance_class).add("Engine", r.engine);
  if (!r.cluster_id.empty()) q.add("DBClusterIdentifier", r.cluster_id);
  if (r.promotion_tier) q.add("PromotionTier", std::to_string(*r.promotion_tier));
  if (!r.availability_zone.empty()) q.add("AvailabilityZone", r.availability_zone);
  if (!r.db_parameter_group.empty()) q.add("DBParameterGroupName", r.db_parameter_group);
  if (r.publicly_accessible) q.add_bool("PubliclyAccessible", *r.publicly_accessible);
  q.add_tags("Tags", "Tag", r.tags);
  return q;
}

QueryRequest describe_query(std::string_view action, std::string_view identifier_param, const DescribeRequest& r) {
  QueryRequest q(action, kVersion);
  if (!r.identifier.empty()) q.add(identifier_param, r.identifier);
  for (size_t i = 0; i < r.filters.size(); ++i) {
    std::string base = "Filters.Filter." + std::to_string(i + 1);
    q.add(base + ".Name", r.filters[i].name);
    q.add_list(base + ".Values", "Value", r.filters[i].values);
  }
  if (r.max_records) q.add("MaxRecords", std::to_string(*r.max_records));
  if (!r.marker.empty()) q.add("Marker", r.marker);
  return q;
}

QueryRequest add_tags_query(std::string_view arn, const std::vector<Tag>& tags) {
  QueryRequest q("AddTagsToResource", kVersion);
  q.add("ResourceName", arn).add_tags("Tags", "Tag", tags);
  return q;
}

QueryRequest remove_tags_query(std::string_view arn, const std::vector<std::string>& keys) {
  QueryRequest q("RemoveTagsFromResource", kVersion);
  q.add("ResourceName", arn).add_list("TagKeys", "member", keys);
  return q;
}

QueryRequest delete_query(std::string_view action, std::string_view identifier_param, std::string_view id, std::string_view snapshot_param,
                          const DeleteOptions& o) {
  QueryRequest q(action, kVersion);
  q.add(identifier_param, id).add_bool("SkipFinalSnapshot", o.skip_final_snapshot);
  if (!o.skip_final_snapshot && !o.final_snapshot_id.empty()) q.add(snapshot_param, o.final_snapshot_id);
  if (o.delete_automated_backups) q.add_bool("DeleteAutomatedBackups", *o.delete_automated_backups);
  return q;
}

Result<DbCluster> parse_cluster_result(std::string_view xml, std::string_view action) {
  return read_result<DbCluster>(
      xml, action, [&](Element result) { return read_required_child(result, "DBCluster", std::string(action) + " response", cluster_of); });
}

Result<DbInstance> parse_instance_result(std::string_view xml, std::string_view action) {
  return read_result<DbInstance>(xml, action, [&](Element result) {
    return read_required_child(result, "DBInstance", std::string(action) + " response", instance_of);
  });
}

Result<ClusterPage> parse_cluster_page(std::string_view xml) {
  return read_result<ClusterPage>(xml, "DescribeDBClusters", [&](Element result) {
    ClusterPage page{.marker = child_text(result, "Marker")};
    for (Element c : children(child(result, "DBClusters"), "DBCluster")) page.clusters.push_back(cluster_of(c));
    return page;
  });
}

Result<InstancePage> parse_instance_page(std::string_view xml) {
  return read_result<InstancePage>(xml, "DescribeDBInstances", [&](Element result) {
    InstancePage page{.marker = child_text(result, "Marker")};
    for (Element i : children(child(result, "DBInstances"), "DBInstance")) page.instances.push_back(instance_of(i));
    return page;
  });
}

Result<std::vector<Tag>> parse_tag_list(std::string_view xml) {
  return read_result<std::vector<Tag>>(xml, "ListTagsForResource", [&](Element result) { return tags_of(child(result, "TagList")); });
}

}  // namespace cutover::aws::rds
