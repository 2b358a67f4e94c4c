#pragma once
// Health checks: account resources (Route 53) that record sets name by id.
// A copy into another account recreates each check the copied sets name,
// with the same configuration, and points the copies at the new ids; the
// parity gate compares checks by configuration, never by id.
//
//   HealthChecks* source = from.health_checks();             // nullptr: the provider has none
//   auto tree = read_check_tree(referenced_checks(copied), *source);
//   for (const auto& id : creation_order(*tree)) ...         // children before the checks over them

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "aws/route53_health_checks.h"
#include "planner/providers/rrset.h"
#include "planner/result.h"

namespace cutover::planner {

/// Route 53's HealthCheckConfig: the planner compares and copies it whole.
using HealthCheckConfig = aws::route53::HealthCheckConfig;

/// A check of the account and the CallerReference it was created with.
struct HealthCheckRef {
  std::string id{};
  std::string caller_reference{};
};

/// The health checks of one account.
class HealthChecks {
 public:
  virtual ~HealthChecks() = default;
  /// The check's configuration; a Provider error with Fault::NotFound when it does not exist.
  virtual Result<HealthCheckConfig> get(const std::string& id) = 0;
  /// Every check of the account.
  virtual Result<std::vector<HealthCheckRef>> list() = 0;
  /// Creates a check, or returns the id of the one created with this
  /// reference and the same configuration (idempotent).
  virtual Result<std::string> create(const std::string& caller_reference, const HealthCheckConfig& config) = 0;
  /// Deletes a check; success when it is gone already.
  virtual Result<void> remove(const std::string& id) = 0;
};

/// The ids of the health checks `sets` name, each once.
std::set<std::string> referenced_checks(const std::vector<Rrset>& sets);

/// Checks by id, with every child of a calculated check; a check that does
/// not exist maps to nullopt (a record set may name a deleted check).
using CheckTree = std::map<std::string, std::optional<HealthCheckConfig>>;

/// Reads `ids` and, recursively, the children of calculated checks.
/// Provider errors other than NotFound pass through.
Result<CheckTree> read_check_tree(const std::set<std::string>& ids, HealthChecks& checks);

/// The existing checks of `tree`, children before the checks over them.
std::vector<std::string> creation_order(const CheckTree& tree);

/// Why the check `id` of `tree` cannot be recreated in another account (it
/// or a child watches a CloudWatch alarm or a routing control, or does not
/// exist), with what the user can do; nullopt when it can.
struct CheckObstacle {
  std::string why{};
  std::string remedy{};
};
std::optional<CheckObstacle> recreation_obstacle(const std::string& id, const CheckTree& tree);

/// `config` with its children's ids replaced through `ids` (source -> copy);
/// nullopt when a child has no copy yet.
std::optional<HealthCheckConfig> with_copied_children(const HealthCheckConfig& config, const std::map<std::string, std::string>& ids);

/// True when check `a` of `a_tree` and check `b` of `b_tree` have the same
/// configuration, children compared the same way (by configuration, in order).
bool same_check(const std::string& a, const CheckTree& a_tree, const std::string& b, const CheckTree& b_tree);

/// "HTTPS_STR_MATCH 192.0.2.10:443 /health" or "CALCULATED 1 of 2": a check in a few words.
std::string summary(const HealthCheckConfig& config);

}  // namespace cutover::planner
