#include "dns/ldns_convert.h"

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

// Presentation form of the rdata; domain names lower-cased so that sets of
// records compare case-insensitively.
std::string rdata_text(const ldns_rr* rr) {
  std::string out;
  for (std::size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    const ldns_rdf* rdf = ldns_rr_rdf(rr, i);
    std::string part = take_string(ldns_rdf2str(rdf));
    if (ldns_rdf_get_type(rdf) == LDNS_RDF_TYPE_DNAME) {
      for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    if (!out.empty()) out += ' ';
    out += part;
  }
  return out;
}

}  // namespace

Result<Record> to_record(const ldns_rr* rr) {
  auto owner = DomainName::parse(take_string(ldns_rdf2str(ldns_rr_owner(rr))));
  if (!owner) return fail(ErrorCode::Corrupt, "bad owner name: " + owner.error().message);
  return Record{.name = std::move(*owner),
                .type = static_cast<RecordType>(ldns_rr_get_type(rr)),
                .ttl = ldns_rr_ttl(rr),
                .rdata = rdata_text(rr)};
}

Result<std::vector<Record>> to_records(const ldns_rr_list* list) {
  std::vector<Record> out;
  if (!list) return out;
  out.reserve(ldns_rr_list_rr_count(list));
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(list); ++i) {
    const ldns_rr* rr = ldns_rr_list_rr(list, i);
    if (ldns_rr_get_type(rr) == LDNS_RR_TYPE_OPT) continue;
    auto record = to_record(rr);
    if (!record) return std::unexpected(record.error());
    out.push_back(std::move(*record));
  }
  return out;
}

}  // namespace cutover::dns::detail
