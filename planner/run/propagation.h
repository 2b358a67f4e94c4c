#pragma once
// A wait after a DNS change is a propagation wait: the change spreads while
// cached copies of the old answer expire. While it runs, the executor asks
// the servers the gates around the wait name (the parent's servers, the
// authoritative servers, the plan's resolvers) and reports how many already
// give the new answer. Which gates those are, and how a gate's result is
// written to the journal, is decided here.

#include <map>
#include <string>
#include <vector>

#include "planner/gates/gate_checker.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner {

/// The gates that watch a change spread while `step` waits: among the step's
/// own gates and the gates and checks after of the steps it waits on, those
/// that ask servers for the new answer (delegation at the parent, referral
/// to a child, TTL or record at the authoritative servers, the resolvers).
/// Zone parity (a whole zone) and provider checks are left out. Empty when
/// the step has no wait, or its wait is not a propagation wait.
std::vector<const Gate*> propagation_gates(const Step& step, const std::vector<ScheduledStep>& schedule);

/// The journal data of a gate's result: kind, whom it asks (servers), verdict
/// ("holds", "does not hold", "undecided"), the figures (agreeing of asked)
/// and the evidence lines joined by newlines. The gate's description goes in the message.
std::map<std::string, std::string> gate_record_data(const Gate& gate, const GateResult& result);

/// Whom a gate asks: "parent servers", "resolvers", "servers of 'new'" (the
/// authoritative servers of a zone of the plan), or "provider" (an API).
std::string servers_asked(const Gate& gate);

/// "holds", "does not hold" or "undecided".
std::string verdict_text(const GateResult& result);

}  // namespace cutover::planner
