#pragma once
// The propagation check (SCENARIOS.md, S6): for a name, what each parent
// server delegates to, what each authoritative server answers, what each
// given resolver holds and for how much longer; whether all of them show the
// expected value, and when the last cached old answer expires.
//
//   auto report = dns::check_propagation({.name = zone, .expected = {"ns1.new.net."}, .root_hints = roots,
//                                         .resolvers = {resolver}});
//   if (report->verdict == Verdict::NotConsistent && report->eta) wait(*report->eta);

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/iterative.h"
#include "dns/message.h"
#include "dns/probe_options.h"
#include "dns/record_type.h"
#include "dns/report.h"
#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns {

/// What to check.
struct PropagationOptions {
  DomainName name{};
  RecordType type{RecordType::NS};
  std::vector<std::string> expected{};          // values in presentation form; empty: what the parent (NS) or the
                                                //   first authoritative server (other types) shows
  std::vector<ServerAddress> parent_servers{};  // empty: walk from root hints. Given: the servers of the zone above
                                                //   NAME (type NS) or above NAME's parent (other types)
  std::vector<ServerAddress> root_hints{};
  std::vector<ServerAddress> resolvers{};  // asked with RD set; their TTLs are what is left in their cache
  ProbeOptions probe{};
};

/// Where a row's answer came from.
enum class Role { Parent, Authoritative, Resolver };
/// "parent", "authoritative", "resolver".
std::string_view to_string(Role role);

/// One server's answer.
struct PropagationRow {
  Role role{Role::Authoritative};
  NameServer server{};
  OutcomeKind outcome{OutcomeKind::Timeout};
  std::string detail{};
  std::vector<std::string> values{};  // sorted, lower-case rdata (NS names for a delegation)
  std::uint32_t ttl{0};               // smallest TTL among the values; for a resolver, what is left in its cache
  bool matches{false};                // shows exactly the expected values (never true without a reply)
};

/// The whole picture and the verdict: Consistent = propagated everywhere asked.
struct PropagationReport {
  DomainName name{};
  RecordType type{RecordType::NS};
  DomainName zone{};
  std::vector<std::string> expected{};
  std::vector<PropagationRow> rows{};
  Verdict verdict{Verdict::Undecided};
  /// When parent and authoritative servers already match: how long until the
  /// last resolver that holds another answer lets it expire (0 when none does).
  /// Absent while the parent or an authoritative server still shows another value.
  std::optional<std::chrono::seconds> eta{};
  /// The largest TTL seen at the parent and authoritative servers: how long a
  /// cache may keep the old answer after the change is made everywhere.
  std::chrono::seconds window{0};
  std::vector<Problem> problems{};
};

/// Runs the check. Fails only on local errors or when there is neither a
/// parent server nor a root hint to start from; servers that do not answer are rows, not errors.
Result<PropagationReport> check_propagation(const PropagationOptions& options);

/// Sets `matches` on each row, the verdict, the ETA and the window of `report`
/// from its rows (split out so that tests can feed rows without a network).
void judge_propagation(PropagationReport& report);

/// The comparable form of a value: domain names lower-cased with the final dot, other values lower-cased.
std::string normalise_value(RecordType type, std::string_view value);

}  // namespace cutover::dns
