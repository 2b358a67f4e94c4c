#pragma once
// Private to dns/: signing a request with TSIG and checking the signatures of
// its replies, over ldns (RFC 8945). A request keeps its MAC: the first reply
// is verified against it, each later reply of a stream (AXFR) against the MAC
// of the reply before.

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dns/ldns_handles.h"
#include "dns/result.h"
#include "dns/tsig_key.h"

namespace cutover::dns::detail {

/// A signed request in wire form and the MAC its replies are chained to.
struct SignedRequest {
  std::vector<std::uint8_t> wire{};
  LdnsRdf mac{};
};

/// Signs `packet` (its id set already) with `key`. Fails (Invalid) when ldns cannot sign with the algorithm.
Result<SignedRequest> sign_request(ldns_pkt* packet, const TsigKey& key);

/// One reply of the exchange, parsed, with what its TSIG says.
struct SignedReply {
  LdnsPacket packet{};
  bool has_tsig{false};  // carries a TSIG record
  int tsig_error{0};     // the TSIG error field (16 BADSIG, 17 BADKEY, 18 BADTIME); 0 when none
  bool verified{false};  // the MAC checks out against `prior_mac`
};

/// Parses `wire` and verifies its TSIG against `prior_mac` (the request's MAC
/// for the first reply, else the previous reply's); `timers_only` for the
/// second and later replies of a stream. Fails (Corrupt) when it does not parse.
Result<SignedReply> read_signed_reply(std::span<const std::uint8_t> wire, const TsigKey& key, const ldns_rdf* prior_mac, bool timers_only);

/// The MAC of a verified reply, cloned, to chain the next reply to.
LdnsRdf reply_mac(const SignedReply& reply);

/// The failure a reply's rcode or TSIG error reports, for UPDATE and AXFR
/// alike, fails (Refused) as "<what> refused: REFUSED (BADSIG)" for REFUSED, NOTAUTH
/// or any TSIG error, else (Protocol) as "<what> failed: SERVFAIL". Succeeds for a
/// NOERROR reply without a TSIG error. Callers append their own hint.
Result<void> check_rcode(const SignedReply& reply, const std::string& what);

/// "NOERROR", "REFUSED", "NOTAUTH", ...; "RCODE<n>" for others.
std::string rcode_name(int rcode);
/// "BADSIG", "BADKEY", "BADTIME", "BADTRUNC"; "TSIG error <n>" for others.
std::string tsig_error_name(int error);

}  // namespace cutover::dns::detail
