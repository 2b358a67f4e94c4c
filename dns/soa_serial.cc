#include "dns/soa_serial.h"

#include <charconv>
#include <sstream>

#include "dns/prober.h"

namespace cutover::dns {

Result<std::vector<SerialSeen>> soa_serials(std::span<const ServerAddress> servers, const DomainName& zone, const ProbeOptions& options) {
  std::vector<ProbeRequest> requests;
  for (const auto& server : servers) {
    requests.push_back({.server = server, .question = {.name = zone, .type = RecordType::SOA}});
  }
  auto outcomes = probe(requests, options);
  if (!outcomes) return std::unexpected(outcomes.error());
  std::vector<SerialSeen> out;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const Outcome& outcome = (*outcomes)[i];
    SerialSeen seen{.server = servers[i]};
    if (outcome.kind != OutcomeKind::Answer) {
      seen.problem = std::string(to_string(outcome.kind));
    } else if (!outcome.reply.authoritative) {
      seen.problem = "not authoritative";
    } else {
      for (const auto& record : outcome.reply.answer) {
        if (record.type == RecordType::SOA && record.name == zone) seen.serial = parse_soa_serial(record.rdata);
      }
      if (!seen.serial) seen.problem = "no SOA in the answer";
    }
    out.push_back(std::move(seen));
  }
  return out;
}

std::optional<std::uint32_t> parse_soa_serial(const std::string& rdata) {
  std::istringstream fields(rdata);
  std::string mname, rname, serial;
  if (!(fields >> mname >> rname >> serial)) return std::nullopt;
  std::uint32_t value = 0;
  auto [end, error] = std::from_chars(serial.data(), serial.data() + serial.size(), value);
  if (error != std::errc{} || end != serial.data() + serial.size()) return std::nullopt;
  return value;
}

bool serial_at_least(std::uint32_t a, std::uint32_t b) { return a == b || static_cast<std::int32_t>(a - b) > 0; }

}  // namespace cutover::dns
