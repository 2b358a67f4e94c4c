#pragma once
// Test helper: canned DNS replies built with ldns, so the engine's matching,
// retry and truncation logic is tested on real wire bytes without sockets.

#include <ldns/ldns.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace cutover::dns::test {

struct CannedReply {
  std::string qname{"www.example.test."};
  ldns_rr_type qtype{LDNS_RR_TYPE_A};
  std::uint16_t id{0};
  bool aa{true};
  bool tc{false};
  bool qr{true};
  ldns_pkt_rcode rcode{LDNS_RCODE_NOERROR};
  std::vector<std::string> answer{};  // "www.example.test. 300 IN A 192.0.2.1"
  std::vector<std::string> authority{};
  std::vector<std::string> additional{};
};

inline void push_rrs(ldns_pkt* packet, ldns_pkt_section section, const std::vector<std::string>& rrs) {
  for (const auto& text : rrs) {
    ldns_rr* rr = nullptr;
    if (ldns_rr_new_frm_str(&rr, text.c_str(), 3600, nullptr, nullptr) != LDNS_STATUS_OK) std::abort();
    ldns_pkt_push_rr(packet, section, rr);
  }
}

/// The wire bytes of `reply`.
inline std::vector<std::uint8_t> wire_of(const CannedReply& reply) {
  ldns_pkt* packet = ldns_pkt_new();
  ldns_pkt_set_id(packet, reply.id);
  ldns_pkt_set_qr(packet, reply.qr);
  ldns_pkt_set_aa(packet, reply.aa);
  ldns_pkt_set_tc(packet, reply.tc);
  ldns_pkt_set_rcode(packet, static_cast<std::uint8_t>(reply.rcode));
  ldns_rr* question = ldns_rr_new();
  ldns_rdf* owner = nullptr;
  ldns_str2rdf_dname(&owner, reply.qname.c_str());
  ldns_rr_set_owner(question, owner);
  ldns_rr_set_type(question, reply.qtype);
  ldns_rr_set_class(question, LDNS_RR_CLASS_IN);
  ldns_rr_set_question(question, true);
  ldns_pkt_push_rr(packet, LDNS_SECTION_QUESTION, question);
  push_rrs(packet, LDNS_SECTION_ANSWER, reply.answer);
  push_rrs(packet, LDNS_SECTION_AUTHORITY, reply.authority);
  push_rrs(packet, LDNS_SECTION_ADDITIONAL, reply.additional);
  std::uint8_t* bytes = nullptr;
  std::size_t size = 0;
  if (ldns_pkt2wire(&bytes, packet, &size) != LDNS_STATUS_OK) std::abort();
  std::vector<std::uint8_t> out(bytes, bytes + size);
  std::free(bytes);
  ldns_pkt_free(packet);
  return out;
}

}  // namespace cutover::dns::test
