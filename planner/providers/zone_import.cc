#include "planner/providers/zone_import.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "aws/route53_batches.h"
#include "dns/record_type.h"
#include "dns/zone_file.h"
#include "planner/providers/record_ops.h"
#include "planner/providers/route53_records.h"

namespace cutover::planner {
namespace {

// The order of the RRsets read from a file, and so of the changes and of
// the dry run's lines: by Route 53 name, then type mnemonic.
using SetKey = std::pair<std::string, std::string>;

SetKey set_key(const dns::DomainName& name, dns::RecordType type) { return {name_to_route53(name), std::string(dns::to_string(type))}; }
SetKey set_key(const dns::Record& record) { return set_key(record.name, record.type); }

// Merges one record into the RRset of its owner and type.
void add_record(const dns::Record& record, std::map<SetKey, Rrset>& sets, ZoneFileRrsets& out) {
  SetKey key = set_key(record);
  auto [it, inserted] = sets.try_emplace(key, Rrset{.name = record.name, .type = record.type, .ttl = record.ttl, .values = {}});
  if (!inserted && it->second.ttl != record.ttl) {
    out.notes.push_back(key.first + " " + key.second + ": records with different TTLs, using the smallest");
    it->second.ttl = std::min(it->second.ttl, record.ttl);
  }
  it->second.values.push_back(record.rdata);
}

Error from_dns(const dns::Error& error) {
  bool unreadable = error.code == dns::ErrorCode::NotFound || error.code == dns::ErrorCode::Io;
  return Error{.code = unreadable ? ErrorCode::Io : ErrorCode::Invalid, .message = error.message};
}

}  // namespace

Result<ZoneFileRrsets> read_zone_rrsets(const std::string& path, const dns::DomainName& origin) {
  auto zone = dns::read_zone_file(path, origin);
  if (!zone) return std::unexpected(from_dns(zone.error()));
  ZoneFileRrsets out;
  std::map<SetKey, Rrset> sets;
  for (const dns::Record& record : zone->records) {
    if (!route53_accepts(record.type)) {
      return fail(ErrorCode::Invalid, path + ": " + record.name.text() + " has a record of type " +
                                          std::string(dns::to_string(record.type)) + ", which Route 53 does not accept");
    }
    add_record(record, sets, out);
  }
  for (auto& [key, rrset] : sets) out.rrsets.push_back(std::move(rrset));
  return out;
}

Result<ImportPlan> plan_import(const std::vector<Rrset>& wanted, const std::vector<aws::route53::RecordSet>& current,
                               const dns::DomainName& zone) {
  std::vector<Rrset> present;
  // Every name and type the zone holds, aliases and routing policies
  // included: a set of the file goes as CREATE only where there is nothing
  // (CREATE counts once against the request quota, UPSERT twice), else as UPSERT.
  std::set<SetKey> taken;
  for (const auto& record : current) {
    auto rrset = rrset_from_route53(record, {});
    if (!rrset) return std::unexpected(rrset.error());
    taken.insert(set_key(rrset->name, rrset->type));
    present.push_back(std::move(*rrset));
  }
  ImportPlan plan;
  std::vector<Rrset> in_zone;
  for (const Rrset& rrset : wanted) {
    std::string name = name_to_route53(rrset.name);
    if (!rrset.name.is_subdomain_of(zone)) {
      plan.outside.push_back(name);
    } else if (rrset.name == zone && (rrset.type == dns::RecordType::SOA || rrset.type == dns::RecordType::NS)) {
      std::string type(dns::to_string(rrset.type));
      plan.skipped.push_back(name + " " + type + " (Route 53 keeps its own apex " + type + ")");
    } else {
      in_zone.push_back(rrset);
    }
  }
  for (const RrsetChange& change : changes_to_hold(present, in_zone)) {
    aws::route53::Change out = change_to_route53(change, {});
    // Where the zone holds anything at that name and type (an alias, a routing-policy set), the file's set replaces it.
    bool there = taken.contains(set_key(change.rrset.name, change.rrset.type));
    out.action = there ? aws::route53::ChangeAction::Upsert : aws::route53::ChangeAction::Create;
    plan.changes.push_back(std::move(out));
  }
  plan.unchanged = in_zone.size() - plan.changes.size();
  return plan;
}

Result<std::vector<std::vector<aws::route53::Change>>> import_batches(const ImportPlan& plan, const aws::route53::BatchLimits& limits) {
  auto batches = aws::route53::split_into_batches(plan.changes, limits);
  if (!batches) return fail(ErrorCode::Invalid, batches.error().message);
  return std::move(*batches);
}

std::string describe_change(const aws::route53::Change& change) {
  std::string out = std::string(aws::route53::to_string(change.action)) + " " + change.record.name + " ";
  if (change.record.ttl) out += std::to_string(*change.record.ttl) + " ";
  out += change.record.type;
  for (const std::string& v : change.record.values) out += " " + v;
  if (change.record.alias) out += " ALIAS " + change.record.alias->dns_name;
  return out;
}

}  // namespace cutover::planner
