#include "planner/providers/record_ops.h"

#include <algorithm>
#include <cctype>

namespace cutover::planner {
namespace {

bool at_or_below(const dns::DomainName& name, const std::vector<dns::DomainName>& roots) {
  return std::ranges::any_of(roots, [&](const dns::DomainName& root) { return name.is_subdomain_of(root); });
}

std::vector<std::string> normalised(std::vector<std::string> values) {
  for (auto& v : values) {
    std::ranges::transform(v, v.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  std::ranges::sort(values);
  return values;
}

// TXT and SPF values are text whose case matters (a DKIM key, a verification
// token); every other type compares case-insensitively (names, hex digits).
bool same_rdata(dns::RecordType type, const std::vector<std::string>& a, const std::vector<std::string>& b) {
  if (type != dns::RecordType::TXT && type != dns::RecordType::SPF) return same_values(a, b);
  std::vector<std::string> x = a;
  std::vector<std::string> y = b;
  std::ranges::sort(x);
  std::ranges::sort(y);
  return x == y;
}

}  // namespace

bool same_values(const std::vector<std::string>& a, const std::vector<std::string>& b) { return normalised(a) == normalised(b); }

std::vector<Rrset> rrsets_to_copy(const std::vector<Rrset>& source, const CopyFilter& filter) {
  std::vector<Rrset> out;
  for (const auto& rrset : source) {
    if (rrset.type == dns::RecordType::SOA) continue;
    bool apex = rrset.name == filter.from_apex || rrset.name == filter.to_apex;
    if (apex && rrset.type == dns::RecordType::NS) continue;
    if (filter.only_below && !rrset.name.is_subdomain_of(*filter.only_below)) continue;
    if (at_or_below(rrset.name, filter.skip_below)) continue;
    out.push_back(rrset);
  }
  return out;
}

std::optional<Rrset> find_rrset(const std::vector<Rrset>& zone, const dns::DomainName& name, dns::RecordType type) {
  return find_rrset(zone, RrsetKey{.name = name, .type = type});
}

std::optional<Rrset> find_rrset(const std::vector<Rrset>& zone, const RrsetKey& key) {
  auto it = std::ranges::find_if(zone, [&](const Rrset& r) { return key_of(r) == key; });
  if (it == zone.end()) return std::nullopt;
  return *it;
}

bool same_content(const Rrset& a, const Rrset& b) {
  return a.ttl == b.ttl && same_rdata(a.type, a.values, b.values) && a.alias == b.alias && a.routing == b.routing &&
         a.health_check_id == b.health_check_id && a.traffic_policy_instance_id == b.traffic_policy_instance_id;
}

std::vector<RrsetChange> changes_to_hold(const std::vector<Rrset>& target, const std::vector<Rrset>& wanted) {
  std::vector<RrsetChange> out;
  for (const auto& rrset : wanted) {
    auto present = find_rrset(target, key_of(rrset));
    if (present && same_content(*present, rrset)) continue;
    out.push_back(RrsetChange{.kind = present ? ChangeKind::Upsert : ChangeKind::Create, .rrset = rrset});
  }
  return out;
}

bool changes_in_effect(const std::vector<Rrset>& zone, const std::vector<RrsetChange>& changes) {
  return std::ranges::all_of(changes, [&](const RrsetChange& change) {
    auto present = find_rrset(zone, key_of(change.rrset));
    if (change.kind == ChangeKind::Delete) return !present.has_value();
    return present && same_content(*present, change.rrset);
  });
}

std::vector<RrsetChange> deletions_below(const std::vector<Rrset>& zone, const dns::DomainName& below) {
  std::vector<RrsetChange> out;
  for (const auto& rrset : zone) {
    if (!rrset.name.is_subdomain_of(below)) continue;
    if (rrset.name == below && rrset.type == dns::RecordType::NS) continue;
    out.push_back(RrsetChange{.kind = ChangeKind::Delete, .rrset = rrset});
  }
  return out;
}

}  // namespace cutover::planner
