#pragma once
// Every provider a plan needs, built by the CLI (real adapters) or by tests
// (fakes). The executor only sees these interfaces.

#include <map>
#include <memory>
#include <string>

#include "planner/providers/database.h"
#include "planner/providers/dns_provider.h"
#include "planner/providers/monitoring.h"
#include "planner/providers/registrar.h"

namespace cutover::planner {

struct ProviderSet {
  std::map<std::string, std::unique_ptr<DnsProvider>> zones{};  // by zone key
  std::unique_ptr<Registrar> registrar{};
  std::map<std::string, std::unique_ptr<DomainTransfers>> transfers{};  // by account key
  std::map<std::string, std::unique_ptr<Database>> databases{};         // by account key
  std::map<std::string, std::unique_ptr<Monitoring>> monitors{};        // by account key (weighted shifts' health gates)
};

}  // namespace cutover::planner
