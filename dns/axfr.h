#pragma once
// Zone transfer (AXFR, RFC 5936) signed with TSIG over TCP: every record of a
// zone as the server holds it, grouped into RRsets.
//
//   auto rrsets = dns::transfer_zone(*dns::parse_server_address("127.0.0.1"), zone, key);

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"
#include "dns/result.h"
#include "dns/server_address.h"
#include "dns/tsig_key.h"

namespace cutover::dns {

/// The records of one name and type. `wire[i]` is record i's RDATA byte for
/// byte as the server holds it; `rdata[i]` is its text, in presentation form
/// with absolute, lower-cased domain names ("ns1.example.com.", "10
/// mail.example.com.") when ldns prints and parses that form back to the
/// same RDATA, else in RFC 3597's generic form ("\# 4 c0000201"). Either
/// way the text can be sent back by UPDATE (replace_rrset, dns/update.h).
struct RecordSet {
  DomainName name{};
  RecordType type{RecordType::A};
  std::uint32_t ttl{0};  // the first record's; RFC 2181 wants them equal
  std::vector<std::string> rdata{};
  std::vector<std::vector<std::uint8_t>> wire{};

  friend bool operator==(const RecordSet&, const RecordSet&) = default;
};

/// Limits of transfer_zone().
struct TransferOptions {
  std::chrono::milliseconds timeout{30000};  // for the whole transfer
};

/// Every RRset of `zone` at `server`, the SOA first, in the order the server
/// sent them. Each message of the transfer must carry a valid TSIG of `key`
/// (except unsigned intermediate messages RFC 8945 allows; the first one
/// is always checked). Fails with Refused for REFUSED, NOTAUTH or a TSIG
/// error, Protocol for another rcode or a bad signature, Corrupt for a stream
/// that does not start and end with the zone's SOA, Timeout/Network for the
/// connection. No message ever contains the key's secret.
Result<std::vector<RecordSet>> transfer_zone(const ServerAddress& server, const DomainName& zone, const TsigKey& key,
                                             const TransferOptions& options = {});

}  // namespace cutover::dns
