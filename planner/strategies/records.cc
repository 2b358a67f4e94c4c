// S5: names in bulk. One step per `records` strategy: the record sets it
// replaces are read and journaled (the rollback puts them back), then the zone
// is made to hold the planned sets in requests filled to the provider's limits
// (CREATE, UPSERT or nothing, decided against its listing when the step runs,
// and the deletions), and every authoritative server of the zone must then
// answer each changed name as planned.
#include <algorithm>

#include "planner/plan/records_matrix.h"
#include "planner/steps/run_facts.h"
#include "planner/strategies/context.h"

namespace cutover::planner::strategies {
namespace {

std::string plural(std::size_t n, const std::string& what) { return std::to_string(n) + " " + what + (n == 1 ? "" : "s"); }

std::string matrix_text(const BulkRecords& s) {
  std::string out;
  std::size_t product = 1;
  for (const auto& [var, values] : s.matrix) {
    out += (out.empty() ? "" : " x ") + std::to_string(values.size()) + " " + var;
    product *= values.size();
  }
  return out.empty() ? "" : "matrix " + out + " (" + std::to_string(product) + " combinations)";
}

std::vector<ExpectedRecord> expectations(const ExpandedRecords& expanded) {
  std::vector<ExpectedRecord> out;
  for (const auto& set : expanded.sets) {
    out.push_back(ExpectedRecord{.name = set.name, .type = set.type, .values = set.values, .ttl = set.ttl, .alias = set.alias.has_value()});
  }
  for (const auto& key : expanded.deletions) out.push_back(ExpectedRecord{.name = key.name, .type = key.type, .absent = true});
  return out;
}

std::uint32_t largest_ttl(const ExpandedRecords& expanded) {
  std::uint32_t out = 0;
  for (const auto& set : expanded.sets) out = std::max(out, set.ttl);
  return out;
}

std::string large_change_note(const LargeChangeRule& rule) {
  if (rule.allowed) return "large-change rule waived (--allow-large-change)";
  char percent[32];
  std::snprintf(percent, sizeof percent, "%g", rule.max_percent);
  return std::string("large-change rule (octoDNS's): refused if the record sets replaced or deleted exceed ") + percent +
         " % of those the zone holds, when it holds at least " + std::to_string(rule.min_existing);
}

}  // namespace

void add_records_steps(Context& ctx, const BulkRecords& s, std::size_t ordinal) {
  const Zone& zone = ctx.zone(s.zone);
  auto expanded = expand_records(s, zone.name, {.aliases = zone.provider_kind() == ZoneProvider::Route53});
  std::string id = "records." + s.zone + (ordinal > 0 ? "." + std::to_string(ordinal + 1) : "");
  std::string snapshot = baseline_key(id + " before");

  std::vector<RrsetKey> keys;
  for (const auto& set : expanded.sets) keys.push_back(key_of(set));
  keys.insert(keys.end(), expanded.deletions.begin(), expanded.deletions.end());

  std::string what = "Create or change " + plural(expanded.sets.size(), "record set");
  if (!expanded.deletions.empty()) what += ", delete " + std::to_string(expanded.deletions.size());
  Step step{.id = step_id(id + ".change"),
            .title = what + " in zone '" + s.zone + "' (" + zone.name.text() + ")",
            .strategy = "records",
            .actions =
                {
                    SnapshotRecords{.zone = s.zone, .keys = keys, .snapshot = snapshot},
                    ApplyRecords{.zone = s.zone,
                                 .wanted = expanded.sets,
                                 .deleted = expanded.deletions,
                                 .large_change = s.large_change,
                                 .comment = "cutover: " + id},
                },
            .expected_duration = Seconds{60}};
  depend_on(step.depends_on, ctx.creation_of(s.zone));
  step.gates.push_back(
      gate(GateKind::Authoritative, "every server of '" + s.zone + "' answers SOA and NS for " + zone.name.text() + " with AA", {s.zone}));
  Gate verified = gate(GateKind::RecordsAsPlanned,
                       "every server of '" + s.zone + "' answers each of the " + plural(keys.size(), "planned record set") +
                           " as planned (deleted ones: NXDOMAIN or NODATA)",
                       {s.zone});
  verified.records = expectations(expanded);
  step.check_after.push_back(std::move(verified));

  std::string planned = plural(expanded.sets.size(), "record set") + " planned";
  if (auto m = matrix_text(s); !m.empty()) planned += " (" + m + ")";
  planned += ", " + plural(expanded.deletions.size(), "deletion");
  step.notes.push_back(planned + "; CREATE, UPSERT or unchanged is decided against the zone's listing when the step runs");
  step.notes.push_back(large_change_note(s.large_change));
  step.rollback = Rollback{
      .description = "put back the record sets this step replaced or deleted and delete those it created (as journaled before the change)",
      .actions = {RestoreRecords{.zone = s.zone, .snapshot = snapshot}},
      .takes_effect = "at once on the zone's servers; resolvers may keep the new answers up to their TTL (" +
                      std::to_string(largest_ttl(expanded)) + " s at most)"};
  ctx.graph.add(std::move(step));
}

}  // namespace cutover::planner::strategies
