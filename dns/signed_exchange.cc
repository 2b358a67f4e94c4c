#include "dns/signed_exchange.h"

#include <utility>

#include "dns/tsig_sign.h"

namespace cutover::dns::detail {

Result<SignedExchange> start_signed_exchange(ldns_pkt* packet, const TsigKey& key, const ServerAddress& server,
                                             TcpStream::Deadline deadline, const std::string& what) {
  ldns_pkt_set_random_id(packet);
  auto request = sign_request(packet, key);
  if (!request) return std::unexpected(request.error());
  auto stream = TcpStream::connect(server, deadline);
  if (!stream) return fail(stream.error().code, what + ": " + stream.error().message);
  if (auto sent = stream->send(request->wire); !sent) return fail(sent.error().code, what + ": " + sent.error().message);
  return SignedExchange{.stream = std::move(*stream), .request_mac = std::move(request->mac)};
}

}  // namespace cutover::dns::detail
