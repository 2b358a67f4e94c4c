#pragma once
// The judgement of the RecordsAsPlanned gate, without I/O: whether one
// server's answer for one name is the planned one.

#include <string>

#include "dns/message.h"
#include "planner/steps/bulk_records.h"

namespace cutover::planner::live {

/// True when `outcome` (the reply to `expected.name`/`expected.type`) is
/// authoritative and as planned: exactly the planned values with the planned
/// TTL; for an alias, at least one record of its type; for an absent set,
/// NXDOMAIN or NODATA. False for any other reply (a silent server is judged
/// apart: live::judge).
bool answers_as_planned(const dns::Outcome& outcome, const ExpectedRecord& expected);

/// "a-x.dev.example.test. CNAME x.a.lb.example.test. (TTL 60)", "... A <alias>", "... absent", for evidence.
std::string expected_text(const ExpectedRecord& expected);

}  // namespace cutover::planner::live
