#include "tests/lab/common/wait_answering.h"

#include <thread>

#include "dns/server_address.h"

namespace cutover::lab {

dns::Result<void> wait_answering(std::span<const dns::ProbeRequest> requests, std::chrono::steady_clock::duration within,
                                 const std::string& what) {
  using Clock = std::chrono::steady_clock;
  auto deadline = Clock::now() + within;
  std::string last;
  while (Clock::now() < deadline) {
    auto outcomes = dns::probe(requests, {.timeout = std::chrono::milliseconds(200), .attempts = 1});
    if (!outcomes) return std::unexpected(outcomes.error());
    bool all = true;
    for (std::size_t i = 0; i < outcomes->size(); ++i) {
      if ((*outcomes)[i].kind == dns::OutcomeKind::Answer) continue;
      all = false;
      last = dns::to_string(requests[i].server) + " " + requests[i].question.name.text() + ": " +
             std::string(dns::to_string((*outcomes)[i].kind));
    }
    if (all) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return dns::fail(dns::ErrorCode::Timeout, what + " did not come up: " + last);
}

}  // namespace cutover::lab
