#pragma once
// Private to dns/: the opening shared by UPDATE and AXFR, which differ only in
// what they read back. Both give the request a random id, sign it with TSIG,
// connect to the server over TCP and send it, all before one deadline.

#include <string>

#include "dns/ldns_handles.h"
#include "dns/result.h"
#include "dns/server_address.h"
#include "dns/tcp_stream.h"
#include "dns/tsig_key.h"

namespace cutover::dns::detail {

/// A signed request on its way: the stream its replies come back on and the
/// MAC the first reply is verified against.
struct SignedExchange {
  TcpStream stream;
  LdnsRdf request_mac{};
};

/// Sets a random id on `packet`, signs it with `key` and sends it to `server`
/// over a new TCP stream bounded by `deadline`. Network failures name `what`
/// ("AXFR of zone example.test. from 192.0.2.1"); a signing failure is returned as is.
Result<SignedExchange> start_signed_exchange(ldns_pkt* packet, const TsigKey& key, const ServerAddress& server,
                                             TcpStream::Deadline deadline, const std::string& what);

}  // namespace cutover::dns::detail
