#pragma once
// The actions and the gate expectation of the `records` strategy (S5: names
// in bulk). Apart from ChangeRecords, whose changes are fixed when planning,
// these are decided against the zone's listing when they run: CREATE what is
// missing, UPSERT what differs, DELETE what is listed for deletion, nothing
// for what already holds; and the record sets they replace are kept in the
// journal first, so a rollback puts back exactly what the run changed.

#include <cstdint>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"
#include "planner/plan/records_spec.h"
#include "planner/providers/rrset.h"

namespace cutover::planner {

/// Reads the record sets at `keys` (absent ones too) before they change, for
/// the rollback. Its outcome goes to the journal under `snapshot`
/// (a baseline_key), written before the change is sent.
struct SnapshotRecords {
  std::string zone{};
  std::vector<RrsetKey> keys{};
  std::string snapshot{};
};

/// Makes zone `zone` hold `wanted` and not `deleted`, in requests filled to
/// the provider's limits, refused by `large_change` when it would change too
/// much of the zone.
struct ApplyRecords {
  std::string zone{};
  std::vector<Rrset> wanted{};
  std::vector<RrsetKey> deleted{};
  LargeChangeRule large_change{};
  std::string comment{};
};

/// Puts back the record sets the journal's `snapshot` holds: a set that was
/// there before is restored, one that was not is deleted.
struct RestoreRecords {
  std::string zone{};
  std::string snapshot{};
};

/// What every authoritative server must answer for one name (RecordsAsPlanned):
/// exactly `values` with TTL `ttl`; for an alias, an answer of its type (the target's
/// records, which only the target knows); for `absent`, NXDOMAIN or NODATA.
struct ExpectedRecord {
  dns::DomainName name{};
  dns::RecordType type{dns::RecordType::A};
  std::vector<std::string> values{};
  std::uint32_t ttl{0};
  bool alias{false};
  bool absent{false};
};

}  // namespace cutover::planner
