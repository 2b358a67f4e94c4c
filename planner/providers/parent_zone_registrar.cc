#include "planner/providers/parent_zone_registrar.h"

#include "planner/providers/record_ops.h"

namespace cutover::planner {

Result<void> ParentZoneRegistrarProvider::check_below(const dns::DomainName& domain) const {
  const auto& apex = parent_.zone_name();
  if (domain == apex || !domain.is_subdomain_of(apex)) {
    return fail(ErrorCode::Invalid, domain.text() + " is not below parent zone " + apex.text() + ": it cannot be delegated from it");
  }
  return {};
}

Result<std::vector<dns::DomainName>> ParentZoneRegistrarProvider::delegation(const dns::DomainName& domain) {
  if (auto ok = check_below(domain); !ok) return std::unexpected(ok.error());
  auto zone = parent_.list();
  if (!zone) return std::unexpected(zone.error());
  std::vector<dns::DomainName> out;
  auto ns = find_rrset(*zone, domain, dns::RecordType::NS);
  if (!ns) return out;
  for (const auto& value : ns->values) {
    auto name = dns::DomainName::parse(value);
    if (!name)
      return fail(ErrorCode::Provider,
                  "parent zone " + parent_.zone_name().text() + " holds a bad NS value at " + domain.text() + ": " + name.error().message);
    out.push_back(std::move(*name));
  }
  return out;
}

Result<void> ParentZoneRegistrarProvider::set_delegation(const dns::DomainName& domain, const std::vector<dns::DomainName>& nameservers,
                                                         std::uint32_t ttl) {
  if (auto ok = check_below(domain); !ok) return ok;
  if (nameservers.empty()) return fail(ErrorCode::Invalid, "no name servers to delegate " + domain.text() + " to");
  auto zone = parent_.list();
  if (!zone) return std::unexpected(zone.error());
  auto current = find_rrset(*zone, domain, dns::RecordType::NS);
  Rrset wanted{.name = domain, .type = dns::RecordType::NS, .ttl = ttl != 0 ? ttl : current ? current->ttl : kDefaultTtl};
  for (const auto& name : nameservers) wanted.values.push_back(name.text());
  if (current && current->ttl == wanted.ttl && same_values(current->values, wanted.values)) return {};
  return parent_.apply({RrsetChange{.kind = ChangeKind::Upsert, .rrset = std::move(wanted)}}, "delegate " + domain.text());
}

}  // namespace cutover::planner
