#include "planner/providers/records_diff.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>

#include "planner/providers/record_ops.h"

namespace cutover::planner {
namespace {

using nlohmann::json;

bool counted(const Rrset& r, const dns::DomainName& apex) {
  if (r.type == dns::RecordType::SOA) return false;
  return !(r.type == dns::RecordType::NS && r.name == apex);
}

// What in `listing` stands in the way of `set`: a routing-policy set of the
// same name and type (a simple set cannot join it), or a CNAME beside another
// type (RFC 1034 3.6.2), unless that one is planned for deletion.
std::optional<std::string> conflict(const std::vector<Rrset>& listing, const Rrset& set, const std::vector<RrsetKey>& deleted) {
  for (const auto& held : listing) {
    if (held.name != set.name) continue;
    if (std::ranges::find(deleted, key_of(held)) != deleted.end()) continue;
    if (held.type == set.type && !held.set_identifier().empty()) {
      return describe(key_of(held)) + " is a routing-policy set: " + describe(key_of(set)) +
             " cannot be written beside it (move it with weighted-shift, or delete it first)";
    }
    bool cname_clash = held.type != set.type && (held.type == dns::RecordType::CNAME || set.type == dns::RecordType::CNAME);
    if (cname_clash) {
      return describe(key_of(set)) + " cannot be written: the zone holds " + describe(key_of(held)) +
             " and a CNAME stands alone at its name (list it under delete to replace it)";
    }
  }
  return std::nullopt;
}

json rrset_json(const Rrset& r) {
  json out{{"ttl", r.ttl}, {"values", r.values}};
  if (r.alias) {
    out["alias"] = {{"name", r.alias->name.text()},
                    {"hosted_zone_id", r.alias->hosted_zone_id},
                    {"same_zone", r.alias->same_zone},
                    {"evaluate_target_health", r.alias->evaluate_target_health}};
  }
  if (!r.health_check_id.empty()) out["health_check_id"] = r.health_check_id;
  return out;
}

Result<Rrset> rrset_from_json(const json& j, const RrsetKey& key) {
  Rrset r{.name = key.name,
          .type = key.type,
          .ttl = j.at("ttl").get<std::uint32_t>(),
          .values = j.at("values").get<std::vector<std::string>>()};
  if (j.contains("alias")) {
    const auto& a = j["alias"];
    auto name = dns::DomainName::parse(a.at("name").get<std::string>());
    if (!name) return fail(ErrorCode::Corrupt, "snapshot: alias target: " + name.error().message);
    r.alias = AliasTarget{.name = *name,
                          .hosted_zone_id = a.at("hosted_zone_id").get<std::string>(),
                          .same_zone = a.at("same_zone").get<bool>(),
                          .evaluate_target_health = a.at("evaluate_target_health").get<bool>()};
  }
  if (j.contains("health_check_id")) r.health_check_id = j["health_check_id"].get<std::string>();
  return r;
}

}  // namespace

RecordsDiff diff_records(const std::vector<Rrset>& listing, const dns::DomainName& apex, const std::vector<Rrset>& wanted,
                         const std::vector<RrsetKey>& deleted) {
  RecordsDiff out;
  out.existing = static_cast<std::size_t>(std::ranges::count_if(listing, [&](const Rrset& r) { return counted(r, apex); }));
  for (const auto& set : wanted) {
    if (auto why = conflict(listing, set, deleted)) {
      out.conflicts.push_back(*why);
      continue;
    }
    auto held = find_rrset(listing, key_of(set));
    if (held && same_content(*held, set)) {
      ++out.unchanged;
      continue;
    }
    ++(held ? out.upserts : out.creates);
    out.changes.push_back(RrsetChange{.kind = held ? ChangeKind::Upsert : ChangeKind::Create, .rrset = set});
  }
  for (const auto& key : deleted) {
    // Route 53 deletes a set only when given exactly what it holds: the listed one.
    auto held = find_rrset(listing, key);
    if (!held) {
      ++out.unchanged;
      continue;
    }
    ++out.deletes;
    // Deletions go first: a CNAME may replace the A it deletes.
    out.changes.insert(out.changes.begin() + static_cast<std::ptrdiff_t>(out.deletes - 1),
                       RrsetChange{.kind = ChangeKind::Delete, .rrset = *held});
  }
  return out;
}

std::string diff_summary(const RecordsDiff& d) {
  return std::to_string(d.creates) + " CREATE, " + std::to_string(d.upserts) + " UPSERT, " + std::to_string(d.deletes) + " DELETE, " +
         std::to_string(d.unchanged) + " unchanged (the zone holds " + std::to_string(d.existing) + " record sets)";
}

std::optional<std::string> large_change_refusal(const RecordsDiff& diff, const LargeChangeRule& rule) {
  if (rule.allowed || diff.existing == 0 || diff.existing < rule.min_existing) return std::nullopt;
  auto replaced = diff.upserts + diff.deletes;
  double percent = 100.0 * static_cast<double>(replaced) / static_cast<double>(diff.existing);
  if (percent <= rule.max_percent) return std::nullopt;
  char figures[64];
  std::snprintf(figures, sizeof figures, "%.1f %%", percent);
  char limit[32];
  std::snprintf(limit, sizeof limit, "%g %%", rule.max_percent);
  return "refused by the large-change rule (octoDNS's): " + std::to_string(replaced) + " of the " + std::to_string(diff.existing) +
         " record sets the zone holds would change (" + std::to_string(diff.upserts) + " UPSERT, " + std::to_string(diff.deletes) +
         " DELETE: " + figures + "), more than the " + limit + " allowed in a zone of at least " + std::to_string(rule.min_existing) +
         " record sets; pass --allow-large-change to plan and apply, or raise large_change/max_percent in the plan";
}

std::string snapshot_text(const std::vector<RrsetKey>& keys, const std::vector<Rrset>& listing) {
  json sets = json::array();
  for (const auto& key : keys) {
    json entry{{"name", key.name.text()}, {"type", dns::to_string(key.type)}};
    auto held = find_rrset(listing, key);
    entry["before"] = held ? rrset_json(*held) : json(nullptr);
    sets.push_back(std::move(entry));
  }
  return sets.dump();
}

Result<std::vector<SnapshotEntry>> parse_snapshot(const std::string& text) {
  std::vector<SnapshotEntry> out;
  try {
    for (const auto& entry : json::parse(text)) {
      auto name = dns::DomainName::parse(entry.at("name").get<std::string>());
      if (!name) return fail(ErrorCode::Corrupt, "snapshot: " + name.error().message);
      auto type = dns::parse_record_type(entry.at("type").get<std::string>());
      if (!type) return fail(ErrorCode::Corrupt, "snapshot: unknown type " + entry.at("type").dump());
      SnapshotEntry item{.key = RrsetKey{.name = *name, .type = *type}};
      if (!entry.at("before").is_null()) {
        auto before = rrset_from_json(entry["before"], item.key);
        if (!before) return std::unexpected(before.error());
        item.before = std::move(*before);
      }
      out.push_back(std::move(item));
    }
  } catch (const json::exception& e) {
    return fail(ErrorCode::Corrupt, std::string("snapshot of record sets does not parse: ") + e.what());
  }
  return out;
}

std::vector<RrsetChange> restore_changes(const std::vector<Rrset>& listing, const std::vector<SnapshotEntry>& snapshot) {
  std::vector<RrsetChange> deletions;  // first: an A may come back where a CNAME goes
  std::vector<RrsetChange> out;
  for (const auto& entry : snapshot) {
    auto held = find_rrset(listing, entry.key);
    if (!entry.before) {
      if (held) deletions.push_back(RrsetChange{.kind = ChangeKind::Delete, .rrset = *held});
      continue;
    }
    if (held && same_content(*held, *entry.before)) continue;
    out.push_back(RrsetChange{.kind = held ? ChangeKind::Upsert : ChangeKind::Create, .rrset = *entry.before});
  }
  deletions.insert(deletions.end(), out.begin(), out.end());
  return deletions;
}

}  // namespace cutover::planner
