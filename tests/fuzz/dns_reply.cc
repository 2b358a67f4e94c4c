// DNS replies as the prober takes them (dns/wire, dns/probe_engine,
// dns/ldns_convert): matched to the query in flight (id, question),
// parsed, classified; a truncated one repeated over TCP. The question asked
// is the one the reply claims, when it reads, so that a mutated reply still
// reaches the parser past the matching; the RDATA of every record is then
// folded and written back as an UPDATE would carry it.

#include <chrono>
#include <cstdint>
#include <vector>

#include "dns/ldns_convert.h"
#include "dns/probe_engine.h"
#include "dns/wire.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using namespace cutover::dns;

// The question section of `wire`, read plainly (uncompressed labels): the
// question a prober would have asked for this reply; www.example.com. A otherwise.
Question claimed_question(std::span<const std::uint8_t> wire) {
  Question fallback{.name = *DomainName::parse("www.example.com."), .type = RecordType::A};
  std::string name;
  std::size_t at = 12;
  while (at < wire.size() && wire[at] != 0) {
    std::size_t length = wire[at];
    if (length > 63 || at + 1 + length > wire.size()) return fallback;
    name.append(reinterpret_cast<const char*>(wire.data() + at + 1), length);
    name += '.';
    at += 1 + length;
  }
  if (at + 3 > wire.size()) return fallback;
  auto parsed = DomainName::parse(name.empty() ? "." : name);
  if (!parsed) return fallback;
  return Question{.name = std::move(*parsed), .type = static_cast<RecordType>((wire[at + 1] << 8) | wire[at + 2])};
}

void use(const Reply& reply, const Question& question) {
  (void)classify(reply, question);
  for (const auto* section : {&reply.answer, &reply.authority, &reply.additional}) {
    for (const Record& record : *section) {
      (void)detail::fold_rdata_names(record.type, record.wire);
      (void)detail::faithful_rdata_text(record);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::span<const std::uint8_t> bytes(data, size);
  if (auto reply = detail::parse_reply(bytes)) use(*reply, claimed_question(bytes));

  Question question = claimed_question(bytes);
  auto query = detail::build_query(question, {});
  if (!query) return 0;
  detail::ProbeEngine engine(ProbeOptions{}, 1, 1);
  std::size_t prepared = engine.prepare(question, *query);
  engine.submit(0, prepared);
  auto now = std::chrono::steady_clock::time_point{} + std::chrono::seconds{1};
  std::vector<detail::ProbeEngine::Send> sends;
  engine.poll_sends(now, sends, 1);
  if (sends.size() != 1) std::abort();  // one query submitted, nothing in the way: it goes out

  // The reply as it comes back: with the id of the query in flight.
  std::vector<std::uint8_t> datagram(bytes.begin(), bytes.end());
  detail::set_id(datagram, sends[0].id);
  engine.on_datagram(0, datagram, now + std::chrono::milliseconds{10});
  for (std::size_t token : engine.take_tcp_requests()) engine.on_tcp_reply(token, bytes, now + std::chrono::milliseconds{20});
  std::vector<detail::ProbeEngine::Completed> done;
  engine.take_completed(done);
  for (const auto& completed : done) {
    if (responded(completed.outcome.kind)) use(completed.outcome.reply, question);
  }
  return 0;
}
