#pragma once
// Record types as an enum, converted to and from text only at the edges.
// Every value of the 16-bit field is a RecordType: the enumerators name the
// types a production zone holds; any other value prints and parses in the
// RFC 3597 form "TYPE<n>".

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
  HINFO = 13,
  MX = 15,
  TXT = 16,
  RP = 17,
  AFSDB = 18,
  SIG = 24,
  KEY = 25,
  AAAA = 28,
  LOC = 29,
  SRV = 33,
  NAPTR = 35,
  KX = 36,
  CERT = 37,
  DNAME = 39,
  APL = 42,
  DS = 43,
  SSHFP = 44,
  IPSECKEY = 45,
  RRSIG = 46,
  NSEC = 47,
  DNSKEY = 48,
  DHCID = 49,
  NSEC3 = 50,
  NSEC3PARAM = 51,
  TLSA = 52,
  SMIMEA = 53,
  HIP = 55,
  CDS = 59,
  CDNSKEY = 60,
  OPENPGPKEY = 61,
  CSYNC = 62,
  ZONEMD = 63,
  SVCB = 64,
  HTTPS = 65,
  SPF = 99,
  EUI48 = 108,
  EUI64 = 109,
  URI = 256,
  CAA = 257,
};

/// The mnemonic ("A", "NAPTR", ...); "TYPE<n>" (RFC 3597) for a value without one.
/// The view stays valid for the whole program.
std::string_view to_string(RecordType type);
/// Parses a mnemonic case-insensitively, or "TYPE<n>" with n in 0..65535;
/// nullopt for anything else.
std::optional<RecordType> parse_record_type(std::string_view text);

}  // namespace cutover::dns
