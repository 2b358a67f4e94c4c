#pragma once
// Databases (RDS / Aurora) as the db-pointer strategy needs them.

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "planner/result.h"

namespace cutover::planner {

struct ClusterState {
  std::string id{};
  std::string status{};    // "available", "creating", ...
  std::string endpoint{};  // writer endpoint
  std::map<std::string, std::string> tags{};
  std::vector<std::string> instances{};
  bool instances_available{false};
};

class Database {
 public:
  virtual ~Database() = default;
  /// The cluster, or nullopt when it does not exist.
  virtual Result<std::optional<ClusterState>> describe(const std::string& cluster) = 0;
  /// Clusters whose id starts with `prefix`.
  virtual Result<std::vector<ClusterState>> list(const std::string& prefix) = 0;
  /// Copy-on-write clone at the latest restorable time, tagged.
  virtual Result<void> clone(const std::string& source, const std::string& clone, const std::map<std::string, std::string>& tags) = 0;
  virtual Result<void> create_instance(const std::string& cluster, const std::string& instance, const std::string& instance_class) = 0;
  virtual Result<void> tag(const std::string& cluster, const std::map<std::string, std::string>& tags) = 0;
  /// Deletes the cluster's instances, then the cluster.
  virtual Result<void> remove(const std::string& cluster) = 0;
};

}  // namespace cutover::planner
