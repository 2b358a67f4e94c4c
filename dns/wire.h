#pragma once
// Private to dns/: DNS messages to and from wire format, with ldns. Queries
// are built once per question; the prober patches the 16-bit id in place, so
// the same bytes go to every server.

#include <cstdint>
#include <span>
#include <vector>

#include "dns/message.h"
#include "dns/result.h"

namespace cutover::dns::detail {

/// Options of a query packet.
struct QueryFlags {
  bool recursion_desired{false};
  std::uint16_t edns_udp_size{1232};  // 0: no EDNS0 OPT record
};

/// The wire form of a query for `question` with id 0. Fails only on a name ldns rejects.
Result<std::vector<std::uint8_t>> build_query(const Question& question, QueryFlags flags);

/// Writes `id` into the first two octets of a wire message.
void set_id(std::span<std::uint8_t> wire, std::uint16_t id);
/// The id of a wire message; 0 if shorter than a header.
std::uint16_t get_id(std::span<const std::uint8_t> wire);

/// True when `reply` carries exactly the question section of `query` (names
/// compared case-insensitively, as RFC 4343 asks), one question, QR set.
bool same_question(std::span<const std::uint8_t> query, std::span<const std::uint8_t> reply);

/// Parses a reply with ldns. Fails (Corrupt) when it does not parse.
/// `question_name`, when given, must be the reply's question name (checked
/// with same_question); records owned by it then skip a text conversion.
Result<Reply> parse_reply(std::span<const std::uint8_t> wire, const DomainName* question_name = nullptr);

}  // namespace cutover::dns::detail
