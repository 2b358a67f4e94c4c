#pragma once
// What a run learns as it goes and later steps refer to: the run's date,
// the domain transfer's operation id, the baselines gates fixed. Restored
// from the journal on every rerun (run/executor.cc), never a secret.

#include <map>
#include <string>
#include <string_view>

namespace cutover::planner {

/// The journal key of a gate's baseline: "baseline:" + what it is about.
inline std::string baseline_key(std::string_view what) { return "baseline:" + std::string(what); }

struct RunFacts {
  /// YYYYMMDD of the run's first start (UTC): names daily clones, so a rerun
  /// after midnight finds the same clone. Empty when unknown.
  std::string run_date{};
  /// The registrar's operation id of the domain transfer, once started.
  std::string transfer_operation_id{};
  /// What "unchanged" gates first saw, by baseline_key(): a rerun compares with the same.
  std::map<std::string, std::string> baselines{};

  /// `name` with "YYYYMMDD" replaced by run_date; unchanged when either is missing.
  std::string dated(const std::string& name) const;
};

}  // namespace cutover::planner
