// Micro-benchmarks of the prober's per-packet work: building a query with
// ldns, matching a reply to its question, and parsing it (LAB-NOTES: parsing
// with ldns costs about 1.2 us; the rest of a query's cost is system calls).

#include <benchmark/benchmark.h>

#include "dns/probe_engine.h"
#include "dns/wire.h"

namespace {

using namespace cutover::dns;

Question www() { return Question{.name = *DomainName::parse("name12345.bench.test"), .type = RecordType::A}; }

// A reply: the query with QR/AA set, ANCOUNT 1, and one A record by compression pointer.
std::vector<std::uint8_t> reply_for(std::vector<std::uint8_t> query) {
  query[2] |= 0x84;
  query[7] = 1;   // ANCOUNT
  query[11] = 0;  // drop the OPT record (ARCOUNT 0)
  std::size_t end = 12;
  while (query[end] != 0) end += 1 + query[end];
  query.resize(end + 5);
  const std::uint8_t rr[] = {0xc0, 0x0c, 0, 1, 0, 1, 0, 0, 1, 44, 0, 4, 10, 0, 48, 57};
  query.insert(query.end(), std::begin(rr), std::end(rr));
  return query;
}

void BM_BuildQuery(benchmark::State& state) {
  auto q = www();
  for (auto _ : state) benchmark::DoNotOptimize(detail::build_query(q, {}));
}
BENCHMARK(BM_BuildQuery);

void BM_MatchQuestion(benchmark::State& state) {
  auto query = *detail::build_query(www(), {});
  auto reply = reply_for(query);
  for (auto _ : state) benchmark::DoNotOptimize(detail::same_question(query, reply));
}
BENCHMARK(BM_MatchQuestion);

void BM_ParseReply(benchmark::State& state) {
  auto reply = reply_for(*detail::build_query(www(), {}));
  for (auto _ : state) benchmark::DoNotOptimize(detail::parse_reply(reply));
}
BENCHMARK(BM_ParseReply);

// One full round through the engine per iteration: send, reply, complete.
void BM_EngineRoundTrip(benchmark::State& state) {
  detail::ProbeEngine engine({}, 1, 1);
  auto q = www();
  auto query = *detail::build_query(q, {});
  auto reply = reply_for(query);
  std::vector<detail::ProbeEngine::Send> sends;
  std::vector<detail::ProbeEngine::Completed> done;
  detail::ProbeEngine::TimePoint now{};
  for (auto _ : state) {
    // A prepared question is recycled once its last query is taken: prepare each round, as probe_matrix does.
    engine.submit(0, engine.prepare(q, query));
    sends.clear();
    engine.poll_sends(now, sends, 1);
    detail::set_id(reply, sends[0].id);
    engine.on_datagram(0, reply, now);
    done.clear();
    engine.take_completed(done);
  }
}
BENCHMARK(BM_EngineRoundTrip);

}  // namespace

BENCHMARK_MAIN();
