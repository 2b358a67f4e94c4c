#pragma once
// The addresses of a zone's name servers, found the way the plan says: with
// the system's resolver (getaddrinfo), or by asking the plan's verification
// resolvers. The second matters where the names exist only in the DNS the
// plan verifies against (a lab's root and TLD, a split-horizon network): the
// system resolver has never heard of them.
//
//   auto a = resolve_addresses({name("ns-1.awsdns-01.test")});                 // getaddrinfo
//   auto b = resolve_addresses_via({name("ns-1.awsdns-01.test")}, {"127.58.9.1"}, probe);

#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/probe_options.h"
#include "planner/result.h"

namespace cutover::planner {

/// The addresses of `names` as getaddrinfo gives them (numeric, deduplicated,
/// in order); Provider error naming the first name that has none.
Result<std::vector<std::string>> resolve_addresses(const std::vector<dns::DomainName>& names);

/// The A and AAAA addresses of `names` as the first of `resolvers` that
/// answers gives them (recursion desired; numeric, deduplicated, in order).
/// Provider error naming the first name no resolver gave an address for.
Result<std::vector<std::string>> resolve_addresses_via(const std::vector<dns::DomainName>& names, const std::vector<std::string>& resolvers,
                                                       const dns::ProbeOptions& options = {});

}  // namespace cutover::planner
