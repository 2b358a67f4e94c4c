#pragma once
// Tunables of the prober, shared by the engine, the socket driver and the checks.

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace cutover::dns {

/// How hard and how fast to ask. The defaults suit authoritative servers on a
/// network; the lab and the bench change them with designated initialisers.
struct ProbeOptions {
  std::chrono::milliseconds timeout{500};  // first attempt; later ones are multiplied by `backoff`
  double backoff{2.0};
  int attempts{3};                              // UDP sends per query, the first one included
  std::size_t max_in_flight_per_server{64};     // Knot drops packets above ~200 in flight (LAB-NOTES)
  std::size_t max_in_flight{1024};              // over all servers
  double max_rate_per_server{0};                // queries per second; 0 = no limit
  std::uint16_t edns_udp_size{1232};            // 0 = no EDNS0; 1232 avoids fragmentation (DNS flag day 2020)
  std::chrono::milliseconds tcp_timeout{3000};  // connect + exchange, after a truncated reply
  std::size_t give_up_after{24};                // consecutive unanswered queries before a server's queue is dropped
};

}  // namespace cutover::dns
