#include "dns/wire.h"

#include <cctype>
#include <cstdlib>
#include <string>

#include "dns/ldns_convert.h"
#include "dns/ldns_handles.h"

namespace cutover::dns::detail {
namespace {

constexpr std::size_t kHeader = 12;

// Skips one uncompressed name starting at `at`; returns the offset after it, or 0.
std::size_t skip_name(std::span<const std::uint8_t> wire, std::size_t at) {
  while (at < wire.size()) {
    std::uint8_t len = wire[at];
    if (len == 0) return at + 1;
    if (len > 63) return 0;  // compression or a bad label: not a question we sent
    at += 1 + len;
  }
  return 0;
}

}  // namespace

Result<std::vector<std::uint8_t>> build_query(const Question& question, QueryFlags flags) {
  ldns_rdf* raw_name = nullptr;
  if (ldns_str2rdf_dname(&raw_name, question.name.text().c_str()) != LDNS_STATUS_OK) {
    return fail(ErrorCode::Invalid, "ldns rejects name '" + question.name.text() + "'");
  }
  // ldns_pkt_query_new takes ownership of the name.
  LdnsPacket packet{
      ldns_pkt_query_new(raw_name, static_cast<ldns_rr_type>(question.type), LDNS_RR_CLASS_IN, flags.recursion_desired ? LDNS_RD : 0)};
  if (!packet) return fail(ErrorCode::Invalid, "cannot build a query for '" + question.name.text() + "'");
  ldns_pkt_set_id(packet.get(), 0);
  if (flags.edns_udp_size > 0) ldns_pkt_set_edns_udp_size(packet.get(), flags.edns_udp_size);
  std::uint8_t* bytes = nullptr;
  std::size_t size = 0;
  if (ldns_pkt2wire(&bytes, packet.get(), &size) != LDNS_STATUS_OK) {
    return fail(ErrorCode::Invalid, "cannot encode a query for '" + question.name.text() + "'");
  }
  std::vector<std::uint8_t> wire(bytes, bytes + size);
  std::free(bytes);
  return wire;
}

void set_id(std::span<std::uint8_t> wire, std::uint16_t id) {
  if (wire.size() < 2) return;
  wire[0] = static_cast<std::uint8_t>(id >> 8);
  wire[1] = static_cast<std::uint8_t>(id & 0xff);
}

std::uint16_t get_id(std::span<const std::uint8_t> wire) {
  if (wire.size() < 2) return 0;
  return static_cast<std::uint16_t>((wire[0] << 8) | wire[1]);
}

bool same_question(std::span<const std::uint8_t> query, std::span<const std::uint8_t> reply) {
  if (query.size() < kHeader || reply.size() < kHeader) return false;
  if ((reply[2] & 0x80) == 0) return false;          // QR: must be a response
  if (reply[4] != 0 || reply[5] != 1) return false;  // exactly one question
  std::size_t end = skip_name(query, kHeader);
  if (end == 0 || end + 4 > query.size()) return false;
  std::size_t length = end + 4 - kHeader;
  if (reply.size() < kHeader + length) return false;
  for (std::size_t i = kHeader; i < kHeader + length; ++i) {
    if (std::tolower(query[i]) != std::tolower(reply[i])) return false;
  }
  return true;
}

Result<Reply> parse_reply(std::span<const std::uint8_t> wire, const DomainName* question_name) {
  ldns_pkt* raw = nullptr;
  if (ldns_wire2pkt(&raw, wire.data(), wire.size()) != LDNS_STATUS_OK) {
    return fail(ErrorCode::Corrupt, "reply does not parse (" + std::to_string(wire.size()) + " octets)");
  }
  LdnsPacket packet{raw};
  Reply reply{.id = ldns_pkt_id(raw),
              .rcode = static_cast<int>(ldns_pkt_get_rcode(raw)),
              .authoritative = ldns_pkt_aa(raw),
              .truncated = ldns_pkt_tc(raw)};
  KnownOwner known;
  const ldns_rr_list* questions = ldns_pkt_question(raw);
  if (question_name && questions && ldns_rr_list_rr_count(questions) == 1) {
    known = KnownOwner{.rdf = ldns_rr_owner(ldns_rr_list_rr(questions, 0)), .name = *question_name};
  }
  auto answer = to_records(ldns_pkt_answer(raw), &known);
  auto authority = to_records(ldns_pkt_authority(raw), &known);
  auto additional = to_records(ldns_pkt_additional(raw), &known);
  if (!answer) return std::unexpected(answer.error());
  if (!authority) return std::unexpected(authority.error());
  if (!additional) return std::unexpected(additional.error());
  reply.answer = std::move(*answer);
  reply.authority = std::move(*authority);
  reply.additional = std::move(*additional);
  return reply;
}

}  // namespace cutover::dns::detail
