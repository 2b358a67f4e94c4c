#include "planner/cli/zone_bind.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>

#include "planner/cli/zone_ldns_handles.h"

namespace cutover::cli {
namespace {

using aws::route53::RecordSet;

bool plain_label_byte(unsigned char b) { return std::isalnum(b) || b == '-' || b == '_' || b == '*'; }

// Walks a name, calling emit(byte, is_separator) for each label byte or dot;
// `base` is the radix of the 3-digit escapes of the input (8 or 10).
template <class Emit>
void decode_name(std::string_view name, int base, Emit emit) {
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '\\' && i + 3 < name.size() && std::isdigit(static_cast<unsigned char>(name[i + 1])) &&
        std::isdigit(static_cast<unsigned char>(name[i + 2])) && std::isdigit(static_cast<unsigned char>(name[i + 3]))) {
      int value = std::stoi(std::string(name.substr(i + 1, 3)), nullptr, base);
      emit(static_cast<unsigned char>(value), false);
      i += 3;
    } else if (c == '\\' && i + 1 < name.size()) {
      emit(static_cast<unsigned char>(name[++i]), false);
    } else {
      emit(static_cast<unsigned char>(c), c == '.');
    }
  }
}

std::string to_text(const ldns_rdf* rdf) {
  detail::CString text(ldns_rdf2str(rdf));
  return text ? text.get() : "";
}

std::string type_text(ldns_rr_type type) {
  detail::CString text(ldns_rr_type2str(type));
  return text ? text.get() : "";
}

std::string rdata_text(const ldns_rr* rr) {
  std::string out;
  for (size_t i = 0; i < ldns_rr_rd_count(rr); ++i) {
    if (!out.empty()) out.push_back(' ');
    out += to_text(ldns_rr_rdf(rr, i));
  }
  return out;
}

// Merges one ldns record into the record set of its owner and type.
void add_record(const ldns_rr* rr, std::map<std::pair<std::string, std::string>, RecordSet>& sets, BindZone& zone) {
  std::string name = bind_to_route53_name(to_text(ldns_rr_owner(rr)));
  std::string type = type_text(ldns_rr_get_type(rr));
  long ttl = ldns_rr_ttl(rr);
  auto [it, inserted] = sets.try_emplace({name, type}, RecordSet{.name = name, .type = type, .ttl = ttl});
  if (!inserted && it->second.ttl != ttl) {
    zone.notes.push_back(name + " " + type + ": records with different TTLs, using the smallest");
    it->second.ttl = std::min(*it->second.ttl, ttl);
  }
  it->second.values.push_back(rdata_text(rr));
}

}  // namespace

std::string route53_to_bind_name(std::string_view name) {
  std::string out;
  decode_name(name, 8, [&out](unsigned char b, bool separator) {
    if (separator || plain_label_byte(b)) {
      out.push_back(static_cast<char>(b));
    } else {
      char escape[5];
      std::snprintf(escape, sizeof escape, "\\%03d", b);
      out += escape;
    }
  });
  return out;
}

std::string bind_to_route53_name(std::string_view name) {
  std::string out;
  decode_name(name, 10, [&out](unsigned char b, bool separator) {
    if (separator || plain_label_byte(b)) {
      out.push_back(static_cast<char>(std::tolower(b)));
    } else {
      char escape[5];
      std::snprintf(escape, sizeof escape, "\\%03o", b);
      out += escape;
    }
  });
  if (!out.ends_with('.')) out.push_back('.');
  return out;
}

std::expected<BindZone, std::string> read_bind_zone(const std::string& path, const std::string& origin) {
  detail::File file(std::fopen(path.c_str(), "r"));
  if (!file) return std::unexpected("cannot open " + path);
  ldns_rdf* origin_raw = nullptr;
  if (!origin.empty() && ldns_str2rdf_dname(&origin_raw, origin.c_str()) != LDNS_STATUS_OK) {
    return std::unexpected("bad zone name " + origin);
  }
  detail::LdnsRdfPtr origin_rdf(origin_raw);
  ldns_zone* raw = nullptr;
  int line = 0;
  ldns_status status = ldns_zone_new_frm_fp_l(&raw, file.get(), origin_rdf.get(), 3600, LDNS_RR_CLASS_IN, &line);
  detail::LdnsZonePtr zone(raw);
  if (status != LDNS_STATUS_OK) {
    return std::unexpected(path + ":" + std::to_string(line) + ": " + ldns_get_errorstr_by_id(status));
  }
  BindZone out;
  std::map<std::pair<std::string, std::string>, RecordSet> sets;
  if (const ldns_rr* soa = ldns_zone_soa(zone.get())) add_record(soa, sets, out);
  const ldns_rr_list* rrs = ldns_zone_rrs(zone.get());
  for (size_t i = 0; rrs && i < ldns_rr_list_rr_count(rrs); ++i) add_record(ldns_rr_list_rr(rrs, i), sets, out);
  for (auto& [key, set] : sets) out.record_sets.push_back(std::move(set));
  return out;
}

std::string write_bind_zone(const std::vector<RecordSet>& records, std::string_view origin,
                            std::vector<std::string>& notes) {
  std::string out = "$ORIGIN " + route53_to_bind_name(origin) + "\n";
  for (const RecordSet& r : records) {
    std::string owner = route53_to_bind_name(r.name);
    if (r.alias) {
      out += "; ALIAS " + owner + " " + r.type + " -> " + r.alias->dns_name + " (zone " + r.alias->hosted_zone_id + ")\n";
      notes.push_back(owner + " " + r.type + " is an alias: written as a comment");
      continue;
    }
    if (!r.set_identifier.empty()) {
      out += "; routing policy: SetIdentifier=" + r.set_identifier +
             (r.weight ? " Weight=" + std::to_string(*r.weight) : "") + (r.region.empty() ? "" : " Region=" + r.region) +
             (r.failover.empty() ? "" : " Failover=" + r.failover) + "\n";
      notes.push_back(owner + " " + r.type + " (" + r.set_identifier + ") has a routing policy BIND cannot express");
    }
    for (const std::string& value : r.values) {
      std::string line = owner + " " + std::to_string(r.ttl.value_or(300)) + " IN " + r.type + " " + value;
      ldns_rr* raw = nullptr;
      if (ldns_rr_new_frm_str(&raw, line.c_str(), 0, nullptr, nullptr) != LDNS_STATUS_OK) {
        out += "; (ldns could not parse) " + line + "\n";
        notes.push_back(owner + " " + r.type + ": value not understood by ldns, written as a comment");
        continue;
      }
      detail::LdnsRrPtr rr(raw);
      detail::CString text(ldns_rr2str(rr.get()));
      out += text ? text.get() : line + "\n";
    }
  }
  return out;
}

}  // namespace cutover::cli
