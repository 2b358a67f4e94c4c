#pragma once
// Progress of a run, reported to an observer the CLI implements (text with a
// countdown, or JSON events). Libraries never print.

#include <chrono>
#include <string>
#include <vector>

#include "planner/gates/gate_checker.h"
#include "planner/steps/step.h"

namespace cutover::planner {

/// One gate's figures during a propagation wait: how many of the servers it
/// asks already give the new answer (result.agreeing of result.asked).
struct GateProgress {
  const Gate* gate{nullptr};
  GateResult result{};
};

class Observer {
 public:
  virtual ~Observer() = default;
  virtual void step_skipped(const Step& /*step*/, const std::string& /*why*/) {}
  virtual void step_started(const Step& /*step*/) {}
  /// Called while waiting for a step's earliest start, about every poll interval.
  virtual void waiting(const Step& /*step*/, std::chrono::seconds /*remaining*/, const std::string& /*reason*/) {}
  /// Called during a propagation wait, before each waiting() call, with the
  /// figures of the gates that watch the change spread (see propagation.h).
  virtual void progress(const Step& /*step*/, std::chrono::seconds /*remaining*/, const std::vector<GateProgress>& /*gates*/) {}
  virtual void gate_checked(const Step& /*step*/, const Gate& /*gate*/, const GateResult& /*result*/) {}
  virtual void action_started(const Step& /*step*/, std::size_t /*index*/, const std::string& /*summary*/) {}
  virtual void action_done(const Step& /*step*/, std::size_t /*index*/, const std::string& /*how*/) {}
  virtual void step_done(const Step& /*step*/) {}
  virtual void step_failed(const Step& /*step*/, const std::string& /*why*/, const std::vector<std::string>& /*evidence*/) {}
  virtual void warning(const std::string& /*text*/) {}
};

}  // namespace cutover::planner
