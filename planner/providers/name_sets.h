#pragma once
// Name server lists compared as sets: providers, registrars and DNS servers
// each return NS names in their own order, some with repeats, and only
// membership says whether a delegation is the one wanted.

#include <vector>

#include "dns/domain_name.h"

namespace cutover::planner {

/// True when both lists hold the same names, order and duplicates ignored
/// (names compare case-insensitively, as DomainName does); two empty lists are the same.
bool same_names(std::vector<dns::DomainName> a, std::vector<dns::DomainName> b);

}  // namespace cutover::planner
