// Gates answered by provider APIs: Route 53 Domains operations and database
// clusters. A provider error is evidence of a gate that does not hold (see
// LiveGateChecker::check), never a crash.
#include "planner/gates/live_gate_checker.h"

#include <algorithm>

namespace cutover::planner {
namespace {

std::string_view status_text(DomainTransfers::OperationStatus status) {
  switch (status) {
    case DomainTransfers::OperationStatus::InProgress: return "IN_PROGRESS";
    case DomainTransfers::OperationStatus::Successful: return "SUCCESSFUL";
    case DomainTransfers::OperationStatus::Failed: return "FAILED";
    case DomainTransfers::OperationStatus::Unknown: break;
  }
  return "UNKNOWN";
}

void add_once(std::vector<std::string>& list, const std::string& key) {
  if (!key.empty() && std::ranges::find(list, key) == list.end()) list.push_back(key);
}

}  // namespace

// The accounts to ask about the registration: the registrar's (Route 53
// Domains) first, then a transfer's receiving account (an accepted transfer's
// operation lives there), then any other account with a transfers client.
std::vector<std::string> LiveGateChecker::transfer_accounts() const {
  std::vector<std::string> out;
  if (plan_.registrar) {
    if (const auto* r53 = std::get_if<Route53DomainsRegistrar>(&*plan_.registrar)) add_once(out, r53->account);
  }
  for (const auto& strategy : plan_.strategies) {
    if (const auto* t = std::get_if<DomainTransfer>(&strategy)) {
      add_once(out, t->from_account);
      add_once(out, t->to_account);
    }
  }
  for (const auto& [key, client] : providers_.transfers) add_once(out, key);
  std::erase_if(out, [&](const std::string& key) {
    auto it = providers_.transfers.find(key);
    return it == providers_.transfers.end() || !it->second;
  });
  return out;
}

Result<GateResult> LiveGateChecker::domain_idle(const Gate& gate) {
  auto accounts = transfer_accounts();
  if (accounts.empty()) return fail(ErrorCode::Invalid, "no Route 53 Domains account to ask whether the domain is idle");
  dns::DomainName domain = gate.name.value_or(plan_.domain);
  const auto& account = accounts.front();
  auto pending = providers_.transfers.at(account)->operation_in_progress(domain);
  if (!pending) {
    return fail(ErrorCode::Provider, "Route 53 Domains (account '" + account + "'): " + pending.error().message);
  }
  std::string where = "Route 53 Domains (account '" + account + "'): " + domain.text();
  if (*pending) return GateResult{.holds = false, .evidence = {where + " has operation " + **pending + " in progress"}};
  return GateResult{.holds = true, .evidence = {where + " has no operation in progress"}};
}

Result<GateResult> LiveGateChecker::operation_succeeded(const RunFacts& run) {
  const std::string& id = run.transfer_operation_id;
  if (id.empty()) {
    return GateResult{.holds = false, .evidence = {"no transfer operation id is known to this run"}};
  }
  auto accounts = transfer_accounts();
  if (accounts.empty()) return fail(ErrorCode::Invalid, "no Route 53 Domains account to ask about operation " + id);
  // The operation belongs to one account; the others may not know it (an error or UNKNOWN).
  std::vector<std::string> evidence;
  for (const auto& account : accounts) {
    auto status = providers_.transfers.at(account)->status(id);
    std::string where = "Route 53 Domains (account '" + account + "'): operation " + id;
    if (!status) {
      evidence.push_back(where + ": error: " + status.error().message);
      continue;
    }
    if (*status == DomainTransfers::OperationStatus::Unknown) {
      evidence.push_back(where + " -> UNKNOWN");
      continue;
    }
    evidence.push_back(where + " -> " + std::string(status_text(*status)));
    return GateResult{.holds = *status == DomainTransfers::OperationStatus::Successful, .evidence = std::move(evidence)};
  }
  return GateResult{.holds = false, .evidence = std::move(evidence)};
}

Result<std::optional<std::string>> LiveGateChecker::cluster_endpoint(const std::string& name, const RunFacts& run) {
  std::string cluster = run.dated(name);
  for (const auto& [account, database] : providers_.databases) {
    if (!database) continue;
    auto state = database->describe(cluster);
    if (!state) return fail(ErrorCode::Provider, "RDS (account '" + account + "'): cluster " + cluster + ": " + state.error().message);
    if (*state) return std::optional<std::string>{(*state)->endpoint};
  }
  return std::optional<std::string>{};
}

Result<GateResult> LiveGateChecker::cluster_available(const Gate& gate, const RunFacts& run) {
  std::string cluster = run.dated(gate.expected);
  if (cluster.find("YYYYMMDD") != std::string::npos) {
    return GateResult{.holds = false, .evidence = {"cluster " + cluster + ": the run's date is not known"}};
  }
  if (providers_.databases.empty()) return fail(ErrorCode::Invalid, "no database account to ask about cluster " + cluster);
  std::vector<std::string> evidence;
  for (const auto& [account, database] : providers_.databases) {
    if (!database) continue;
    auto state = database->describe(cluster);
    std::string where = "RDS (account '" + account + "'): cluster " + cluster;
    if (!state) {
      evidence.push_back(where + ": error: " + state.error().message);
      continue;
    }
    if (!*state) {
      evidence.push_back(where + " not found");
      continue;
    }
    const auto& c = **state;
    bool holds = c.status == "available" && c.instances_available && !c.instances.empty();
    evidence.push_back(where + " -> status " + c.status + ", " + std::to_string(c.instances.size()) + " instance(s) " +
                       (c.instances_available ? "available" : "not all available"));
    return GateResult{.holds = holds, .evidence = std::move(evidence)};
  }
  return GateResult{.holds = false, .evidence = std::move(evidence)};
}

}  // namespace cutover::planner
