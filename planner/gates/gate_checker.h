#pragma once
// Gates are checked right before a step's action, with live DNS queries or a
// provider API. The executor sees this interface; the live implementation
// (planner/live_gates.*) asks real servers, tests use fakes.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "planner/result.h"
#include "planner/steps/step.h"

namespace cutover::planner {

/// Values a run learned that gates refer to: "transfer.operation_id",
/// "run_date" (YYYYMMDD, for daily clone names), a baseline fixed by a gate
/// (baseline_key()). Never a secret.
using RunFacts = std::map<std::string, std::string>;

/// What a gate check found: whether it holds, and the evidence (which server
/// answered what) in lines a person can read.
struct GateResult {
  bool holds{false};
  /// True when too few servers answered to decide (never counted as holding).
  bool undecided{false};
  std::vector<std::string> evidence{};
  /// Baselines this check fixed for later checks of the run (the NS set an
  /// "unchanged delegation" gate first saw). The executor keeps them in the
  /// run facts and the journal, so a resumed run compares with the same.
  RunFacts learned{};
};

/// The run-fact key of a gate's baseline: "baseline:" + what it is about.
inline std::string baseline_key(std::string_view what) { return "baseline:" + std::string(what); }

class GateChecker {
 public:
  virtual ~GateChecker() = default;
  /// Checks `gate` now. Fails only when the check could not run at all
  /// (bad configuration, a provider error); a gate that does not hold is a
  /// GateResult with holds == false.
  virtual Result<GateResult> check(const Gate& gate, const RunFacts& run) = 0;
};

}  // namespace cutover::planner
