#pragma once
// A server the lab started is "up" once it answers, not once its process exists:
// knotd and Unbound bind and load zones a moment after exec.

#include <chrono>
#include <span>
#include <string>

#include "dns/prober.h"
#include "dns/result.h"

namespace cutover::lab {

/// Polls `requests` (one try of 200 ms each, every 50 ms) until every one gets
/// an answer from its server. Fails with Timeout after `within`: "<what> did not
/// come up: <server> <name>: <outcome>" for the last request still unanswered;
/// fails like dns::probe() if probing itself fails.
dns::Result<void> wait_answering(std::span<const dns::ProbeRequest> requests, std::chrono::steady_clock::duration within,
                                 const std::string& what);

}  // namespace cutover::lab
