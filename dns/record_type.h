#pragma once
// Record types as an enum, converted to and from text only at the edges.

#include <cstdint>
#include <optional>
#include <string_view>

namespace cutover::dns {

enum class RecordType : std::uint16_t {
  A = 1,
  NS = 2,
  CNAME = 5,
  SOA = 6,
  PTR = 12,
  MX = 15,
  TXT = 16,
  AAAA = 28,
  SRV = 33,
  NAPTR = 35,
  DS = 43,
  SSHFP = 44,
  DNSKEY = 48,
  TLSA = 52,
  SVCB = 64,
  HTTPS = 65,
  SPF = 99,
  CAA = 257,
};

/// "A", "NS", ...; "TYPE<n>" for a value the enum does not name.
std::string_view to_string(RecordType type);
/// Parses a mnemonic, case-insensitively; nullopt for an unknown one.
std::optional<RecordType> parse_record_type(std::string_view text);

}  // namespace cutover::dns
