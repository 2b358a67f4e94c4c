#pragma once
// Gates are checked right before a step's action, with live DNS queries or a
// provider API. The executor sees this interface; the live implementation
// (gates/live_gate_checker.h) asks real servers, tests use fakes.

#include <map>
#include <string>
#include <vector>

#include "planner/result.h"
#include "planner/steps/run_facts.h"
#include "planner/steps/step.h"

namespace cutover::planner {

/// What a gate check found: whether it holds, and the evidence (which server
/// answered what) in lines a person can read.
struct GateResult {
  bool holds{false};
  /// True when too few servers answered to decide (never counted as holding).
  bool undecided{false};
  std::vector<std::string> evidence{};
  /// Of the servers asked, how many gave the expected answer (the first
  /// evidence line in figures); 0 of 0 for a gate that asks no servers.
  int agreeing{0};
  int asked{0};
  /// Baselines this check fixed for later checks of the run (the NS set an
  /// "unchanged delegation" gate first saw). The executor keeps them in the
  /// run facts and the journal, so a resumed run compares with the same.
  std::map<std::string, std::string> learned{};  // by baseline_key()
};

class GateChecker {
 public:
  virtual ~GateChecker() = default;
  /// Checks `gate` now. Fails only when the check could not run at all
  /// (bad configuration, a provider error); a gate that does not hold is a
  /// GateResult with holds == false.
  virtual Result<GateResult> check(const Gate& gate, const RunFacts& run) = 0;
};

}  // namespace cutover::planner
