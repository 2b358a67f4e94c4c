#pragma once
// Test helper: a tiny DNS server on a loopback port of its own (IPv4 or IPv6),
// in a thread. It answers every UDP query with one A record (192.0.2.1), or
// with TC set when `truncate_udp`, then answers over TCP; or stays silent.
// Lets the prober's socket driver be tested without root and without knotd.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

namespace cutover::dns::test {

class FakeDnsServer {
 public:
  struct Options {
    int family{AF_INET};
    bool truncate_udp{false};
    bool silent{false};
  };

  explicit FakeDnsServer(Options options) : options_(options) {
    for (int tries = 0; tries < 20 && port_ == 0; ++tries) open_sockets();
    if (port_ != 0) thread_ = std::thread([this] { serve(); });
  }
  ~FakeDnsServer() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (udp_ >= 0) ::close(udp_);
    if (tcp_ >= 0) ::close(tcp_);
  }
  /// 0 when the sockets could not be opened (e.g. no IPv6 on this host).
  std::uint16_t port() const { return port_; }
  int udp_queries() const { return udp_queries_; }

 private:
  void open_sockets() {
    sockaddr_storage address{};
    socklen_t length = loopback(address, 0);
    udp_ = ::socket(options_.family, SOCK_DGRAM, 0);
    if (udp_ < 0 || ::bind(udp_, reinterpret_cast<sockaddr*>(&address), length) != 0) return close_all();
    ::getsockname(udp_, reinterpret_cast<sockaddr*>(&address), &length);
    std::uint16_t port = ntohs(options_.family == AF_INET ? reinterpret_cast<sockaddr_in&>(address).sin_port
                                                          : reinterpret_cast<sockaddr_in6&>(address).sin6_port);
    tcp_ = ::socket(options_.family, SOCK_STREAM, 0);
    int yes = 1;
    ::setsockopt(tcp_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    length = loopback(address, port);
    if (tcp_ < 0 || ::bind(tcp_, reinterpret_cast<sockaddr*>(&address), length) != 0 || ::listen(tcp_, 4) != 0) {
      return close_all();
    }
    port_ = port;
  }
  void close_all() {
    if (udp_ >= 0) ::close(udp_);
    if (tcp_ >= 0) ::close(tcp_);
    udp_ = tcp_ = -1;
  }
  socklen_t loopback(sockaddr_storage& address, std::uint16_t port) {
    address = {};
    if (options_.family == AF_INET) {
      auto& in4 = reinterpret_cast<sockaddr_in&>(address);
      in4.sin_family = AF_INET;
      in4.sin_port = htons(port);
      in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      return sizeof in4;
    }
    auto& in6 = reinterpret_cast<sockaddr_in6&>(address);
    in6.sin6_family = AF_INET6;
    in6.sin6_port = htons(port);
    in6.sin6_addr = in6addr_loopback;
    return sizeof in6;
  }
  // The query turned into a reply: QR+AA, question kept, OPT dropped, one A record (none when truncated).
  static std::vector<std::uint8_t> reply_to(const std::uint8_t* query, std::size_t size, bool truncated) {
    std::size_t end = 12;
    while (end < size && query[end] != 0) end += 1 + query[end];
    end += 5;
    std::vector<std::uint8_t> out(query, query + std::min(end, size));
    out[2] = static_cast<std::uint8_t>(0x84 | (truncated ? 0x02 : 0x00));
    out[3] = 0;
    out[7] = truncated ? 0 : 1;
    out[10] = out[11] = 0;
    if (!truncated) {
      const std::uint8_t rr[] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1};
      out.insert(out.end(), std::begin(rr), std::end(rr));
    }
    return out;
  }
  void serve() {
    std::uint8_t buffer[4096];
    while (!stop_) {
      pollfd fds[2] = {{udp_, POLLIN, 0}, {tcp_, POLLIN, 0}};
      if (::poll(fds, 2, 50) <= 0) continue;
      if (fds[0].revents & POLLIN) {
        sockaddr_storage from{};
        socklen_t length = sizeof from;
        ssize_t n = ::recvfrom(udp_, buffer, sizeof buffer, 0, reinterpret_cast<sockaddr*>(&from), &length);
        if (n < 12) continue;
        ++udp_queries_;
        if (options_.silent) continue;
        auto reply = reply_to(buffer, static_cast<std::size_t>(n), options_.truncate_udp);
        ::sendto(udp_, reply.data(), reply.size(), 0, reinterpret_cast<sockaddr*>(&from), length);
      }
      if (fds[1].revents & POLLIN) serve_tcp();
    }
  }
  void serve_tcp() {
    int conn = ::accept(tcp_, nullptr, nullptr);
    if (conn < 0) return;
    std::uint8_t buffer[4096];
    std::size_t got = 0;
    while (got < 2 || got < 2u + ((buffer[0] << 8) | buffer[1])) {
      ssize_t n = ::recv(conn, buffer + got, sizeof buffer - got, 0);
      if (n <= 0) break;
      got += static_cast<std::size_t>(n);
    }
    if (got > 14) {
      auto reply = reply_to(buffer + 2, got - 2, false);
      std::uint8_t prefix[2] = {static_cast<std::uint8_t>(reply.size() >> 8), static_cast<std::uint8_t>(reply.size() & 0xff)};
      ::send(conn, prefix, 2, MSG_NOSIGNAL);
      ::send(conn, reply.data(), reply.size(), MSG_NOSIGNAL);
    }
    ::close(conn);
  }

  Options options_;
  int udp_{-1};
  int tcp_{-1};
  std::uint16_t port_{0};
  std::atomic<bool> stop_{false};
  std::atomic<int> udp_queries_{0};
  std::thread thread_{};
};

}  // namespace cutover::dns::test
