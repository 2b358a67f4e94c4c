#include "dns/ldns_convert.h"

#include <arpa/inet.h>

#include <cctype>
#include <cstdlib>
#include <string>

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
                .rdata = rdata_text(rr)};
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

}  // namespace cutover::dns::detail
