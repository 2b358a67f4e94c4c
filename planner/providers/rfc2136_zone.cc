// The provider's reads (exists, list, names) and its one write (apply).
// Waiting for the servers lives in rfc2136_sync.cc.
#include "planner/providers/rfc2136_zone.h"

#include <algorithm>
#include <cctype>

#include "dns/axfr.h"
#include "dns/prober.h"
#include "dns/soa_serial.h"

namespace cutover::planner {
namespace {

std::unexpected<Error> provider_error(const dns::Error& error) { return fail(ErrorCode::Provider, error.message); }

Result<std::vector<dns::ServerAddress>> parse_addresses(const std::vector<std::string>& texts, const std::string& what) {
  std::vector<dns::ServerAddress> out;
  for (const auto& text : texts) {
    auto address = dns::parse_server_address(text);
    if (!address) return fail(ErrorCode::Invalid, "bad " + what + " address: " + address.error().message);
    out.push_back(*address);
  }
  return out;
}

std::string lower(std::string text) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool contains_value(const std::vector<std::string>& values, const std::string& value) {
  return std::ranges::any_of(values, [&](const std::string& v) { return lower(v) == lower(value); });
}

}  // namespace

Rfc2136ZoneProvider::Rfc2136ZoneProvider(dns::DomainName zone, dns::TsigKey key, std::vector<dns::ServerAddress> primaries,
                                         std::vector<dns::ServerAddress> servers, std::vector<dns::DomainName> nameservers,
                                         const Rfc2136Options& options)
    : zone_(std::move(zone)),
      key_(std::move(key)),
      primaries_(std::move(primaries)),
      servers_(std::move(servers)),
      nameservers_(std::move(nameservers)),
      options_(options) {
  if (options_.clock == nullptr) own_clock_ = std::make_unique<SystemClock>();
  clock_ = options_.clock != nullptr ? options_.clock : own_clock_.get();
}

Result<std::unique_ptr<Rfc2136ZoneProvider>> Rfc2136ZoneProvider::open(const dns::DomainName& zone, const Rfc2136Zone& spec,
                                                                       const Rfc2136Options& options) {
  if (spec.primaries.empty()) return fail(ErrorCode::Invalid, "zone " + zone.text() + ": no primary to send UPDATE and AXFR to");
  auto key = dns::read_tsig_key_file(spec.tsig_key_file);
  if (!key) return fail(ErrorCode::Invalid, "zone " + zone.text() + ": " + key.error().message);
  auto primaries = parse_addresses(spec.primaries, "primary");
  if (!primaries) return std::unexpected(primaries.error());
  auto servers = parse_addresses(spec.servers.empty() ? spec.primaries : spec.servers, "server");
  if (!servers) return std::unexpected(servers.error());
  return std::unique_ptr<Rfc2136ZoneProvider>(
      new Rfc2136ZoneProvider(zone, std::move(*key), std::move(*primaries), std::move(*servers), spec.nameservers, options));
}

Result<bool> Rfc2136ZoneProvider::exists() {
  auto seen = dns::soa_serials(std::span(primaries_).first(1), zone_, {.timeout = options_.query_timeout, .attempts = 2});
  if (!seen) return provider_error(seen.error());
  const auto& primary = seen->front();
  if (primary.serial) return true;
  if (primary.problem == "timeout" || primary.problem == "network-error") {
    return fail(ErrorCode::Provider,
                "primary " + dns::to_string(primary.server) + " did not answer for zone " + zone_.text() + " (" + primary.problem + ")");
  }
  return false;
}

Result<void> Rfc2136ZoneProvider::create(std::string_view) {
  auto exists = this->exists();
  if (!exists) return std::unexpected(exists.error());
  if (*exists) return {};
  return fail(ErrorCode::Unsupported, "RFC 2136 cannot create or delete zones; create zone " + zone_.text() + " on the server (primary " +
                                          dns::to_string(primaries_.front()) + ")");
}

Result<void> Rfc2136ZoneProvider::remove() {
  auto exists = this->exists();
  if (!exists) return std::unexpected(exists.error());
  if (!*exists) return {};
  return fail(ErrorCode::Unsupported, "RFC 2136 cannot create or delete zones; delete zone " + zone_.text() + " on the server (primary " +
                                          dns::to_string(primaries_.front()) + ")");
}

Result<std::vector<Rrset>> Rfc2136ZoneProvider::list() {
  auto sets = dns::transfer_zone(primaries_.front(), zone_, key_);
  if (!sets) return provider_error(sets.error());
  std::vector<Rrset> out;
  out.reserve(sets->size());
  for (auto& set : *sets) {
    out.push_back(Rrset{.name = std::move(set.name), .type = set.type, .ttl = set.ttl, .values = std::move(set.rdata)});
  }
  return out;
}

Result<std::vector<dns::DomainName>> Rfc2136ZoneProvider::nameservers() {
  if (!nameservers_.empty()) return nameservers_;
  return primary_apex_ns();
}

Result<std::vector<dns::DomainName>> Rfc2136ZoneProvider::primary_apex_ns() {
  std::vector<dns::ProbeRequest> request{{.server = primaries_.front(), .question = {.name = zone_, .type = dns::RecordType::NS}}};
  auto outcomes = dns::probe(request, {.timeout = options_.query_timeout, .attempts = 2});
  if (!outcomes) return provider_error(outcomes.error());
  const auto& outcome = outcomes->front();
  if (outcome.kind != dns::OutcomeKind::Answer) {
    return fail(ErrorCode::Provider, "primary " + dns::to_string(primaries_.front()) + " gave no NS for zone " + zone_.text() + " (" +
                                         std::string(dns::to_string(outcome.kind)) + ")");
  }
  std::vector<dns::DomainName> out;
  for (const auto& record : outcome.reply.answer) {
    if (record.type != dns::RecordType::NS) continue;
    auto name = dns::DomainName::parse(record.rdata);
    if (!name) return fail(ErrorCode::Provider, "bad NS value from the primary: " + name.error().message);
    out.push_back(std::move(*name));
  }
  return out;
}

Result<std::vector<std::string>> Rfc2136ZoneProvider::server_addresses() {
  std::vector<std::string> out;
  for (const auto& server : servers_) out.push_back(dns::to_string(server));
  return out;
}

// The apex NS cannot be deleted as an RRset (servers ignore that, RFC 2136
// 3.4.2.3), so it is changed record by record: add the new set first, then
// delete what is no longer in it, so the zone is never without NS.
Result<std::vector<dns::UpdateRecord>> Rfc2136ZoneProvider::update_records(const std::vector<RrsetChange>& changes) {
  std::vector<dns::UpdateRecord> out;
  std::optional<std::vector<dns::DomainName>> apex_ns;
  for (const auto& change : changes) {
    const Rrset& set = change.rrset;
    std::string where = set.name.text() + " " + std::string(dns::to_string(set.type));
    if (!set.name.is_subdomain_of(zone_)) return fail(ErrorCode::Invalid, where + " is not in zone " + zone_.text());
    if (set.type == dns::RecordType::SOA)
      return fail(ErrorCode::Invalid, where + ": the server keeps the SOA; it is not changed by cutover");
    bool apex_ns_set = set.name == zone_ && set.type == dns::RecordType::NS;
    if (apex_ns_set && change.kind == ChangeKind::Delete) return fail(ErrorCode::Invalid, where + ": a zone cannot lose its apex NS");
    if (change.kind == ChangeKind::Delete) {
      out.push_back(dns::delete_rrset(set.name, set.type));
      continue;
    }
    if (set.alias || set.routing || !set.health_check_id.empty()) {
      return fail(ErrorCode::Invalid, where + ": an alias or routing-policy set, which an RFC 2136 server cannot hold");
    }
    // CREATE and UPSERT are sent alike (delete the RRset, add the values):
    // for a set the zone lacks the delete is a no-op.
    if (set.values.empty()) return fail(ErrorCode::Invalid, where + ": an UPSERT needs at least one value");
    if (!apex_ns_set) {
      auto records = dns::replace_rrset(set.name, set.type, set.ttl, set.values);
      out.insert(out.end(), records.begin(), records.end());
      continue;
    }
    auto current = primary_apex_ns();
    if (!current) return std::unexpected(current.error());
    // Adding a record that exists with another TTL is a no-op for servers
    // (Knot: serial unchanged). Deleting one kept record and adding it back
    // makes the add real, and the server gives the whole RRset its TTL; the
    // other records stay meanwhile, so the apex is never without NS.
    for (const auto& name : *current) {
      if (!contains_value(set.values, name.text()) || current->size() < 2) continue;
      out.push_back({.action = dns::UpdateAction::DeleteRecord, .name = set.name, .type = set.type, .rdata = name.text()});
      break;
    }
    for (const auto& value : set.values) {
      out.push_back({.action = dns::UpdateAction::AddRecord, .name = set.name, .type = set.type, .ttl = set.ttl, .rdata = value});
    }
    for (const auto& name : *current) {
      if (contains_value(set.values, name.text())) continue;
      out.push_back({.action = dns::UpdateAction::DeleteRecord, .name = set.name, .type = set.type, .rdata = name.text()});
    }
  }
  return out;
}

Result<void> Rfc2136ZoneProvider::apply(const std::vector<RrsetChange>& changes, std::string_view) {
  if (changes.empty()) return {};
  auto records = update_records(changes);
  if (!records) return std::unexpected(records.error());
  auto before = primary_serial();
  if (!before) return std::unexpected(before.error());
  auto sent = dns::send_update(primaries_.front(), zone_, *records, key_);
  if (!sent) return provider_error(sent.error());
  auto serial = wait_primary_moved(*before, changes);
  if (!serial) return std::unexpected(serial.error());
  return wait_in_sync(*serial);
}

}  // namespace cutover::planner
