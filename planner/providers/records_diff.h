#pragma once
// Pure functions of the `records` strategy over a zone's listing: what a
// bulk change sends (CREATE what is missing, UPSERT what differs, DELETE what
// is listed for deletion and present, nothing for what holds), octoDNS's
// large-change rule, and the snapshot of the record sets it replaces, from
// which a rollback computes the changes that put them back.

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "planner/plan/records_spec.h"
#include "planner/providers/rrset.h"
#include "planner/result.h"

namespace cutover::planner {

struct RecordsDiff {
  std::vector<RrsetChange> changes{};  // the deletions first, then the wanted sets in plan order
  std::size_t creates{0};
  std::size_t upserts{0};
  std::size_t deletes{0};
  std::size_t unchanged{0};  // wanted and already held, or to delete and already absent
  std::size_t existing{0};   // record sets the zone holds, its SOA and apex NS left out
  /// Planned sets the zone cannot take as they are (a routing-policy set or
  /// a CNAME in the way), one line each naming the set: refused, not sent.
  std::vector<std::string> conflicts{};
};

/// What makes the zone at `apex`, listed as `listing`, hold `wanted` and not `deleted`.
RecordsDiff diff_records(const std::vector<Rrset>& listing, const dns::DomainName& apex, const std::vector<Rrset>& wanted,
                         const std::vector<RrsetKey>& deleted);

/// "12 CREATE, 0 UPSERT, 0 DELETE, 3 unchanged (the zone holds 5 record sets)".
std::string diff_summary(const RecordsDiff& diff);

/// Why octoDNS's rule refuses `diff`, naming the rule and the counts; nullopt
/// when it passes: the sets it would replace or delete (UPSERT + DELETE) are
/// at most `rule.max_percent` of those the zone holds, or the zone holds fewer
/// than `rule.min_existing`, or the rule was waived (`rule.allowed`).
/// CREATEs replace nothing and do not count.
std::optional<std::string> large_change_refusal(const RecordsDiff& diff, const LargeChangeRule& rule);

/// The record sets at `keys` as `listing` holds them (absent ones as absent),
/// as JSON text for the journal.
std::string snapshot_text(const std::vector<RrsetKey>& keys, const std::vector<Rrset>& listing);

/// One entry of a snapshot: the set's identity and what the zone held there.
struct SnapshotEntry {
  RrsetKey key{};
  std::optional<Rrset> before{};
};

/// A snapshot_text() read back; Corrupt naming what does not parse.
Result<std::vector<SnapshotEntry>> parse_snapshot(const std::string& text);

/// The changes that put back what `snapshot` holds into a zone listed as
/// `listing`: a set that was there is restored (CREATE or UPSERT), one that
/// was not is deleted; nothing for a set already as it was.
std::vector<RrsetChange> restore_changes(const std::vector<Rrset>& listing, const std::vector<SnapshotEntry>& snapshot);

}  // namespace cutover::planner
