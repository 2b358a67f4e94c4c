#pragma once
// ServerAddress: where a DNS server listens, an IP literal and a port. Host
// names are not accepted here: name servers are found by name with queries.

#include <cstdint>
#include <string>
#include <string_view>

#include "dns/result.h"

namespace cutover::dns {

/// One DNS server endpoint: an IPv4 or IPv6 literal and a UDP/TCP port.
struct ServerAddress {
  std::string ip{};  // canonical text of the address, no brackets
  std::uint16_t port{53};
  bool ipv6{false};

  friend bool operator==(const ServerAddress&, const ServerAddress&) = default;
  friend auto operator<=>(const ServerAddress&, const ServerAddress&) = default;
};

/// Parses "192.0.2.1", "192.0.2.1@5353", "192.0.2.1:5353", "2001:db8::1",
/// "2001:db8::1@53" or "[2001:db8::1]:53". Fails (Invalid) on anything that
/// is not an IP literal with an optional port in 1..65535, naming the input.
Result<ServerAddress> parse_server_address(std::string_view text);

/// The address in the form parse_server_address reads back: "192.0.2.1",
/// "192.0.2.1@5353", "2001:db8::1", "[2001:db8::1]:5353" (port shown only when not 53).
std::string to_string(const ServerAddress& address);

}  // namespace cutover::dns
