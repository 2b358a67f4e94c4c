#include "planner/providers/health_checks.h"

#include <functional>

namespace cutover::planner {
namespace {

// Route 53 refuses a calculated check over a calculated one, so trees are
// shallow; the depth limit only guards against a hostile or broken listing.
constexpr int kMaxDepth = 8;

}  // namespace

std::set<std::string> referenced_checks(const std::vector<Rrset>& sets) {
  std::set<std::string> out;
  for (const auto& set : sets) {
    if (!set.health_check_id.empty()) out.insert(set.health_check_id);
  }
  return out;
}

Result<CheckTree> read_check_tree(const std::set<std::string>& ids, HealthChecks& checks) {
  CheckTree tree;
  std::vector<std::string> pending(ids.begin(), ids.end());
  while (!pending.empty()) {
    std::string id = std::move(pending.back());
    pending.pop_back();
    if (tree.contains(id)) continue;
    auto config = checks.get(id);
    if (!config && config.error().fault != Fault::NotFound) return std::unexpected(config.error());
    if (!config) {
      tree[id] = std::nullopt;
      continue;
    }
    for (const auto& child : config->child_health_checks) pending.push_back(child);
    tree[id] = std::move(*config);
  }
  return tree;
}

std::vector<std::string> creation_order(const CheckTree& tree) {
  std::vector<std::string> out;
  std::set<std::string> placed;
  std::function<void(const std::string&, int)> place = [&](const std::string& id, int depth) {
    auto it = tree.find(id);
    if (it == tree.end() || !it->second || placed.contains(id) || depth > kMaxDepth) return;
    for (const auto& child : it->second->child_health_checks) place(child, depth + 1);
    if (placed.insert(id).second) out.push_back(id);
  };
  for (const auto& [id, config] : tree) place(id, 0);
  return out;
}

namespace {

std::optional<CheckObstacle> obstacle_at(const std::string& id, const CheckTree& tree, int depth) {
  auto it = tree.find(id);
  if (it == tree.end() || !it->second) {
    return CheckObstacle{.why = "health check " + id + " does not exist in the source account",
                         .remedy = "remove the HealthCheckId from the record set in the source zone, or point it at an existing check"};
  }
  const HealthCheckConfig& config = *it->second;
  if (config.type == "CLOUDWATCH_METRIC") {
    std::string alarm = config.alarm ? "'" + config.alarm->name + "' (" + config.alarm->region + ")" : "(unnamed)";
    return CheckObstacle{
        .why = "health check " + id + " watches CloudWatch alarm " + alarm + ", which belongs to the source account and is not recreated",
        .remedy =
            "recreate the alarm and a health check on it in the target account and name that check on the "
            "copied set after the copy, or remove the check from the set in the source zone first"};
  }
  if (config.type == "RECOVERY_CONTROL") {
    return CheckObstacle{.why = "health check " + id + " follows routing control " + config.routing_control_arn +
                                " (Route 53 Application Recovery Controller), which a copy does not recreate",
                         .remedy =
                             "create a health check on the routing control in the target account by hand, or remove the "
                             "check from the set in the source zone first"};
  }
  for (const auto& child : config.child_health_checks) {
    auto obstacle = depth < kMaxDepth ? obstacle_at(child, tree, depth + 1)
                                      : CheckObstacle{.why = "health check " + id + " nests too deep", .remedy = "check its children"};
    if (obstacle) {
      obstacle->why = "calculated health check " + id + " counts on a child that cannot be recreated: " + obstacle->why;
      return obstacle;
    }
  }
  return std::nullopt;
}

bool same_at(const std::string& a, const CheckTree& a_tree, const std::string& b, const CheckTree& b_tree, int depth) {
  auto x = a_tree.find(a);
  auto y = b_tree.find(b);
  if (depth > kMaxDepth || x == a_tree.end() || y == b_tree.end() || !x->second || !y->second) return false;
  HealthCheckConfig left = *x->second;
  HealthCheckConfig right = *y->second;
  if (left.child_health_checks.size() != right.child_health_checks.size()) return false;
  for (std::size_t i = 0; i < left.child_health_checks.size(); ++i) {
    if (!same_at(left.child_health_checks[i], a_tree, right.child_health_checks[i], b_tree, depth + 1)) return false;
  }
  left.child_health_checks.clear();
  right.child_health_checks.clear();
  return left == right;
}

}  // namespace

std::optional<CheckObstacle> recreation_obstacle(const std::string& id, const CheckTree& tree) { return obstacle_at(id, tree, 0); }

bool same_check(const std::string& a, const CheckTree& a_tree, const std::string& b, const CheckTree& b_tree) {
  return same_at(a, a_tree, b, b_tree, 0);
}

std::optional<HealthCheckConfig> with_copied_children(const HealthCheckConfig& config, const std::map<std::string, std::string>& ids) {
  HealthCheckConfig out = config;
  for (auto& child : out.child_health_checks) {
    auto it = ids.find(child);
    if (it == ids.end()) return std::nullopt;
    child = it->second;
  }
  return out;
}

std::string summary(const HealthCheckConfig& config) {
  std::string out = config.type;
  if (config.type == "CALCULATED") {
    return out + " " + std::to_string(config.health_threshold.value_or(0)) + " of " + std::to_string(config.child_health_checks.size());
  }
  std::string where = !config.fqdn.empty() ? config.fqdn : config.ip_address;
  if (!where.empty()) out += " " + where + (config.port ? ":" + std::to_string(*config.port) : "");
  if (!config.resource_path.empty()) out += " " + config.resource_path;
  if (config.inverted.value_or(false)) out += " (inverted)";
  if (config.disabled.value_or(false)) out += " (disabled)";
  return out;
}

}  // namespace cutover::planner
