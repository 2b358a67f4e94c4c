#pragma once
// The delegation check: what the parent's servers hand out for a zone, and
// whether the servers they send resolvers to answer for it authoritatively,
// with the same NS set, and with a DNSKEY for each DS the parent holds
// (Zonemaster's "delegation", "consistency" and DS tests, DNSViz's
// delegation view). Name servers are found as a resolver finds them from the
// referral alone: a name inside the zone only through the parent's glue.
//
//   auto report = dns::check_delegation({.zone = zone, .root_hints = roots});
//   if (report && report->verdict == dns::Verdict::Consistent) ...

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/iterative.h"
#include "dns/message.h"
#include "dns/probe_options.h"
#include "dns/report.h"
#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns {

/// What to check.
struct DelegationOptions {
  DomainName zone{};
  std::vector<ServerAddress> parent_servers{};  // empty: found by walking down from `root_hints`
  std::vector<ServerAddress> root_hints{};      // root servers; also used to resolve NS names outside the zone
  std::vector<DomainName> expect_ns{};          // when given, the parent must delegate to exactly this set
  ProbeOptions probe{};
};

/// What one parent server delegates.
struct ParentView {
  NameServer server{};
  OutcomeKind outcome{OutcomeKind::Timeout};
  std::string detail{};
  std::vector<DomainName> ns{};  // the NS set of the delegation (sorted)
  std::uint32_t ns_ttl{0};
  std::vector<Record> glue{};     // A/AAAA of the NS names in the additional section
  std::vector<std::string> ds{};  // DS records at the parent (rdata), empty when none
};

/// What one of the zone's servers says about the zone itself.
struct ChildView {
  NameServer server{};
  OutcomeKind outcome{OutcomeKind::Timeout};
  std::string detail{};
  bool authoritative{false};
  std::vector<DomainName> ns{};
  std::uint32_t ns_ttl{0};
  std::optional<std::uint32_t> soa_serial{};
  std::vector<Record> addresses{};  // A/AAAA of in-zone NS names that the server returned
  OutcomeKind dnskey_outcome{OutcomeKind::Timeout};
  std::vector<std::string> dnskeys{};  // DNSKEY rdata the server serves for the zone; empty when none
};

/// A name server of the delegation that was not asked, and why (no glue for
/// a name inside the zone, a name outside it that does not resolve).
struct UnaskedServer {
  DomainName name{};
  std::string reason{};
};

/// The whole picture, with every problem found and the verdict.
struct DelegationReport {
  DomainName zone{};
  DomainName parent_zone{};
  std::vector<ParentView> parent{};
  std::vector<ChildView> child{};
  std::vector<UnaskedServer> unasked{};  // NS names left out of `child`, with the reason
  std::vector<DomainName> parent_ns{};   // union over the parent servers that answered
  std::vector<DomainName> child_ns{};    // union over the child servers that answered authoritatively
  std::vector<Problem> problems{};
  Verdict verdict{Verdict::Undecided};
};

/// Runs the check. Every server outcome, the unresponsive included, is in the
/// report; a server that did not answer never counts as agreeing. Fails only
/// on local errors (no socket) or when there is neither a parent server nor a root hint to start from.
Result<DelegationReport> check_delegation(const DelegationOptions& options);

/// Adds the problems that the views in `report` show and sets its verdict
/// (split out so tests can feed views without a network).
void evaluate_delegation(DelegationReport& report, const std::vector<DomainName>& expect_ns);

}  // namespace cutover::dns
