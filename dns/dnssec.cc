#include "dns/dnssec.h"

#include <optional>

#include "dns/ldns_handles.h"

namespace cutover::dns {
namespace {

constexpr std::uint16_t kZoneKeyFlag = 0x0100;  // RFC 4034 2.1.1: bit 7
constexpr std::uint16_t kRevokedFlag = 0x0080;  // RFC 5011 7: bit 8

Result<detail::LdnsRr> parse_rr(const DomainName& zone, const char* type, const std::string& rdata) {
  std::string text = zone.text() + " 0 IN " + type + " " + rdata;
  ldns_rr* rr = nullptr;
  ldns_status status = ldns_rr_new_frm_str(&rr, text.c_str(), 0, nullptr, nullptr);
  if (status != LDNS_STATUS_OK) {
    return fail(ErrorCode::Invalid, std::string(type) + " '" + rdata + "' does not parse: " + ldns_get_errorstr_by_id(status));
  }
  detail::LdnsRr owned(rr);
  // Both DS and DNSKEY have four fields; ldns accepts fewer from text.
  if (ldns_rr_rd_count(rr) < 4) return fail(ErrorCode::Invalid, std::string(type) + " '" + rdata + "' has too few fields");
  return owned;
}

// DS digest types a resolver checks, as ldns names them (the numbers are the same, RFC 4509, 6605).
std::optional<ldns_hash> hash_of(std::uint8_t digest_type) {
  switch (digest_type) {
    case 1: return LDNS_SHA1;
    case 2: return LDNS_SHA256;
    case 4: return LDNS_SHA384;
    default: return std::nullopt;
  }
}

}  // namespace

std::string_view to_string(DsMatchKind kind) {
  switch (kind) {
    case DsMatchKind::Matches: return "matches";
    case DsMatchKind::NoKeyWithTag: return "no-key-with-tag";
    case DsMatchKind::DigestDiffers: return "digest-differs";
    case DsMatchKind::UnsupportedDigest: return "unsupported-digest";
  }
  return "unknown";
}

Result<std::uint16_t> dnskey_tag(const DomainName& zone, const std::string& dnskey) {
  auto key = parse_rr(zone, "DNSKEY", dnskey);
  if (!key) return std::unexpected(key.error());
  return ldns_calc_keytag(key->get());
}

Result<DsMatch> match_ds(const DomainName& zone, const std::string& ds, const std::vector<std::string>& dnskeys) {
  auto ds_rr = parse_rr(zone, "DS", ds);
  if (!ds_rr) return std::unexpected(ds_rr.error());
  DsMatch out{.key_tag = ldns_rdf2native_int16(ldns_rr_rdf(ds_rr->get(), 0))};
  std::uint8_t algorithm = ldns_rdf2native_int8(ldns_rr_rdf(ds_rr->get(), 1));
  auto hash = hash_of(ldns_rdf2native_int8(ldns_rr_rdf(ds_rr->get(), 2)));
  if (!hash) {
    // A resolver ignores a DS it cannot check (RFC 4035 5.2): it neither helps nor breaks.
    out.kind = DsMatchKind::UnsupportedDigest;
    return out;
  }
  for (const auto& text : dnskeys) {
    auto key = parse_rr(zone, "DNSKEY", text);
    if (!key) return std::unexpected(key.error());
    std::uint16_t flags = ldns_rdf2native_int16(ldns_rr_rdf(key->get(), 0));
    if ((flags & kZoneKeyFlag) == 0 || (flags & kRevokedFlag) != 0) continue;
    if (ldns_rdf2native_int8(ldns_rr_rdf(key->get(), 2)) != algorithm || ldns_calc_keytag(key->get()) != out.key_tag) continue;
    detail::LdnsRr computed(ldns_key_rr2ds(key->get(), *hash));
    if (computed && ldns_rdf_compare(ldns_rr_rdf(computed.get(), 3), ldns_rr_rdf(ds_rr->get(), 3)) == 0) {
      out.kind = DsMatchKind::Matches;
      return out;
    }
    out.kind = DsMatchKind::DigestDiffers;  // a key tag is 16 bits: another key may still match
  }
  return out;
}

}  // namespace cutover::dns
