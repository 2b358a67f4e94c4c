#include "dns/tsig_sign.h"

#include <cstdlib>

namespace cutover::dns::detail {
namespace {

// RFC 8945 recommends 300 s of clock skew; the servers we talk to do the same.
constexpr std::uint16_t kFudgeSeconds = 300;

// ldns names algorithms by their wire names, with the trailing dot.
std::string ldns_algorithm(const std::string& algorithm) {
  if (algorithm == "hmac-md5") return "hmac-md5.sig-alg.reg.int.";
  return algorithm + ".";
}

// TSIG rdata fields in ldns's order: algorithm, time, fudge, MAC, original id, error, other.
constexpr std::size_t kMacField = 3;
constexpr std::size_t kErrorField = 5;

}  // namespace

Result<SignedRequest> sign_request(ldns_pkt* packet, const TsigKey& key) {
  // Checked first: ldns leaks on its own error path for an unknown algorithm.
  if (!is_supported_tsig_algorithm(key.algorithm)) {
    return fail(ErrorCode::Invalid,
                "cannot sign with TSIG key '" + key.name.without_dot() + "': unsupported algorithm (" + key.algorithm + ")");
  }
  std::string algorithm = ldns_algorithm(key.algorithm);
  ldns_status status = ldns_pkt_tsig_sign(packet, key.name.text().c_str(), key.secret.c_str(), kFudgeSeconds, algorithm.c_str(), nullptr);
  if (status != LDNS_STATUS_OK) {
    return fail(ErrorCode::Invalid,
                "cannot sign with TSIG key '" + key.name.without_dot() + "' (" + key.algorithm + "): " + ldns_get_errorstr_by_id(status));
  }
  std::uint8_t* raw = nullptr;
  std::size_t size = 0;
  if (ldns_pkt2wire(&raw, packet, &size) != LDNS_STATUS_OK) return fail(ErrorCode::Invalid, "cannot encode the signed request");
  SignedRequest out{.wire = std::vector<std::uint8_t>(raw, raw + size)};
  std::free(raw);
  out.mac.reset(ldns_rdf_clone(ldns_rr_rdf(ldns_pkt_tsig(packet), kMacField)));
  return out;
}

Result<SignedReply> read_signed_reply(std::span<const std::uint8_t> wire, const TsigKey& key, const ldns_rdf* prior_mac, bool timers_only) {
  ldns_pkt* raw = nullptr;
  if (ldns_wire2pkt(&raw, wire.data(), wire.size()) != LDNS_STATUS_OK) return fail(ErrorCode::Corrupt, "a reply that does not parse");
  SignedReply out{.packet = LdnsPacket(raw)};
  const ldns_rr* tsig = ldns_pkt_tsig(raw);
  out.has_tsig = tsig != nullptr;
  if (tsig && ldns_rr_rd_count(tsig) > kErrorField) out.tsig_error = ldns_rdf2native_int16(ldns_rr_rdf(tsig, kErrorField));
  if (tsig && out.tsig_error == 0) {
    std::string algorithm = ldns_algorithm(key.algorithm);
    out.verified = ldns_pkt_tsig_verify_next(raw, wire.data(), wire.size(), key.name.text().c_str(), key.secret.c_str(), prior_mac,
                                             timers_only ? 1 : 0);
  }
  return out;
}

LdnsRdf reply_mac(const SignedReply& reply) {
  const ldns_rr* tsig = ldns_pkt_tsig(reply.packet.get());
  if (!tsig || ldns_rr_rd_count(tsig) <= kMacField) return {};
  return LdnsRdf(ldns_rdf_clone(ldns_rr_rdf(tsig, kMacField)));
}

Result<void> check_rcode(const SignedReply& reply, const std::string& what) {
  int rcode = ldns_pkt_get_rcode(reply.packet.get());
  if (rcode == LDNS_RCODE_NOERROR && reply.tsig_error == 0) return {};
  std::string name = rcode_name(rcode);
  if (reply.tsig_error != 0) name += " (" + tsig_error_name(reply.tsig_error) + ")";
  bool refused = rcode == LDNS_RCODE_REFUSED || rcode == LDNS_RCODE_NOTAUTH || reply.tsig_error != 0;
  return fail(refused ? ErrorCode::Refused : ErrorCode::Protocol, what + (refused ? " refused: " : " failed: ") + name);
}

std::string rcode_name(int rcode) {
  switch (rcode) {
    case 0: return "NOERROR";
    case 1: return "FORMERR";
    case 2: return "SERVFAIL";
    case 3: return "NXDOMAIN";
    case 4: return "NOTIMP";
    case 5: return "REFUSED";
    case 6: return "YXDOMAIN";
    case 7: return "YXRRSET";
    case 8: return "NXRRSET";
    case 9: return "NOTAUTH";
    case 10: return "NOTZONE";
    default: return "RCODE" + std::to_string(rcode);
  }
}

std::string tsig_error_name(int error) {
  switch (error) {
    case 16: return "BADSIG";
    case 17: return "BADKEY";
    case 18: return "BADTIME";
    case 22: return "BADTRUNC";
    default: return "TSIG error " + std::to_string(error);
  }
}

}  // namespace cutover::dns::detail
