#include "dns/ldns_convert.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>
#include <string>

#include "dns/ldns_handles.h"

namespace cutover::dns::detail {
namespace {

std::string take_string(char* text) {
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

// Addresses without ldns's printf-based formatting (the hot path of a parity
// run is A and AAAA answers); empty for any other rdata field.
std::string address_text(const ldns_rdf* rdf) {
  char text[INET6_ADDRSTRLEN] = {};
  auto type = ldns_rdf_get_type(rdf);
  if (type == LDNS_RDF_TYPE_A && ldns_rdf_size(rdf) == 4) {
    return inet_ntop(AF_INET, ldns_rdf_data(rdf), text, sizeof text) ? text : "";
  }
  if (type == LDNS_RDF_TYPE_AAAA && ldns_rdf_size(rdf) == 16) {
    return inet_ntop(AF_INET6, ldns_rdf_data(rdf), text, sizeof text) ? text : "";
  }
  return "";
}

// Presentation form of the rdata; domain names lower-cased so that sets of
// records compare case-insensitively.
std::string rdata_text(const ldns_rr* rr) {
  std::string out;
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    const ldns_rdf* rdf = ldns_rr_rdf(rr, i);
    std::string part = address_text(rdf);
    if (part.empty()) part = take_string(ldns_rdf2str(rdf));
    if (ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_DNAME) {
      for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!out.empty()) out += ' ';
    out += part;
  }
  return out;
}

}  // namespace

Result<Record> to_record(const ldns_rr* rr, const KnownOwner* known) {
  const ldns_rdf* owner_rdf = ldns_rr_owner(rr);
  Result<DomainName> owner = known && known->rdf && ldns_dname_compare(owner_rdf, known->rdf) == 0
                                 ? Result<DomainName>(known->name)
                                 : DomainName::parse(take_string(ldns_rdf2str(owner_rdf)));
  if (!owner) return fail(ErrorCode::Corrupt, "bad owner name: " + owner.error().message);
  return Record{.name = std::move(*owner),
                .type = static_cast<RecordType>(ldns_rr_get_type(rr)),
                .ttl = ldns_rr_ttl(rr),
                .rdata = rdata_text(rr),
                .wire = rdata_wire(rr)};
}

Result<std::vector<Record>> to_records(const ldns_rr_list* list, const KnownOwner* known) {
  std::vector<Record> out;
  if (!list) return out;
  out.reserve(ldns_rr_list_rr_count(list));
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(list); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list, i);
    if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_OPT) continue;
    auto record = to_record(rr, known);
    if (!record) return std::unexpected(record.error());
    out.push_back(std::move(*record));
  }
  return out;
}

std::vector<std::uint8_t> rdata_wire(const ldns_rr* rr) {
  std::vector<std::uint8_t> out;
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    const ldns_rdf* rdf = ldns_rr_rdf(rr, i);
    const std::uint8_t* data = ldns_rdf_data(rdf);
    out.insert(out.end(), data, data + ldns_rdf_size(rdf));
  }
  return out;
}

std::string generic_rdata_text(std::span<const std::uint8_t> wire) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\\# " + std::to_string(wire.size());
  if (!wire.empty()) out += ' ';
  for (std::uint8_t byte : wire) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

namespace {

Result<std::vector<std::uint8_t>> decode_generic(std::string_view text) {
  std::string bad = "bad RFC 3597 value '" + std::string(text) + "'";
  std::size_t pos = 2;
  while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  std::size_t length = 0;
  std::size_t digits = 0;
  for (; pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])); ++pos, ++digits) {
    length = length * 10 + static_cast<std::size_t>(text[pos] - '0');
    if (length > 65535) return fail(ErrorCode::Invalid, bad + ": length over 65535");
  }
  if (digits == 0) return fail(ErrorCode::Invalid, bad + ": no length");
  std::string hex;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isxdigit(static_cast<unsigned char>(c))) return fail(ErrorCode::Invalid, bad + ": not hexadecimal");
    hex += c;
  }
  if (hex.size() != 2 * length) {
    return fail(ErrorCode::Invalid, bad + ": " + std::to_string(hex.size() / 2) + " octets for a length of " + std::to_string(length));
  }
  std::vector<std::uint8_t> out(length);
  for (std::size_t i = 0; i < length; ++i) out[i] = static_cast<std::uint8_t>(std::stoi(hex.substr(2 * i, 2), nullptr, 16));
  return out;
}

}  // namespace

Result<std::vector<std::uint8_t>> rdata_from_text(RecordType type, const std::string& text) {
  if (text.starts_with("\\#") && (text.size() == 2 || std::isspace(static_cast<unsigned char>(text[2])))) {
    return decode_generic(text);
  }
  // ldns parses whole records: give it a placeholder owner, and the type by
  // number (RFC 3597) so a mnemonic ldns lacks cannot stop it.
  std::string record = ". 0 IN TYPE" + std::to_string(static_cast<std::uint16_t>(type)) + " " + text;
  ldns_rr* raw = nullptr;
  ldns_status status = ldns_rr_new_frm_str(&raw, record.c_str(), 0, nullptr, nullptr);
  if (status != LDNS_STATUS_OK) return fail(ErrorCode::Invalid, ldns_get_errorstr_by_id(status));
  LdnsRr rr(raw);
  return rdata_wire(rr.get());
}

std::string faithful_rdata_text(const Record& record) {
  // Empty text stands for nothing an UPDATE can send; "\\# 0" does.
  if (record.rdata.empty()) return generic_rdata_text(record.wire);
  auto parsed = rdata_from_text(record.type, record.rdata);
  if (parsed && *parsed == fold_rdata_names(record.type, record.wire)) return record.rdata;
  return generic_rdata_text(record.wire);
}

std::vector<std::uint8_t> fold_rdata_names(RecordType type, std::span<const std::uint8_t> wire) {
  std::vector<std::uint8_t> out(wire.begin(), wire.end());
  // Most answers (A, AAAA, TXT) hold no name: skip the parse for them.
  const ldns_rr_descriptor* descriptor = ldns_rr_descript(static_cast<std::uint16_t>(type));
  if (descriptor == nullptr || wire.size() > 65535) return out;
  bool has_name = false;
  for (std::size_t i = 0; i < ldns_rr_descriptor_maximum(descriptor) && i < 64; ++i) {
    has_name |= ldns_rr_descriptor_field_type(descriptor, i) == LDNS_RDF_TYPE_DNAME;
  }
  if (!has_name) return out;
  std::vector<std::uint8_t> framed{static_cast<std::uint8_t>(wire.size() >> 8), static_cast<std::uint8_t>(wire.size() & 0xff)};
  framed.insert(framed.end(), wire.begin(), wire.end());
  LdnsRr rr(ldns_rr_new());
  ldns_rr_set_type(rr.get(), static_cast<ldns_rr_type>(type));
  std::size_t pos = 0;
  if (ldns_wire2rdf(rr.get(), framed.data(), framed.size(), &pos) != LDNS_STATUS_OK || pos != framed.size()) return out;
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr.get()); ++i) {
    ldns_rdf* rdf = ldns_rr_rdf(rr.get(), i);
    if (ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_DNAME) ldns_dname2canonical(rdf);
  }
  auto folded = rdata_wire(rr.get());
  // A name is never re-encoded longer or shorter; anything else means ldns
  // changed more than the case, and the RDATA is compared as received.
  if (folded.size() == out.size()) out = std::move(folded);
  return out;
}

}  // namespace cutover::dns::detail
