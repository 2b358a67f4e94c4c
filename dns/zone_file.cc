#include "dns/zone_file.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <set>
#include <sstream>

#include "dns/ldns_convert.h"
#include "dns/ldns_handles.h"

namespace cutover::dns {
namespace {

using File = detail::CHandle<FILE, &std::fclose>;

inline void free_chars(char* p) noexcept { std::free(p); }
using CString = detail::CHandle<char, &free_chars>;

Result<File> open_file(const std::string& path) {
  File file{std::fopen(path.c_str(), "r")};
  if (!file) return fail(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io, "cannot open '" + path + "'");
  return file;
}

}  // namespace

Result<ZoneFile> read_zone_file(const std::string& path, const std::optional<DomainName>& origin) {
  auto file = open_file(path);
  if (!file) return std::unexpected(file.error());
  detail::LdnsRdf origin_rdf;
  if (origin.has_value()) {
    ldns_rdf* raw = nullptr;
    if (ldns_str2rdf_dname(&raw, origin->text().c_str()) != LDNS_STATUS_OK) {
      return fail(ErrorCode::Invalid, "bad origin '" + origin->text() + "'");
    }
    origin_rdf.reset(raw);
  }
  ldns_zone* raw_zone = nullptr;
  int line = 0;
  ldns_status status = ldns_zone_new_frm_fp_l(&raw_zone, file->get(), origin_rdf.get(), 3600, LDNS_RR_CLASS_IN, &line);
  if (status != LDNS_STATUS_OK) {
    return fail(ErrorCode::Invalid, path + ":" + std::to_string(line) + ": " + ldns_get_errorstr_by_id(status));
  }
  detail::LdnsZone zone{raw_zone};
  ZoneFile out;
  if (const ldns_rr* soa = ldns_zone_soa(zone.get())) {
    auto record = detail::to_record(soa);
    if (!record) return std::unexpected(record.error());
    out.origin = record->name;
    out.records.push_back(std::move(*record));
  } else if (origin.has_value()) {
    out.origin = *origin;
  } else {
    return fail(ErrorCode::Invalid, path + ": no SOA record and no origin given");
  }
  auto records = detail::to_records(ldns_zone_rrs(zone.get()));
  if (!records) return std::unexpected(records.error());
  for (auto& r : *records) out.records.push_back(std::move(r));
  return out;
}

Result<std::string> canonical_record_line(const std::string& line) {
  ldns_rr* raw = nullptr;
  if (ldns_rr_new_frm_str(&raw, line.c_str(), 0, nullptr, nullptr) != LDNS_STATUS_OK) {
    return fail(ErrorCode::Invalid, "not a record: '" + line + "'");
  }
  detail::LdnsRr rr{raw};
  CString text{ldns_rr2str(rr.get())};
  if (!text) return fail(ErrorCode::Invalid, "cannot print record: '" + line + "'");
  return std::string(text.get());
}

std::vector<Question> parity_questions(const ZoneFile& zone) {
  std::set<DomainName> cuts;
  for (const auto& r : zone.records) {
    if (r.type == RecordType::NS && r.name != zone.origin) cuts.insert(r.name);
  }
  auto below_cut = [&](const DomainName& name) {
    for (DomainName n = name; n.is_subdomain_of(zone.origin) && n != zone.origin; n = n.parent()) {
      if (n != name && cuts.contains(n)) return true;
    }
    return false;
  };
  std::set<Question> seen;
  std::vector<Question> out;
  for (const auto& r : zone.records) {
    if (r.type == RecordType::SOA || (r.type == RecordType::NS && r.name == zone.origin)) continue;
    if (below_cut(r.name)) continue;
    // At a cut this zone is the parent: it answers for the NS (a referral,
    // with the glue) and the DS (authoritatively); anything else there
    // belongs to the child.
    if (cuts.contains(r.name) && r.type != RecordType::NS && r.type != RecordType::DS) continue;
    Question q{.name = r.name, .type = r.type};
    if (seen.insert(q).second) out.push_back(std::move(q));
  }
  return out;
}

Result<QuestionList> read_names_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::NotFound, "cannot open names file '" + path + "'");
  // A first pass sizes the list: a name's text is at most its line and a dot.
  QuestionList out;
  std::size_t lines = 0;
  std::size_t bytes = 0;
  for (std::string line; std::getline(in, line);) {
    lines += 1;
    bytes += line.size() + 1;
  }
  out.reserve(lines, bytes);
  in.clear();
  in.seekg(0);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (auto hash = line.find('#'); hash != std::string::npos) line.erase(hash);
    std::istringstream words(line);
    std::string name_text;
    if (!(words >> name_text)) continue;
    auto name = DomainName::parse(name_text);
    if (!name) return fail(ErrorCode::Invalid, path + ":" + std::to_string(number) + ": " + name.error().message);
    std::string type_text;
    bool any = false;
    while (words >> type_text) {
      auto type = parse_record_type(type_text);
      if (!type) return fail(ErrorCode::Invalid, path + ":" + std::to_string(number) + ": unknown record type '" + type_text + "'");
      out.push_back(Question{.name = *name, .type = *type});
      any = true;
    }
    if (!any) out.push_back(Question{.name = *name, .type = RecordType::A});
  }
  return out;
}

Result<std::vector<ServerAddress>> read_root_hints(const std::string& path) {
  auto zone = read_zone_file(path, DomainName{});
  if (!zone) return std::unexpected(zone.error());
  std::vector<ServerAddress> out;
  for (const auto& r : zone->records) {
    if (r.type != RecordType::A && r.type != RecordType::AAAA) continue;
    auto address = parse_server_address(r.rdata);
    if (address) out.push_back(*address);
  }
  if (out.empty()) return fail(ErrorCode::Invalid, "no addresses in root hints file '" + path + "'");
  return out;
}

}  // namespace cutover::dns
