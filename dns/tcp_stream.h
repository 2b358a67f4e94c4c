#pragma once
// Private to dns/: one TCP connection to a DNS server carrying length-prefixed
// messages (RFC 1035 4.2.2), every step bounded by one deadline. UPDATE sends
// one message and reads one; AXFR reads many replies to one query.

#include <chrono>
#include <cstdint>
#include <span>
#include <vector>

#include "dns/result.h"
#include "dns/server_address.h"
#include "dns/socket_io.h"

namespace cutover::dns::detail {

/// A connected TCP stream to one server; move-only (owns its socket).
class TcpStream {
 public:
  using Deadline = std::chrono::steady_clock::time_point;

  /// Connects to `server` before `deadline`. Fails (Timeout or Network) naming the server.
  static Result<TcpStream> connect(const ServerAddress& server, Deadline deadline);

  /// Sends one message with its length prefix. Fails (Timeout or Network).
  Result<void> send(std::span<const std::uint8_t> message);
  /// Reads the next message. Fails (Timeout, Network; Corrupt when the server closes mid-message).
  Result<std::vector<std::uint8_t>> receive();

 private:
  TcpStream(Fd fd, std::string peer, Deadline deadline) : fd_(std::move(fd)), peer_(std::move(peer)), deadline_(deadline) {}
  // Waits until the socket is ready for `events` (POLLIN/POLLOUT) or the deadline passes.
  Result<void> wait(short events, const char* doing);
  Result<void> read_exact(std::span<std::uint8_t> out);

  Fd fd_{};
  std::string peer_{};
  Deadline deadline_{};
};

}  // namespace cutover::dns::detail
