#pragma once
// Private to dns/: the socket plumbing of the prober. A UDP socket that sends
// and receives in batches (sendmmsg/recvmmsg: LAB-NOTES measured these
// batches as what lifts the prober past dnsperf), sockaddr conversion, and one
// blocking-with-deadline TCP exchange for truncated replies.

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns::detail {

/// A socket address and its length, ready for sendto/connect.
struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length{0};
};

/// The sockaddr for `address`; fails (Invalid) if the IP literal does not convert.
Result<SocketAddress> to_socket_address(const ServerAddress& address);

/// An owned file descriptor, closed on destruction; move-only.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  int release() {
    int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_{-1};
};

/// A non-blocking UDP socket of `family` (AF_INET or AF_INET6) with large
/// buffers and ICMP errors queued (IP_RECVERR); fails (Network) naming errno.
Result<Fd> open_udp_socket(int family);

/// An ICMP error read from a socket's error queue: where the datagram went, and the DNS id it carried.
struct IcmpError {
  sockaddr_storage destination{};
  std::uint16_t id{0};
  std::string why{};  // "port unreachable (ICMP): Connection refused"
};

/// Reads every queued ICMP error of `fd` that says the destination cannot be
/// reached (port, host or network unreachable, prohibited); others (e.g.
/// "fragmentation needed") are read and dropped. Reading the queue also clears
/// the socket's pending error, which would otherwise fail the next send.
std::vector<IcmpError> read_icmp_errors(int fd);

/// Sends `query` (a DNS message) over TCP with its length prefix and reads one
/// reply, all within `timeout`. Fails (Timeout or Network) naming the step that failed.
Result<std::vector<std::uint8_t>> tcp_exchange(const SocketAddress& to, std::span<const std::uint8_t> query,
                                               std::chrono::milliseconds timeout);

}  // namespace cutover::dns::detail
