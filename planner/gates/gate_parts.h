#pragma once
// The pure parts of the live gate checker (planner/live_gates.h): which
// questions a parity gate asks, how NS sets compare, how one server's answer
// reads as evidence, and how per-server findings add up to a GateResult.
// No I/O here, so every rule is unit-tested without a network.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dns/domain_name.h"
#include "dns/message.h"
#include "dns/parity.h"
#include "dns/probe_options.h"
#include "planner/gates/gate_checker.h"
#include "planner/plan/plan.h"
#include "planner/providers/dns_provider.h"

namespace cutover::planner::live {

/// The questions a parity gate asks, from the listings of both zones given
/// together (old then new: a record set only one zone holds is asked too, so
/// the gate never shares the blind spots of either listing): every RRset
/// name/type at or below `gate.name` (the zone apex `apex` when unset), minus
/// the SOA, the NS at that top (it differs between providers by design), glue
/// and occluded names below a delegation (the delegation's NS is asked and
/// compared as a referral with its glue; its DS is asked too), and every name
/// at or below `gate.exclude_below`. Distinct, in listing order; empty when
/// nothing is left. Aliases and routing-policy sets are left out: their
/// answers vary by design (a weighted share, a region, an ELB's rotating
/// addresses); routed_set_differences() compares them through the providers.
std::vector<dns::Question> parity_questions(const std::vector<Rrset>& listing, const dns::DomainName& apex, const Gate& gate);

/// The aliases and routing-policy sets in the gate's scope (as
/// parity_questions) that the two zones do not hold identically (matched by
/// name, type and set identifier; every field compared), one line each: held
/// differently, missing from the new zone, or only in the new zone; and how
/// many were compared.
/// Health checks are compared by configuration (same_check), never by id:
/// a copy into another account names its own copies of the checks. A check
/// missing from its tree differs unless both sets name the same id.
struct RoutedComparison {
  std::size_t compared{0};
  std::vector<std::string> differences{};
};
struct CheckTrees {
  CheckTree old_checks{};
  CheckTree new_checks{};
};
RoutedComparison routed_set_differences(const std::vector<Rrset>& old_listing, const std::vector<Rrset>& new_listing,
                                        const dns::DomainName& apex, const Gate& gate, const CheckTrees& checks = {});

/// What differs between two sets of the same identity, in words ("TTL 60 ->
/// 300"; "values ..."; "health check a (HTTP ...) -> b (TCP ...)"); "" when
/// they hold the same (health checks compared as above).
std::string content_difference(const Rrset& old_set, const Rrset& new_set, const CheckTrees& checks = {});

/// The distinct names and types of those alias and routing-policy sets (same
/// scope), from both listings: what the gate samples in DNS.
std::vector<dns::Question> routed_questions(const std::vector<Rrset>& old_listing, const std::vector<Rrset>& new_listing,
                                            const dns::DomainName& apex, const Gate& gate);

/// The NS names of `owner` in an outcome: from the answer section of an
/// answer, from the authority section of a referral; sorted and distinct.
/// Empty for every other outcome.
std::vector<dns::DomainName> ns_set(const dns::Outcome& outcome, const dns::DomainName& owner);

/// "ns1.old.test. ns2.old.test." (sorted); "(none)" for an empty list.
std::string names_text(std::vector<dns::DomainName> names);
/// The names of a names_text() line back (sorted); Invalid naming a bad one.
Result<std::vector<dns::DomainName>> parse_names(std::string_view text);

/// The values an answer gives for `question`: the rdata of the answer records
/// with the question's name and type (every answer record's rdata when none
/// match, e.g. a CNAME for an A question), lower-cased, sorted.
std::vector<std::string> answer_values(const dns::Outcome& outcome, const dns::Question& question);

/// The TTL of the NS RRset at `owner` in a referral's authority section; nullopt when absent.
std::optional<std::uint32_t> referral_ttl(const dns::Outcome& outcome, const dns::DomainName& owner);

/// The largest TTL among the records answer_values() takes; 0 when none.
std::uint32_t answer_ttl(const dns::Outcome& outcome, const dns::Question& question);

/// A value compared without case and without a trailing dot, so that a plan's
/// "db.cluster.example" matches the wire's "db.cluster.example.".
std::string comparable_value(std::string value);

/// One evidence line: "127.53.3.2: example.test. NS -> ns1.old.test. ns2.old.test. (TTL 10)".
/// A referral reads "referral to dev.example.test.: ns1. (TTL 10)"; an answer
/// carries ", AA" when `show_aa` and the server set it; a silent server reads
/// "timeout" or "network-error" with the prober's detail.
std::string answer_line(const std::string& server, const dns::Question& question, const dns::Outcome& outcome, bool show_aa = false);

/// One parity difference: the server that differs, its answer, and the
/// reference server's answer ("127.53.20.4 (new): www.example.test. A ->
/// 192.0.2.99 (TTL 30), but 127.53.10.1 (old) -> 192.0.2.10 (TTL 30)").
std::string difference_line(const dns::ParityDifference& difference);
/// One unanswered parity query: "127.53.99.1 (old): www.example.test. A -> timeout".
std::string unanswered_line(const dns::ParityUnanswered& unanswered);

/// How one server stands for a gate.
enum class Seen { Agrees, Differs, Silent };

/// Per-server findings of a gate and their evidence lines, turned into a
/// GateResult: holds only when at least one server was asked and every one
/// agrees; a server that differs makes it fail; a silent server (and no
/// server that differs) makes it undecided, never holding.
class Tally {
 public:
  /// Records one server's finding with its evidence line.
  void add(Seen seen, std::string line);
  /// Adds a line that is no server's finding (a baseline, a note).
  void note(std::string line);
  /// The result, with a first line counting the servers ("2/3 agree, 1 silent").
  GateResult result() const;

 private:
  int agree_{0};
  int differ_{0};
  int silent_{0};
  std::vector<std::string> lines_{};
};

/// Seen::Silent for a server that did not reply, else `agrees` ? Agrees : Differs.
Seen judge(const dns::Outcome& outcome, bool agrees);

/// The prober's options from the plan: each attempt waits `timeout` (the plan
/// documents it as per query, so no backoff), `attempts` tries.
dns::ProbeOptions probe_options(const Verification& verification);

/// Evidence lines are capped so that a 100,000-name parity failure stays readable.
inline constexpr std::size_t kMaxEvidenceLines = 20;

}  // namespace cutover::planner::live
