#pragma once
// The `records` strategy's entries expanded into record sets: each template
// stands for one record set per combination of the matrix variables it uses
// ("{env}-{app}.dev.example.com" over 4 envs and 3 apps: 12 sets, envs
// outermost, in the order the variables first appear). Every problem is
// reported with the JSON pointer of the field that causes it: an unknown
// variable, a name outside the zone or produced twice, a type the strategy
// does not write, a deletion that uses variables.
//
//   auto expanded = expand_records(spec, zone.name, {.aliases = true, .at = "/strategies/0"});
//   if (!expanded.problems.empty()) ...   // refuse the plan

#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "planner/plan/records_spec.h"
#include "planner/providers/rrset.h"
#include "planner/result.h"

namespace cutover::planner {

struct ExpandOptions {
  bool aliases{false};  // the zone's provider holds aliases (Route 53)
  std::string at{};     // JSON pointer of the strategy, for problems
};

struct ExpandedRecords {
  std::vector<Rrset> sets{};            // what the zone must hold, in plan order
  std::vector<std::size_t> entry_of{};  // for each set, the index of the template it came from
  std::vector<RrsetKey> deletions{};    // what the zone must not hold
  std::vector<Problem> problems{};      // empty: the entries are sound
};

/// Expands and checks `spec` for the zone at `apex` (see the file comment).
ExpandedRecords expand_records(const BulkRecords& spec, const dns::DomainName& apex, const ExpandOptions& options);

/// The variables `text` uses, in order of first use ("{env}-{app}" -> env, app);
/// Invalid for an unclosed brace or an empty or malformed variable name.
Result<std::vector<std::string>> template_variables(const std::string& text);

/// `text` with each "{var}" replaced by its value in `values`.
std::string fill_template(const std::string& text, const std::vector<std::pair<std::string, std::string>>& values);

/// The record types the strategy writes, as values or as an alias: A, AAAA, CNAME.
bool records_type_allowed(dns::RecordType type);

}  // namespace cutover::planner
