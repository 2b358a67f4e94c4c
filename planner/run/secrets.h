#pragma once
// Secrets a run must carry from one step to a later one (the transfer
// password from TransferDomainToAnotherAwsAccount to the accept step) without
// putting them in the journal, the output or a log.
//
// They are held in memory, and, so that a crash between the two steps does not
// force a second transfer, in a sidecar file next to the journal
// (JOURNAL.secrets, created 0600, removed as soon as the secret is consumed).

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "planner/result.h"

namespace cutover::planner {

class SecretStore {
 public:
  /// A store backed by `file` (absent: memory only). Loads what a previous run left.
  static Result<SecretStore> open(std::optional<std::filesystem::path> file);

  Result<void> put(const std::string& name, const std::string& value);
  std::optional<std::string> get(const std::string& name) const;
  /// Forgets `name`, and removes the file when nothing is left in it.
  Result<void> erase(const std::string& name);

 private:
  Result<void> save() const;
  std::optional<std::filesystem::path> file_{};
  std::map<std::string, std::string> values_{};
};

}  // namespace cutover::planner
