#include "dns/probe_engine.h"

#include <cassert>
#include <cmath>
#include <utility>

#include "dns/wire.h"

namespace cutover::dns::detail {

ProbeEngine::ProbeEngine(ProbeOptions options, std::size_t server_count, std::uint32_t seed)
    : options_(options), servers_(server_count), random_(seed) {
  if (options_.attempts < 1) options_.attempts = 1;
  if (options_.max_in_flight_per_server == 0) options_.max_in_flight_per_server = 1;
  if (options_.max_in_flight == 0) options_.max_in_flight = 1;
}

std::size_t ProbeEngine::prepare(Question question, std::vector<std::uint8_t> wire, std::size_t tag) {
  Prepared entry{.question = std::move(question), .wire = std::move(wire), .tag = tag};
  if (free_prepared_.empty()) {
    prepared_.push_back(std::move(entry));
    return prepared_.size() - 1;
  }
  std::size_t index = free_prepared_.back();
  free_prepared_.pop_back();
  prepared_[index] = std::move(entry);
  return index;
}

std::size_t ProbeEngine::submit(std::size_t server, std::size_t prepared) {
  assert(!prepared_[prepared].wire.empty() && "a prepared question is released once its last query is taken");
  std::size_t token = queries_.size();
  if (free_queries_.empty()) {
    queries_.push_back(Query{.server = server, .prepared = prepared});
  } else {
    token = free_queries_.back();
    free_queries_.pop_back();
    queries_[token] = Query{.server = server, .prepared = prepared, .generation = queries_[token].generation + 1};
  }
  prepared_[prepared].users += 1;
  submitted_ += 1;
  if (const auto& closed = servers_[server].closed) {
    finish(token, Outcome{.kind = closed->kind, .detail = closed->detail});
  } else {
    servers_[server].pending.push_back(token);
  }
  return token;
}

bool ProbeEngine::hungry(std::size_t low_water) const {
  bool any_open = false;
  for (const auto& server : servers_) {
    if (server.closed) continue;
    if (server.pending.size() < low_water) return true;
    any_open = true;
  }
  return !any_open;
}

std::chrono::nanoseconds ProbeEngine::timeout_for(int attempt) const {
  double factor = std::pow(options_.backoff, attempt - 1);
  return std::chrono::duration_cast<std::chrono::nanoseconds>(options_.timeout * factor);
}

void ProbeEngine::poll_sends(TimePoint now, std::vector<Send>& out, std::size_t limit) {
  expire(now);
  // Round-robin, one query per server per pass, so that no server starves
  // the others and each server's window fills evenly.
  std::size_t added = 0;
  bool progress = true;
  while (added < limit && progress) {
    progress = false;
    for (std::size_t i = 0; i < servers_.size() && added < limit; ++i) {
      std::size_t server = (next_server_ + i) % servers_.size();
      if (send_one(server, now, out)) {
        ++added;
        progress = true;
      }
    }
    if (!servers_.empty()) next_server_ = (next_server_ + 1) % servers_.size();
  }
}

bool ProbeEngine::send_one(std::size_t index, TimePoint now, std::vector<Send>& out) {
  Server& server = servers_[index];
  if (server.pending.empty() || in_flight_ >= options_.max_in_flight) return false;
  if (server.in_flight >= options_.max_in_flight_per_server) return false;
  if (options_.max_rate_per_server > 0) {
    if (now < server.next_send) return false;
    auto interval = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::duration<double>(1.0 / options_.max_rate_per_server));
    server.next_send = std::max(server.next_send, now) + interval;
  }
  std::size_t token = server.pending.front();
  server.pending.pop_front();
  Query& query = queries_[token];
  query.id = allocate_id(server, token);
  query.attempts += 1;
  query.state = State::InFlight;
  query.sent_at = now;
  server.in_flight += 1;
  in_flight_ += 1;
  stats_.sent += 1;
  if (query.attempts > 1) stats_.retries += 1;
  deadlines_.push(
      Deadline{.at = now + timeout_for(query.attempts), .token = token, .generation = query.generation, .attempt = query.attempts});
  out.push_back(Send{.token = token, .server = index, .id = query.id, .wire = &prepared_[query.prepared].wire});
  return true;
}

std::uint16_t ProbeEngine::allocate_id(Server& server, std::size_t token) {
  if (server.by_id.empty()) server.by_id.assign(65536, 0);
  // Random ids make a forged or stray reply unlikely to match; the window is
  // far below 65536, so a free id is found in a few draws.
  std::uint16_t id = 0;
  do {
    id = static_cast<std::uint16_t>(random_() & 0xffff);
  } while (server.by_id[id] != 0);
  server.by_id[id] = static_cast<std::uint32_t>(token + 1);
  return id;
}

void ProbeEngine::release_id(std::size_t token) {
  Query& query = queries_[token];
  Server& server = servers_[query.server];
  if (query.state != State::InFlight) return;
  server.by_id[query.id] = 0;
  server.in_flight -= 1;
  in_flight_ -= 1;
}

void ProbeEngine::expire(TimePoint now) {
  while (!deadlines_.empty() && deadlines_.top().at <= now) {
    Deadline deadline = deadlines_.top();
    deadlines_.pop();
    Query& query = queries_[deadline.token];
    // Answered, resent, or the slot now holds another query.
    if (query.generation != deadline.generation || query.state != State::InFlight || query.attempts != deadline.attempt) continue;
    release_id(deadline.token);
    if (query.attempts < options_.attempts) {
      query.state = State::Pending;
      servers_[query.server].pending.push_front(deadline.token);  // retries go first
      continue;
    }
    finish(deadline.token, Outcome{.kind = OutcomeKind::Timeout,
                                   .detail = "no reply after " + std::to_string(query.attempts) + " attempts",
                                   .attempts = query.attempts});
    Server& server = servers_[query.server];
    if (++server.silent_in_a_row >= options_.give_up_after) give_up_on(query.server);
  }
}

void ProbeEngine::give_up_on(std::size_t index) {
  // A dead server would otherwise cost every one of its queries the full
  // retry schedule: 100,000 names would take hours. Its remaining queries end
  // as timeouts at once, still reported, never counted as answers.
  std::string detail = "not sent: the server left " + std::to_string(servers_[index].silent_in_a_row) + " queries in a row unanswered";
  close(index, Outcome{.kind = OutcomeKind::Timeout, .detail = detail});
}

void ProbeEngine::close(std::size_t index, Outcome how) {
  // Queries submitted later end the same way at once (submit()).
  Server& server = servers_[index];
  server.closed = std::move(how);
  while (!server.pending.empty()) {
    std::size_t token = server.pending.front();
    server.pending.pop_front();
    finish(token, Outcome{.kind = server.closed->kind, .detail = server.closed->detail, .attempts = queries_[token].attempts});
  }
}

void ProbeEngine::on_datagram(std::size_t server, std::span<const std::uint8_t> bytes, TimePoint now) {
  if (bytes.size() < 12) {
    stats_.malformed += 1;
    return;
  }
  const Server& state = servers_[server];
  std::uint32_t slot = state.by_id.empty() ? 0 : state.by_id[get_id(bytes)];
  if (slot == 0) {
    stats_.unmatched += 1;
    return;
  }
  std::size_t token = slot - 1;
  Query& query = queries_[token];
  if (!same_question(prepared_[query.prepared].wire, bytes)) {
    stats_.mismatched += 1;
    return;
  }
  auto reply = parse_reply(bytes, &prepared_[query.prepared].question.name);
  if (!reply) {
    stats_.malformed += 1;  // keep waiting: a retry may bring a good reply
    return;
  }
  stats_.replies += 1;
  servers_[server].silent_in_a_row = 0;
  release_id(token);
  if (reply->truncated) {
    query.state = State::Tcp;
    tcp_requests_.push_back(token);
    return;
  }
  const Question& question = prepared_[query.prepared].question;
  OutcomeKind kind = classify(*reply, question);
  auto rtt = std::chrono::duration_cast<std::chrono::microseconds>(now - query.sent_at);
  finish(token, Outcome{.kind = kind, .reply = std::move(*reply), .attempts = query.attempts, .rtt = rtt});
}

void ProbeEngine::on_send_error(std::size_t token, const std::string& why) {
  release_id(token);
  finish(token, Outcome{.kind = OutcomeKind::NetworkError, .detail = why, .attempts = queries_[token].attempts});
}

void ProbeEngine::on_unreachable(std::size_t server, std::uint16_t id, const std::string& why) {
  Server& state = servers_[server];
  std::uint32_t slot = state.by_id.empty() ? 0 : state.by_id[id];
  if (slot == 0) return;  // an earlier attempt, already retried or ended
  std::size_t token = slot - 1;
  release_id(token);
  finish(token, Outcome{.kind = OutcomeKind::Unreachable, .detail = why, .attempts = queries_[token].attempts});
  // Nothing listens there: the queries still waiting would only be refused in turn.
  close(server, Outcome{.kind = OutcomeKind::Unreachable, .detail = "not sent: " + why});
}

std::vector<std::size_t> ProbeEngine::take_tcp_requests() { return std::exchange(tcp_requests_, {}); }

void ProbeEngine::on_tcp_reply(std::size_t token, std::span<const std::uint8_t> bytes, TimePoint now) {
  Query& query = queries_[token];
  stats_.tcp += 1;
  bool same = same_question(prepared_[query.prepared].wire, bytes);
  auto reply = parse_reply(bytes, same ? &prepared_[query.prepared].question.name : nullptr);
  if (!reply || !same) {
    on_tcp_error(token, "TCP reply does not parse or does not match the question");
    return;
  }
  reply->via_tcp = true;
  OutcomeKind kind = classify(*reply, prepared_[query.prepared].question);
  auto rtt = std::chrono::duration_cast<std::chrono::microseconds>(now - query.sent_at);
  finish(token, Outcome{.kind = kind, .reply = std::move(*reply), .attempts = query.attempts, .rtt = rtt});
}

void ProbeEngine::on_tcp_error(std::size_t token, const std::string& why) {
  finish(token, Outcome{.kind = OutcomeKind::NetworkError,
                        .detail = "reply truncated over UDP, and TCP failed: " + why,
                        .attempts = queries_[token].attempts});
}

void ProbeEngine::finish(std::size_t token, Outcome outcome) {
  Query& query = queries_[token];
  if (query.state == State::Done) return;
  query.state = State::Done;
  finished_ += 1;
  completed_.push_back(
      Completed{.token = token, .server = query.server, .tag = prepared_[query.prepared].tag, .outcome = std::move(outcome)});
}

void ProbeEngine::take_completed(std::vector<Completed>& out) {
  for (auto& done : completed_) {
    std::size_t token = done.token;
    out.push_back(std::move(done));
    release(token);
  }
  completed_.clear();
}

void ProbeEngine::release(std::size_t token) {
  free_queries_.push_back(token);
  Prepared& prepared = prepared_[queries_[token].prepared];
  if (--prepared.users > 0) return;
  prepared = Prepared{};  // frees the name and the wire now, not at reuse
  free_prepared_.push_back(queries_[token].prepared);
}

std::optional<ProbeEngine::TimePoint> ProbeEngine::next_wakeup() const {
  std::optional<TimePoint> at;
  if (!deadlines_.empty()) at = deadlines_.top().at;
  if (options_.max_rate_per_server <= 0) return at;
  for (const auto& server : servers_) {
    if (server.pending.empty() || server.in_flight >= options_.max_in_flight_per_server) continue;
    if (!at || server.next_send < *at) at = server.next_send;
  }
  return at;
}

}  // namespace cutover::dns::detail
