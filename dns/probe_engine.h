#pragma once
// ProbeEngine: the prober's state machine without sockets or clocks. The
// driver (prober.cc) feeds it the current time and the datagrams it reads,
// and sends what it is told to send; unit tests do the same with canned
// packets and a fake clock.
//
//   ProbeEngine engine(options, server_count, seed);
//   auto p = engine.prepare(question, wire, tag);      // once per question
//   auto token = engine.submit(server, p);              // once per (server, question)
//   loop: (prepare and submit more while hungry())
//         engine.poll_sends(now, sends)  -> send them (patching the id)
//         engine.on_datagram(server, bytes, now)  for each reply read
//         engine.take_tcp_requests()  -> do TCP, then on_tcp_reply / on_tcp_error
//         engine.take_completed(done) -> outcomes
//   until engine.done()
//
// Memory follows the queries alive, not the run: a query's slot and its
// question's wire are recycled once its Completed is taken, so a caller that
// submits as the queues drain (probe_matrix) asks millions of questions in a
// few MB.

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
  /// A finished query: its token, server and the tag its question was prepared with.
  struct Completed {
    std::size_t token{0};
    std::size_t server{0};
    std::size_t tag{0};
    Outcome outcome{};
  };

  ProbeEngine(ProbeOptions options, std::size_t server_count, std::uint32_t seed);

  /// Registers a question and its query wire (id 0), with a caller's `tag`
  /// handed back in each Completed; returns its index for submit(). The index
  /// is reused once every query submitted with it has been taken.
  std::size_t prepare(Question question, std::vector<std::uint8_t> wire, std::size_t tag = 0);
  /// Queues a query of prepared question `prepared` to `server`. Tokens count
  /// from 0; a token is reused only after its Completed has been taken. A
  /// server given up on (silent, or unreachable) ends the query at once, as
  /// it ended the queries queued when it was given up.
  std::size_t submit(std::size_t server, std::size_t prepared);
  /// Prepared questions with a query not yet taken.
  std::size_t open_questions() const { return prepared_.size() - free_prepared_.size(); }
  /// True when a server still asked has fewer than `low_water` queries
  /// queued, or every server was given up: time to submit more.
  bool hungry(std::size_t low_water) const;

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
  bool done() const { return finished_ == submitted_ && completed_.empty(); }
  /// True when every submitted query has finished (some may still wait in take_completed).
  bool finished() const { return finished_ == submitted_; }

  std::size_t server_of(std::size_t token) const { return queries_[token].server; }
  const Question& question_of(std::size_t token) const { return prepared_[queries_[token].prepared].question; }
  const std::vector<std::uint8_t>& wire_of(std::size_t token) const { return prepared_[queries_[token].prepared].wire; }
  const ProbeStats& stats() const { return stats_; }

 private:
  enum class State : std::uint8_t { Pending, InFlight, Tcp, Done };
  struct Prepared {
    Question question{};
    std::vector<std::uint8_t> wire{};
    std::size_t tag{0};
    std::size_t users{0};  // queries submitted and not yet taken
  };
  struct Query {
    std::size_t server{0};
    std::size_t prepared{0};
    std::uint32_t generation{0};  // bumped when the slot is reused: old deadlines then miss
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
    std::optional<Outcome> closed{};  // given up on: how every later query to it ends
  };
  struct Deadline {
    TimePoint at{};
    std::size_t token{0};
    std::uint32_t generation{0};
    std::uint8_t attempt{0};
    bool operator>(const Deadline& other) const { return at > other.at; }
  };

  void expire(TimePoint now);
  bool send_one(std::size_t server, TimePoint now, std::vector<Send>& out);
  std::uint16_t allocate_id(Server& server, std::size_t token);
  void release_id(std::size_t token);
  void give_up_on(std::size_t server);
  void close(std::size_t server, Outcome how);
  void finish(std::size_t token, Outcome outcome);
  void release(std::size_t token);
  std::chrono::nanoseconds timeout_for(int attempt) const;

  ProbeOptions options_{};
  std::deque<Prepared> prepared_{};  // a deque: Send::wire points into it while more are prepared
  std::vector<std::size_t> free_prepared_{};
  std::vector<Query> queries_{};
  std::vector<std::size_t> free_queries_{};
  std::vector<Server> servers_{};
  std::priority_queue<Deadline, std::vector<Deadline>, std::greater<>> deadlines_{};
  std::vector<std::size_t> tcp_requests_{};
  std::vector<Completed> completed_{};
  std::size_t in_flight_{0};
  std::size_t submitted_{0};
  std::size_t finished_{0};
  std::size_t next_server_{0};
  std::mt19937 random_;
  ProbeStats stats_{};
};

}  // namespace cutover::dns::detail
