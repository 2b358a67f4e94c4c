#include "dns/socket_io.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/errqueue.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <string>

namespace cutover::dns::detail {
namespace {

using Clock = std::chrono::steady_clock;

std::string errno_text(const char* what) { return std::string(what) + ": " + std::strerror(errno); }

// Waits for `events` on fd until `deadline`; fails with Timeout when it passes.
Result<void> wait_for(int fd, short events, Clock::time_point deadline, const char* step) {
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return fail(ErrorCode::Timeout, std::string("TCP ") + step + " timed out");
    pollfd p{.fd = fd, .events = events, .revents = 0};
    int n = ::poll(&p, 1, static_cast<int>(left));
    if (n > 0) return {};
    if (n < 0 && errno != EINTR) return fail(ErrorCode::Network, errno_text("poll"));
  }
}

Result<void> write_all(int fd, std::span<const std::uint8_t> data, Clock::time_point deadline) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::send(fd, data.data() + done, data.size() - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EAGAIN && errno != EINTR) return fail(ErrorCode::Network, errno_text("TCP send"));
    if (auto ok = wait_for(fd, POLLOUT, deadline, "send"); !ok) return ok;
  }
  return {};
}

Result<void> read_exact(int fd, std::span<std::uint8_t> data, Clock::time_point deadline) {
  std::size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::recv(fd, data.data() + done, data.size() - done, 0);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      continue;
    }
    if (n == 0) return fail(ErrorCode::Network, "TCP connection closed before the whole reply arrived");
    if (errno != EAGAIN && errno != EINTR) return fail(ErrorCode::Network, errno_text("TCP recv"));
    if (auto ok = wait_for(fd, POLLIN, deadline, "read"); !ok) return ok;
  }
  return {};
}

Result<Fd> connect_tcp(const SocketAddress& to, Clock::time_point deadline) {
  Fd fd{::socket(to.storage.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)};
  if (!fd) return fail(ErrorCode::Network, errno_text("TCP socket"));
  if (::connect(fd.get(), reinterpret_cast<const sockaddr*>(&to.storage), to.length) != 0 && errno != EINPROGRESS) {
    return fail(ErrorCode::Network, errno_text("TCP connect"));
  }
  if (auto ok = wait_for(fd.get(), POLLOUT, deadline, "connect"); !ok) return std::unexpected(ok.error());
  int error = 0;
  socklen_t length = sizeof error;
  ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &error, &length);
  if (error != 0) return fail(ErrorCode::Network, std::string("TCP connect: ") + std::strerror(error));
  return fd;
}

}  // namespace

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

Result<SocketAddress> to_socket_address(const ServerAddress& address) {
  SocketAddress out;
  int family = address.ipv6 ? AF_INET6 : AF_INET;
  void* ip = nullptr;  // where inet_pton writes: the families differ only in these fields
  if (address.ipv6) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&out.storage);
    in6->sin6_port = htons(address.port);
    ip = &in6->sin6_addr;
    out.length = sizeof(sockaddr_in6);
  } else {
    auto* in4 = reinterpret_cast<sockaddr_in*>(&out.storage);
    in4->sin_port = htons(address.port);
    ip = &in4->sin_addr;
    out.length = sizeof(sockaddr_in);
  }
  out.storage.ss_family = static_cast<sa_family_t>(family);
  if (inet_pton(family, address.ip.c_str(), ip) != 1) {
    return fail(ErrorCode::Invalid, std::string("not an ") + (address.ipv6 ? "IPv6" : "IPv4") + " address: " + address.ip);
  }
  return out;
}

Result<Fd> open_udp_socket(int family) {
  Fd fd{::socket(family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0)};
  if (!fd) return fail(ErrorCode::Network, errno_text(family == AF_INET6 ? "IPv6 UDP socket" : "UDP socket"));
  // Replies arrive in bursts of hundreds; the default buffer drops them.
  int size = 8 << 20;
  ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  ::setsockopt(fd.get(), SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  // ICMP errors (port unreachable: nothing listens) are queued with the
  // datagram they answer, so the prober fails that query at once instead of
  // waiting out its retries; an unconnected socket drops them otherwise.
  int on = 1;
  if (family == AF_INET6) {
    ::setsockopt(fd.get(), SOL_IPV6, IPV6_RECVERR, &on, sizeof on);
  } else {
    ::setsockopt(fd.get(), SOL_IP, IP_RECVERR, &on, sizeof on);
  }
  return fd;
}

std::vector<IcmpError> read_icmp_errors(int fd) {
  std::vector<IcmpError> out;
  while (true) {
    IcmpError error;
    std::array<std::uint8_t, 64> payload{};  // the start of the datagram the error answers: its DNS header
    std::array<char, 512> control{};
    iovec iov{.iov_base = payload.data(), .iov_len = payload.size()};
    msghdr message{};
    message.msg_name = &error.destination;
    message.msg_namelen = sizeof error.destination;
    message.msg_iov = &iov;
    message.msg_iovlen = 1;
    message.msg_control = control.data();
    message.msg_controllen = control.size();
    ssize_t n = ::recvmsg(fd, &message, MSG_ERRQUEUE | MSG_DONTWAIT);
    if (n < 0) return out;
    for (cmsghdr* c = CMSG_FIRSTHDR(&message); c != nullptr; c = CMSG_NXTHDR(&message, c)) {
      bool ours = (c->cmsg_level == SOL_IP && c->cmsg_type == IP_RECVERR) || (c->cmsg_level == SOL_IPV6 && c->cmsg_type == IPV6_RECVERR);
      if (!ours || n < 2) continue;
      sock_extended_err extended{};
      std::memcpy(&extended, CMSG_DATA(c), sizeof extended);
      if (extended.ee_origin != SO_EE_ORIGIN_ICMP && extended.ee_origin != SO_EE_ORIGIN_ICMP6) continue;
      int e = static_cast<int>(extended.ee_errno);
      if (e != ECONNREFUSED && e != EHOSTUNREACH && e != ENETUNREACH && e != EACCES) continue;
      error.id = static_cast<std::uint16_t>((payload[0] << 8) | payload[1]);
      error.why = std::string(e == ECONNREFUSED ? "port unreachable (ICMP): nothing listens there" : "unreachable (ICMP): ") +
                  (e == ECONNREFUSED ? "" : std::strerror(e));
      out.push_back(error);
    }
  }
}

Result<std::vector<std::uint8_t>> tcp_exchange(const SocketAddress& to, std::span<const std::uint8_t> query,
                                               std::chrono::milliseconds timeout) {
  auto deadline = Clock::now() + timeout;
  auto fd = connect_tcp(to, deadline);
  if (!fd) return std::unexpected(fd.error());
  std::vector<std::uint8_t> framed;
  framed.reserve(query.size() + 2);
  framed.push_back(static_cast<std::uint8_t>(query.size() >> 8));
  framed.push_back(static_cast<std::uint8_t>(query.size() & 0xff));
  framed.insert(framed.end(), query.begin(), query.end());
  if (auto ok = write_all(fd->get(), framed, deadline); !ok) return std::unexpected(ok.error());
  std::uint8_t prefix[2] = {};
  if (auto ok = read_exact(fd->get(), prefix, deadline); !ok) return std::unexpected(ok.error());
  std::vector<std::uint8_t> reply(static_cast<std::size_t>((prefix[0] << 8) | prefix[1]));
  if (auto ok = read_exact(fd->get(), reply, deadline); !ok) return std::unexpected(ok.error());
  return reply;
}

}  // namespace cutover::dns::detail
