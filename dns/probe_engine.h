#pragma once
// ProbeEngine: the prober's state machine without sockets or clocks. The
// driver (prober.cc) feeds it the current time and the datagrams it reads,
// and sends what it is told to send; unit tests do the same with canned
// packets and a fake clock.
//
//   ProbeEngine engine(options, server_count, seed);
//   auto p = engine.prepare(question, wire);           // once per question
//   auto token = engine.submit(server, p);              // once per (server, question)
//   loop: engine.poll_sends(now, sends)  -> send them (patching the id)
//         engine.on_datagram(server, bytes, now)  for each reply read
//         engine.take_tcp_requests()  -> do TCP, then on_tcp_reply / on_tcp_error
//         engine.take_completed(done) -> outcomes
//   until engine.done()

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <queue>
#include <random>
#include <span>
#include <string>
#include <vector>

#include "dns/message.h"
#include "dns/probe_options.h"

namespace cutover::dns::detail {

/// Counters of what happened on the wire, for the bench and for tests.
struct ProbeStats {
  std::size_t sent{0};
  std::size_t retries{0};
  std::size_t replies{0};
  std::size_t unmatched{0};   // no query in flight with that id at that server (late or stray)
  std::size_t mismatched{0};  // id in flight but another question: ignored, keep waiting
  std::size_t malformed{0};
  std::size_t tcp{0};
};

class ProbeEngine {
 public:
  using TimePoint = std::chrono::steady_clock::time_point;

  /// One datagram to send: the prepared wire of `prepared`, with `id` written into it.
  struct Send {
    std::size_t token{0};
    std::size_t server{0};
    std::uint16_t id{0};
    const std::vector<std::uint8_t>* wire{nullptr};
  };
  /// A finished query.
  struct Completed {
    std::size_t token{0};
    Outcome outcome{};
  };

  ProbeEngine(ProbeOptions options, std::size_t server_count, std::uint32_t seed);

  /// Registers a question and its query wire (id 0); returns its index for submit().
  std::size_t prepare(Question question, std::vector<std::uint8_t> wire);
  /// Queues a query of prepared question `prepared` to `server`; tokens count from 0.
  std::size_t submit(std::size_t server, std::size_t prepared);

  /// Expires overdue queries (retrying or failing them), then appends up to
  /// `limit` sends allowed now by the windows and rate limits.
  void poll_sends(TimePoint now, std::vector<Send>& out, std::size_t limit);
  /// A datagram from `server`. Unknown ids, other questions and garbage are counted and ignored.
  void on_datagram(std::size_t server, std::span<const std::uint8_t> bytes, TimePoint now);
  /// The send of `token` failed locally (unreachable network...): it ends as NetworkError.
  void on_send_error(std::size_t token, const std::string& why);
  /// An ICMP error came back for the query with `id` sent to `server` (port
  /// or host unreachable): it ends as Unreachable at once, and so do the
  /// server's queries not sent yet. An id not in flight is ignored.
  void on_unreachable(std::size_t server, std::uint16_t id, const std::string& why);

  /// Queries whose UDP reply was truncated and that the driver must repeat over TCP.
  std::vector<std::size_t> take_tcp_requests();
  /// The TCP reply (without the length prefix) for a query taken from take_tcp_requests().
  void on_tcp_reply(std::size_t token, std::span<const std::uint8_t> bytes, TimePoint now);
  /// The TCP exchange for `token` failed: it ends as NetworkError naming why.
  void on_tcp_error(std::size_t token, const std::string& why);

  /// Moves the finished queries into `out` (appending).
  void take_completed(std::vector<Completed>& out);
  /// When poll_sends should next be called even if nothing arrives; nullopt when nothing waits on time.
  std::optional<TimePoint> next_wakeup() const;
  /// True when every submitted query has completed and been taken.
  bool done() const { return finished_ == queries_.size() && completed_.empty(); }
  /// True when every submitted query has finished (some may still wait in take_completed).
  bool finished() const { return finished_ == queries_.size(); }

  std::size_t server_of(std::size_t token) const { return queries_[token].server; }
  const Question& question_of(std::size_t token) const { return prepared_[queries_[token].prepared].question; }
  const std::vector<std::uint8_t>& wire_of(std::size_t token) const { return prepared_[queries_[token].prepared].wire; }
  const ProbeStats& stats() const { return stats_; }

 private:
  enum class State : std::uint8_t { Pending, InFlight, Tcp, Done };
  struct Prepared {
    Question question{};
    std::vector<std::uint8_t> wire{};
  };
  struct Query {
    std::size_t server{0};
    std::size_t prepared{0};
    std::uint16_t id{0};
    std::uint8_t attempts{0};
    State state{State::Pending};
    TimePoint sent_at{};
  };
  struct Server {
    std::deque<std::size_t> pending{};
    std::vector<std::uint32_t> by_id{};  // id -> token + 1 while in flight; 0 = free
    std::size_t in_flight{0};
    std::size_t silent_in_a_row{0};  // queries that ended unanswered since the last reply
    TimePoint next_send{};
  };
  struct Deadline {
    TimePoint at{};
    std::size_t token{0};
    std::uint8_t attempt{0};
    bool operator>(const Deadline& other) const { return at > other.at; }
  };

  void expire(TimePoint now);
  bool send_one(std::size_t server, TimePoint now, std::vector<Send>& out);
  std::uint16_t allocate_id(Server& server, std::size_t token);
  void release_id(std::size_t token);
  void give_up_on(std::size_t server);
  void finish(std::size_t token, Outcome outcome);
  std::chrono::nanoseconds timeout_for(int attempt) const;

  ProbeOptions options_{};
  std::vector<Prepared> prepared_{};
  std::vector<Query> queries_{};
  std::vector<Server> servers_{};
  std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_{};
  std::vector<std::size_t> tcp_requests_{};
  std::vector<Completed> completed_{};
  std::size_t in_flight_{0};
  std::size_t finished_{0};
  std::size_t next_server_{0};
  std::mt19937 random_;
  ProbeStats stats_{};
};

}  // namespace cutover::dns::detail
