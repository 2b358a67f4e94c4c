#pragma once
// The parity check: the same questions to every server of the old and the
// new provider, each answer compared with the old provider's as a set of
// records. Before a nameserver switch, both zones must answer alike on
// every server for the whole propagation window (SCENARIOS.md, S1).
//
//   auto report = dns::check_parity({.old_servers = o, .new_servers = n, .questions = q});

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dns/message.h"
#include "dns/probe_options.h"
#include "dns/prober.h"
#include "dns/question_list.h"
#include "dns/report.h"
#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns {

/// How TTLs count. They are reported always. Equal asks for the same TTL
/// everywhere; NotLonger lets a server answer with a shorter TTL than the old
/// zone's but never a longer one, since a longer TTL lengthens how long
/// resolvers keep the answer: the propagation window, and the rollback window.
enum class TtlRule { Ignore, Equal, NotLonger };

/// What to compare.
struct ParityOptions {
  std::vector<ServerAddress> old_servers{};
  std::vector<ServerAddress> new_servers{};
  QuestionList questions{};  // packed: a zone may have millions of names
  TtlRule ttl{TtlRule::Ignore};
  ProbeOptions probe{};
};

/// An answer reduced to what parity compares: kind, AA, and the records (for
/// a referral its NS records and the glue for them: addresses in the
/// additional section owned at or below the delegation). `records` are sorted "owner type rdata"
/// lines for display (owner, type and names inside RDATA lower-cased, other
/// RDATA as given); `keys` are what is compared: per record the owner
/// (lower-cased), the type and the wire RDATA byte for byte, only the domain
/// names inside it lower-cased. A TXT or CAA value that differs in letter
/// case differs; an NS target that differs in case does not.
struct RRsetView {
  OutcomeKind kind{OutcomeKind::Timeout};
  bool authoritative{false};
  std::vector<std::string> records{};
  std::vector<std::string> keys{};
  std::uint32_t ttl{0};  // the smallest TTL of the records; 0 when none
  std::string detail{};
};

/// A server whose answer differs from the reference (the first old server that answered).
struct ParityDifference {
  ServerAddress server{};
  bool server_is_new{false};
  Question question{};
  ServerAddress reference_server{};
  RRsetView expected{};
  RRsetView actual{};
};

/// A query that got no reply: never counted as agreeing.
struct ParityUnanswered {
  ServerAddress server{};
  bool server_is_new{false};
  Question question{};
  OutcomeKind kind{OutcomeKind::Timeout};
  std::string detail{};
};

/// Everything found, and the verdict: NotConsistent when any answer differs,
/// else Undecided when any query went unanswered, else Consistent.
struct ParityReport {
  std::size_t questions{0};
  std::size_t servers{0};
  std::size_t queries{0};
  std::size_t answered{0};
  std::vector<ParityDifference> differences{};
  std::vector<ParityUnanswered> unanswered{};
  ProbeTotals totals{};
  Verdict verdict{Verdict::Undecided};
};

/// Runs the comparison. Answers are compared as they arrive and forgotten
/// when they agree, so memory grows with what differs, not with the number of
/// questions. Fails only on local errors (no socket, a question ldns cannot encode).
Result<ParityReport> check_parity(const ParityOptions& options);

/// The comparable form of an outcome to `question`.
RRsetView rrset_view(const Outcome& outcome, const Question& question);
/// rrset_view without the display lines (`records` left empty): all that
/// same_rrset needs, for the many answers that agree and are then dropped.
RRsetView rrset_keys(const Outcome& outcome, const Question& question);
/// True when `view` agrees with the reference: same kind, same AA, same keys,
/// and a TTL as `rule` asks. A refusal, a failure or no reply never agrees,
/// not even with another one: it says nothing about what the zone holds.
bool same_rrset(const RRsetView& reference, const RRsetView& view, TtlRule rule);

}  // namespace cutover::dns
