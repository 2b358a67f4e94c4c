#include "planner/providers/rds_database.h"

#include <algorithm>

#include "planner/providers/route53_records.h"

namespace cutover::planner {
namespace {

std::vector<aws::Tag> to_tags(const std::map<std::string, std::string>& tags) {
  std::vector<aws::Tag> out;
  for (const auto& [key, value] : tags) out.push_back({.key = key, .value = value});
  return out;
}

}  // namespace

ClusterState cluster_state(const aws::rds::DbCluster& cluster, const std::vector<aws::rds::DbInstance>& instances) {
  ClusterState state{.id = cluster.id, .status = cluster.status, .endpoint = cluster.endpoint};
  for (const auto& tag : cluster.tags) state.tags[tag.key] = tag.value;
  for (const auto& member : cluster.members) state.instances.push_back(member.instance_id);
  bool all_available = true;
  for (const auto& instance : instances) {
    if (instance.cluster_id != cluster.id) continue;
    if (std::ranges::find(state.instances, instance.id) == state.instances.end()) state.instances.push_back(instance.id);
    all_available = all_available && instance.status == "available";
  }
  // A member we could not see as an instance has no known status: not available.
  for (const auto& id : state.instances) {
    all_available = all_available && std::ranges::any_of(instances, [&](const auto& i) { return i.id == id; });
  }
  state.instances_available = !state.instances.empty() && all_available;
  return state;
}

RdsDatabase::RdsDatabase(std::shared_ptr<aws::Session> session) : session_(std::move(session)), client_(session_->rds()) {}

Result<std::optional<aws::rds::DbCluster>> RdsDatabase::find_cluster(const std::string& cluster) {
  auto page = client_.describe_db_clusters({.identifier = cluster});
  if (!page) {
    if (page.error().code == aws::ErrorCode::NotFound) return std::optional<aws::rds::DbCluster>{};
    return std::unexpected(provider_error("describing cluster " + cluster, page.error()));
  }
  for (auto& c : page->clusters) {
    if (c.id == cluster) return std::optional<aws::rds::DbCluster>(std::move(c));
  }
  return std::optional<aws::rds::DbCluster>{};
}

Result<std::vector<aws::rds::DbInstance>> RdsDatabase::instances_of(const std::string& cluster) {
  auto instances = client_.describe_all_db_instances({.filters = {{.name = "db-cluster-id", .values = {cluster}}}});
  if (!instances) return std::unexpected(provider_error("describing the instances of cluster " + cluster, instances.error()));
  return std::move(*instances);
}

Result<std::optional<ClusterState>> RdsDatabase::describe(const std::string& cluster) {
  auto found = find_cluster(cluster);
  if (!found) return std::unexpected(found.error());
  if (!*found) return std::optional<ClusterState>{};
  auto instances = instances_of(cluster);
  if (!instances) return std::unexpected(instances.error());
  return std::optional<ClusterState>(cluster_state(**found, *instances));
}

Result<std::vector<ClusterState>> RdsDatabase::list(const std::string& prefix) {
  auto clusters = client_.describe_all_db_clusters();
  if (!clusters) return std::unexpected(provider_error("listing clusters", clusters.error()));
  // One DescribeDBInstances for all, rather than one per cluster.
  auto instances = client_.describe_all_db_instances();
  if (!instances) return std::unexpected(provider_error("listing instances", instances.error()));
  std::vector<ClusterState> out;
  for (const auto& cluster : *clusters) {
    if (cluster.id.starts_with(prefix)) out.push_back(cluster_state(cluster, *instances));
  }
  return out;
}

Result<void> RdsDatabase::clone(const std::string& source, const std::string& clone, const std::map<std::string, std::string>& tags) {
  // RestoreDBClusterToPointInTime is not idempotent: a rerun the same day on
  // a new journal would clone again (or fail, DBClusterAlreadyExistsFault).
  // The clone's name is the day's: when it exists, today's clone has been
  // asked for already. (A clone named as its source goes to RDS, which refuses it.)
  auto existing = find_cluster(clone);
  if (!existing) return std::unexpected(existing.error());
  if (*existing && clone != source) return {};
  auto found = find_cluster(source);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::Provider, "cannot clone cluster " + source + ": it does not exist");
  // Without them a restore lands in the account's default subnet group and
  // security group, not beside its source where the application can reach it.
  auto restored = client_.restore_db_cluster_to_point_in_time({.cluster_id = clone,
                                                               .source_cluster_id = source,
                                                               .restore_type = "copy-on-write",
                                                               .use_latest_restorable_time = true,
                                                               .db_subnet_group = (*found)->db_subnet_group,
                                                               .vpc_security_group_ids = (*found)->vpc_security_group_ids,
                                                               .tags = to_tags(tags)});
  if (!restored) return std::unexpected(provider_error("cloning cluster " + source + " as " + clone, restored.error()));
  return {};
}

Result<void> RdsDatabase::create_instance(const std::string& cluster, const std::string& instance, const std::string& instance_class) {
  auto found = find_cluster(cluster);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::Provider, "cannot add instance " + instance + ": cluster " + cluster + " does not exist");
  auto instances = instances_of(cluster);
  if (!instances) return std::unexpected(instances.error());
  // A rerun: the instance was asked for already (CreateDBInstance would fail with DBInstanceAlreadyExists).
  auto known = cluster_state(**found, *instances).instances;
  if (std::ranges::find(known, instance) != known.end()) return {};
  auto created = client_.create_db_instance(
      {.instance_id = instance, .instance_class = instance_class, .engine = (*found)->engine, .cluster_id = cluster});
  if (!created) return std::unexpected(provider_error("creating instance " + instance + " in cluster " + cluster, created.error()));
  return {};
}

Result<void> RdsDatabase::tag(const std::string& cluster, const std::map<std::string, std::string>& tags) {
  auto found = find_cluster(cluster);
  if (!found) return std::unexpected(found.error());
  if (!*found) return fail(ErrorCode::Provider, "cannot tag cluster " + cluster + ": it does not exist");
  auto held = [&](const auto& wanted) {
    return std::ranges::any_of((*found)->tags, [&](const aws::Tag& t) { return t.key == wanted.first && t.value == wanted.second; });
  };
  if (std::ranges::all_of(tags, held)) return {};  // a rerun: nothing to change
  auto tagged = client_.add_tags_to_resource((*found)->arn, to_tags(tags));
  if (!tagged) return std::unexpected(provider_error("tagging cluster " + cluster, tagged.error()));
  return {};
}

Result<void> RdsDatabase::remove(const std::string& cluster) {
  auto found = find_cluster(cluster);
  if (!found) return std::unexpected(found.error());
  if (!*found) return {};
  auto instances = instances_of(cluster);
  if (!instances) return std::unexpected(instances.error());
  // Aurora refuses to delete a cluster that still has instances.
  for (const auto& id : cluster_state(**found, *instances).instances) {
    auto seen = std::ranges::find_if(*instances, [&](const auto& i) { return i.id == id; });
    if (seen != instances->end() && seen->status == "deleting") continue;  // a rerun: already asked
    auto gone = client_.delete_db_instance(id, {.skip_final_snapshot = true});
    if (!gone && gone.error().code != aws::ErrorCode::NotFound) {
      return std::unexpected(provider_error("deleting instance " + id + " of cluster " + cluster, gone.error()));
    }
  }
  auto gone = client_.delete_db_cluster(cluster, {.skip_final_snapshot = true});
  if (!gone && gone.error().code != aws::ErrorCode::NotFound) {
    return std::unexpected(provider_error("deleting cluster " + cluster, gone.error()));
  }
  return {};
}

}  // namespace cutover::planner
