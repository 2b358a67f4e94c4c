#include "dns/prober.h"

#include <poll.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <map>
#include <optional>
#include <random>

#include "dns/probe_engine.h"
#include "dns/socket_io.h"
#include "dns/wire.h"

namespace cutover::dns {
namespace {

using detail::ProbeEngine;
using Clock = std::chrono::steady_clock;
constexpr std::size_t kBatch = 64;
constexpr std::size_t kMaxDatagram = 4096;
constexpr std::size_t kMaxQuery = 512;
// probe_matrix submits questions as the servers' queues drain, never the
// whole list at once: memory follows the queries alive, not the zone. A queue
// is topped up below kLowWater (above what one pass of the loop can send, so
// no server idles), and at most kMaxOpenQuestions questions wait for some
// server: that is how far the fast servers may run ahead of one that lost a
// packet (at ~15,000 questions/s, the half second of its first retry).
constexpr std::size_t kLowWater = 4 * kBatch;
constexpr std::size_t kMaxOpenQuestions = 16384;

// The key of a source address: family, address bytes and port, so replies are
// attributed to the server they came from, not just to an id.
std::string address_key(const sockaddr_storage& storage) {
  std::string key(1, static_cast<char>(storage.ss_family));
  if (storage.ss_family == AF_INET) {
    const auto& in4 = reinterpret_cast<const sockaddr_in&>(storage);
    key.append(reinterpret_cast<const char*>(&in4.sin_addr), 4).append(reinterpret_cast<const char*>(&in4.sin_port), 2);
  } else {
    const auto& in6 = reinterpret_cast<const sockaddr_in6&>(storage);
    key.append(reinterpret_cast<const char*>(&in6.sin6_addr), 16).append(reinterpret_cast<const char*>(&in6.sin6_port), 2);
  }
  return key;
}

// The socket driver: owns the sockets and batches, feeds the engine.
class Driver {
 public:
  Driver(ProbeEngine& engine, std::vector<detail::SocketAddress> endpoints, const ProbeOptions& options)
      : engine_(engine), endpoints_(std::move(endpoints)), options_(options) {
    for (std::size_t i = 0; i < endpoints_.size(); ++i) by_address_.emplace(address_key(endpoints_[i].storage), i);
  }

  Result<void> open();
  /// Runs until every query submitted has completed. `feed()` is called at
  /// each pass and may submit more queries; it returns true when it did.
  template <class Feed, class OnDone>
  void run(Feed&& feed, OnDone&& on_done);

 private:
  void send(const std::vector<ProbeEngine::Send>& sends);
  void send_family(int family, const std::vector<ProbeEngine::Send>& sends);
  void receive(int fd);
  void read_errors(int fd);
  void do_tcp();
  int poll_timeout(bool more_to_send) const;

  ProbeEngine& engine_;
  std::vector<detail::SocketAddress> endpoints_;
  ProbeOptions options_;
  std::map<std::string, std::size_t> by_address_{};
  detail::Fd v4_{};
  detail::Fd v6_{};
  std::vector<std::array<std::uint8_t, kMaxQuery>> out_buffers_ = std::vector<std::array<std::uint8_t, kMaxQuery>>(kBatch);
  std::vector<std::array<std::uint8_t, kMaxDatagram>> in_buffers_ = std::vector<std::array<std::uint8_t, kMaxDatagram>>(kBatch);
};

Result<void> Driver::open() {
  bool need_v4 = false;
  bool need_v6 = false;
  for (const auto& e : endpoints_) (e.storage.ss_family == AF_INET6 ? need_v6 : need_v4) = true;
  if (need_v4) {
    auto fd = detail::open_udp_socket(AF_INET);
    if (!fd) return std::unexpected(fd.error());
    v4_ = std::move(*fd);
  }
  if (need_v6) {
    // A host without IPv6 still probes its IPv4 servers; IPv6 sends then fail as NetworkError.
    if (auto fd = detail::open_udp_socket(AF_INET6)) v6_ = std::move(*fd);
  }
  return {};
}

void Driver::send(const std::vector<ProbeEngine::Send>& sends) {
  send_family(AF_INET, sends);
  send_family(AF_INET6, sends);
}

void Driver::send_family(int family, const std::vector<ProbeEngine::Send>& sends) {
  std::array<mmsghdr, kBatch> messages{};
  std::array<iovec, kBatch> iovs{};
  std::array<std::size_t, kBatch> tokens{};
  std::size_t count = 0;
  for (const auto& s : sends) {
    auto& to = endpoints_[s.server];
    if (to.storage.ss_family != family) continue;
    auto& buffer = out_buffers_[count];
    std::size_t size = std::min(s.wire->size(), kMaxQuery);
    std::memcpy(buffer.data(), s.wire->data(), size);
    detail::set_id(std::span(buffer.data(), size), s.id);
    iovs[count] = iovec{.iov_base = buffer.data(), .iov_len = size};
    messages[count].msg_hdr = msghdr{};
    messages[count].msg_hdr.msg_name = &to.storage;
    messages[count].msg_hdr.msg_namelen = to.length;
    messages[count].msg_hdr.msg_iov = &iovs[count];
    messages[count].msg_hdr.msg_iovlen = 1;
    tokens[count++] = s.token;
  }
  int fd = family == AF_INET ? v4_.get() : v6_.get();
  std::size_t done = 0;
  bool retried = false;
  while (done < count) {
    if (fd < 0) {
      engine_.on_send_error(tokens[done++], "no IPv6 socket on this host");
      continue;
    }
    int n = ::sendmmsg(fd, messages.data() + done, static_cast<unsigned>(count - done), 0);
    if (n > 0) {
      done += static_cast<std::size_t>(n);
      retried = false;
      continue;
    }
    int error = errno;
    // An ICMP error for an earlier datagram is reported by the next call on
    // the socket: read the queue (which names the query it belongs to), then
    // send this one again before blaming it.
    if (!retried && (error == ECONNREFUSED || error == EHOSTUNREACH || error == ENETUNREACH || error == EACCES)) {
      read_errors(fd);
      retried = true;
      continue;
    }
    retried = false;
    // EAGAIN: treat as lost, the retry timer resends it. Anything else names the failure.
    if (error != EAGAIN && error != EINTR) engine_.on_send_error(tokens[done], std::string("send: ") + std::strerror(error));
    ++done;
  }
}

void Driver::read_errors(int fd) {
  for (const auto& error : detail::read_icmp_errors(fd)) {
    auto server = by_address_.find(address_key(error.destination));
    if (server != by_address_.end()) engine_.on_unreachable(server->second, error.id, error.why);
  }
}

void Driver::receive(int fd) {
  // Errors first: reading them clears the socket's pending error, which would make recvmmsg fail once.
  read_errors(fd);
  std::array<mmsghdr, kBatch> messages{};
  std::array<iovec, kBatch> iovs{};
  std::array<sockaddr_storage, kBatch> from{};
  while (true) {
    for (std::size_t i = 0; i < kBatch; ++i) {
      iovs[i] = iovec{.iov_base = in_buffers_[i].data(), .iov_len = kMaxDatagram};
      messages[i].msg_hdr = msghdr{};
      messages[i].msg_hdr.msg_name = &from[i];
      messages[i].msg_hdr.msg_namelen = sizeof(sockaddr_storage);
      messages[i].msg_hdr.msg_iov = &iovs[i];
      messages[i].msg_hdr.msg_iovlen = 1;
    }
    int n = ::recvmmsg(fd, messages.data(), kBatch, MSG_DONTWAIT, nullptr);
    if (n <= 0) return;
    auto now = Clock::now();
    for (int i = 0; i < n; ++i) {
      auto server = by_address_.find(address_key(from[i]));
      if (server == by_address_.end()) continue;  // not one of ours: ignore
      engine_.on_datagram(server->second, std::span(in_buffers_[i].data(), messages[i].msg_len), now);
    }
    if (static_cast<std::size_t>(n) < kBatch) return;
  }
}

void Driver::do_tcp() {
  // Truncated replies are rare (large RRsets): a blocking exchange with a
  // deadline keeps this simple; UDP replies that arrive meanwhile wait in the
  // socket buffer and are matched before any timeout is declared.
  for (std::size_t token : engine_.take_tcp_requests()) {
    std::vector<std::uint8_t> query = engine_.wire_of(token);
    detail::set_id(query, static_cast<std::uint16_t>(token & 0xffff));
    auto reply = detail::tcp_exchange(endpoints_[engine_.server_of(token)], query, options_.tcp_timeout);
    if (reply) {
      engine_.on_tcp_reply(token, *reply, Clock::now());
    } else {
      engine_.on_tcp_error(token, reply.error().message);
    }
  }
}

int Driver::poll_timeout(bool more_to_send) const {
  if (more_to_send) return 0;
  auto wake = engine_.next_wakeup();
  if (!wake) return 1000;
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(*wake - Clock::now()).count() + 1;
  return static_cast<int>(std::clamp<long long>(left, 0, 1000));
}

template <class Feed, class OnDone>
void Driver::run(Feed&& feed, OnDone&& on_done) {
  std::vector<ProbeEngine::Send> sends;
  std::vector<ProbeEngine::Completed> completed;
  while (true) {
    bool fed = feed();
    if (engine_.done()) break;
    sends.clear();
    engine_.poll_sends(Clock::now(), sends, kBatch);
    send(sends);
    std::array<pollfd, 2> fds{pollfd{.fd = v4_.get(), .events = POLLIN, .revents = 0},
                              pollfd{.fd = v6_.get(), .events = POLLIN, .revents = 0}};
    // The last queries may have ended in poll_sends (a final timeout): nothing left to wait for.
    if (!engine_.finished()) ::poll(fds.data(), fds.size(), poll_timeout(fed || sends.size() == kBatch));
    if (v4_) receive(v4_.get());
    if (v6_) receive(v6_.get());
    do_tcp();
    completed.clear();
    engine_.take_completed(completed);
    for (auto& c : completed) on_done(c, std::move(c.outcome));
  }
}

ProbeTotals totals_of(const detail::ProbeStats& s) {
  return ProbeTotals{
      .sent = s.sent, .retries = s.retries, .replies = s.replies, .ignored = s.unmatched + s.mismatched + s.malformed, .tcp = s.tcp};
}

// Unique endpoints and, for each input server, its index among them.
Result<std::vector<detail::SocketAddress>> endpoints_of(std::span<const ServerAddress> servers, std::vector<std::size_t>& index_of) {
  std::map<ServerAddress, std::size_t> seen;
  std::vector<detail::SocketAddress> endpoints;
  for (const auto& server : servers) {
    auto [it, added] = seen.emplace(server, endpoints.size());
    if (added) {
      auto address = detail::to_socket_address(server);
      if (!address) return std::unexpected(address.error());
      endpoints.push_back(*address);
    }
    index_of.push_back(it->second);
  }
  return endpoints;
}

}  // namespace

Result<std::vector<Outcome>> probe(std::span<const ProbeRequest> requests, const ProbeOptions& options) {
  std::vector<ServerAddress> servers;
  for (const auto& r : requests) servers.push_back(r.server);
  std::vector<std::size_t> index_of;
  auto endpoints = endpoints_of(servers, index_of);
  if (!endpoints) return std::unexpected(endpoints.error());
  ProbeEngine engine(options, endpoints->size(), std::random_device{}());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto wire = detail::build_query(requests[i].question,
                                    {.recursion_desired = requests[i].recursion_desired, .edns_udp_size = options.edns_udp_size});
    if (!wire) return std::unexpected(wire.error());
    engine.submit(index_of[i], engine.prepare(requests[i].question, std::move(*wire)));
  }
  std::vector<Outcome> outcomes(requests.size());
  Driver driver(engine, std::move(*endpoints), options);
  if (auto ok = driver.open(); !ok) return std::unexpected(ok.error());
  driver.run([] { return false; },
             [&](const ProbeEngine::Completed& done, Outcome&& outcome) { outcomes[done.token] = std::move(outcome); });
  return outcomes;
}

Result<void> probe_matrix(std::span<const ServerAddress> servers, const QuestionList& questions, const ProbeOptions& options,
                          bool recursion_desired, const MatrixCallback& on_done, ProbeTotals* totals) {
  std::vector<std::size_t> index_of;
  auto endpoints = endpoints_of(servers, index_of);
  if (!endpoints) return std::unexpected(endpoints.error());
  ProbeEngine engine(options, endpoints->size(), std::random_device{}());
  // Which server (column) each live token asks; the question (row) comes back as the tag.
  std::vector<std::size_t> column_of_token;
  std::size_t next = 0;
  std::optional<Error> failed;
  auto feed = [&] {
    bool fed = false;
    while (next < questions.size() && !failed && engine.open_questions() < kMaxOpenQuestions && engine.hungry(kLowWater)) {
      Question question = questions[next];
      auto wire = detail::build_query(question, {.recursion_desired = recursion_desired, .edns_udp_size = options.edns_udp_size});
      if (!wire) {
        failed = wire.error();  // the queries in flight still end; nothing more is asked
        break;
      }
      std::size_t prepared = engine.prepare(std::move(question), std::move(*wire), next);
      for (std::size_t s = 0; s < servers.size(); ++s) {
        std::size_t token = engine.submit(index_of[s], prepared);
        if (token >= column_of_token.size()) column_of_token.resize(token + 1);
        column_of_token[token] = s;
      }
      ++next;
      fed = true;
    }
    return fed;
  };
  Driver driver(engine, std::move(*endpoints), options);
  if (auto ok = driver.open(); !ok) return std::unexpected(ok.error());
  driver.run(feed, [&](const ProbeEngine::Completed& done, Outcome&& outcome) {
    on_done(column_of_token[done.token], done.tag, std::move(outcome));
  });
  if (totals) *totals = totals_of(engine.stats());
  if (failed) return std::unexpected(*failed);
  return {};
}

}  // namespace cutover::dns
