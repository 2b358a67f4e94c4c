#pragma once
// Does a DS record at the parent point at a key the zone's servers publish?
// The one DNSSEC question a migration must answer before it moves a signed
// zone: a DS that no served DNSKEY matches makes validating resolvers answer
// SERVFAIL for every name in the zone (RFC 4035 section 5.2).
//
//   auto match = dns::match_ds(zone, "2532 13 2 1E3D...", {"257 3 13 aW+i..."});
//   if (match && match->kind == dns::DsMatchKind::Matches) ...

#include <cstdint>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/result.h"

namespace cutover::dns {

/// How one DS relates to a set of DNSKEYs.
enum class DsMatchKind {
  Matches,            // a key with the DS's tag and algorithm hashes to the DS's digest
  NoKeyWithTag,       // no key has the DS's key tag and algorithm
  DigestDiffers,      // a key has the tag and algorithm, but its digest differs
  UnsupportedDigest,  // the digest type is not one a resolver can check here (SHA-1, SHA-256, SHA-384 are)
};

/// "matches", "no-key-with-tag", "digest-differs", "unsupported-digest".
std::string_view to_string(DsMatchKind kind);

/// The finding for one DS: how it relates to the keys, and its key tag.
struct DsMatch {
  DsMatchKind kind{DsMatchKind::NoKeyWithTag};
  std::uint16_t key_tag{0};
};

/// Compares the DS `ds` (presentation RDATA: "tag algorithm digest-type hex")
/// of `zone` with each key of `dnskeys` (presentation RDATA of DNSKEY records
/// of `zone`): a key matches when it is a zone key (flag bit 7), not revoked,
/// has the DS's key tag and algorithm, and its digest (RFC 4034 section 5.1.4)
/// equals the DS's. Fails (Invalid) when the DS or a key does not parse.
Result<DsMatch> match_ds(const DomainName& zone, const std::string& ds, const std::vector<std::string>& dnskeys);

/// The key tag of a DNSKEY (presentation RDATA), as RFC 4034 appendix B computes it. Fails (Invalid) when it does not parse.
Result<std::uint16_t> dnskey_tag(const DomainName& zone, const std::string& dnskey);

}  // namespace cutover::dns
