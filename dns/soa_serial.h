#pragma once
// The SOA serial each server answers for a zone: how a zone's change is seen
// to reach every server (a secondary is in sync once its serial reaches the
// primary's), compared in RFC 1982 serial arithmetic.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/probe_options.h"
#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns {

/// What one server said about the zone's SOA.
struct SerialSeen {
  ServerAddress server{};
  std::optional<std::uint32_t> serial{};  // set only for an authoritative answer with the SOA
  std::string problem{};                  // why not, when unset: "timeout", "refused", "not authoritative"...
};

/// Asks every server for the zone's SOA at once (no recursion), one result
/// per server in order. Fails only when no query can be sent at all.
Result<std::vector<SerialSeen>> soa_serials(std::span<const ServerAddress> servers, const DomainName& zone, const ProbeOptions& options);

/// The serial field of an SOA's presentation rdata ("ns. host. 2024010101 ..."); nullopt if malformed.
std::optional<std::uint32_t> parse_soa_serial(const std::string& rdata);

/// True when serial `a` is `b` or later in RFC 1982 arithmetic (wrapping at 2^32).
bool serial_at_least(std::uint32_t a, std::uint32_t b);

}  // namespace cutover::dns
