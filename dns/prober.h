#pragma once
// The prober: sends many DNS queries at once to many servers and returns
// every outcome as data. Queries are built and replies parsed with ldns; the
// state machine (matching, retries, truncation) is ProbeEngine, this is the
// socket driver around it.
//
//   auto outcomes = dns::probe(requests, {.timeout = 300ms});
//   dns::probe_matrix(servers, questions, options, false, on_done);   // parity-sized runs

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "dns/message.h"
#include "dns/probe_options.h"
#include "dns/question_list.h"
#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns {

/// One query: which server, what question, and whether to ask for recursion
/// (off for authoritative servers, on for resolvers).
struct ProbeRequest {
  ServerAddress server{};
  Question question{};
  bool recursion_desired{false};
};

/// What the wire saw during a run.
struct ProbeTotals {
  std::size_t sent{0};
  std::size_t retries{0};
  std::size_t replies{0};
  std::size_t ignored{0};  // stray, late, mismatched or malformed datagrams
  std::size_t tcp{0};
};

/// Asks every request; returns one outcome per request, in order. Fails only
/// when a question cannot be encoded or no socket can be opened; a server that
/// does not answer is an Outcome of kind Timeout, never an error.
Result<std::vector<Outcome>> probe(std::span<const ProbeRequest> requests, const ProbeOptions& options = {});

/// Called once per (server index, question index) as soon as that query finishes.
using MatrixCallback = std::function<void(std::size_t server, std::size_t question, Outcome&& outcome)>;

/// Asks every question of every server, streaming each outcome to `on_done`
/// as it arrives instead of keeping it. Questions are submitted in order as
/// the servers' queues drain (a few thousand alive at once, whatever the
/// length of the list), so results arrive roughly in question order and
/// memory does not grow with the list. Fails like probe(); a question that
/// cannot be encoded stops the run there. `totals`, when given, receives the counters.
Result<void> probe_matrix(std::span<const ServerAddress> servers, const QuestionList& questions, const ProbeOptions& options,
                          bool recursion_desired, const MatrixCallback& on_done, ProbeTotals* totals = nullptr);

}  // namespace cutover::dns
