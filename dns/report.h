#pragma once
// Vocabulary shared by the checks: verdicts, and problems in our own words
// with Zonemaster's and DNSViz's tags beside them where they have one.

#include <string>
#include <string_view>

namespace cutover::dns {

/// The answer to "is it safe / is it done": the CLI maps it to exit codes 0, 1, 3.
enum class Verdict {
  Consistent,     // every server answered and agrees (or shows the expected value)
  NotConsistent,  // at least one server that answered disagrees or is broken
  Undecided,      // too few servers answered to decide; nothing seen disagrees
};

/// "consistent", "not-consistent", "undecided".
std::string_view to_string(Verdict verdict);

/// What is wrong. Each code has a tag of our own (to_string) and, where
/// Zonemaster or DNSViz report the same problem, their tags (peer_tags), so a
/// report can be laid beside theirs.
enum class ProblemCode {
  NoResponse,               // a server does not answer, or nothing listens on its port 53
  NotAuthoritative,         // a listed server answers without AA: lame
  Refused,                  // a listed server answers REFUSED: lame
  UpwardReferral,           // a server refers to a zone above the one asked
  NotDelegated,             // the parent has no NS for the zone
  NsSetDiffersParentChild,  // the parent's NS set and the zone's own differ
  NsSetDiffersAmongParent,  // parent servers hand out different NS sets
  NsSetDiffersAmongChild,   // the zone's servers list different NS sets
  UnexpectedNsSet,          // the parent delegates to another set than expected (e.g. still the old one)
  GlueMissing,              // an NS name inside the zone has no address at the parent: resolvers cannot reach it
  GlueMismatch,             // the parent's glue for an NS name differs from the zone's own address records
  NoAddress,                // an NS name outside the zone does not resolve
  SoaSerialDiffers,         // the zone's servers serve different SOA serials
  DsAtParent,               // DS present at the parent: the zone's servers must keep serving a matching DNSKEY
  DsWithoutDnskey,          // DS at the parent, but a server of the zone serves no DNSKEY: resolvers answer SERVFAIL
  DsMatchesNoDnskey,        // DS at the parent, but no DNSKEY a server serves matches it: resolvers answer SERVFAIL
  ServerError,              // SERVFAIL or another error rcode
};

/// Our tag of a code: "NO_RESPONSE", "IS_NOT_AUTHORITATIVE", "NO_GLUE_FOR_IN_ZONE_NS", ...
std::string_view to_string(ProblemCode code);

/// The tags Zonemaster and DNSViz give the same problem, e.g. "Zonemaster
/// CS05_MISSING_GLUE_FOR_NS; DNSViz MISSING_GLUE_FOR_NS_NAME"; empty when
/// neither has one.
std::string_view peer_tags(ProblemCode code);

/// How bad a problem is: an error makes the verdict NotConsistent.
enum class Severity { Info, Warning, Error };
/// "info", "warning", "error".
std::string_view to_string(Severity severity);

/// One finding: what, how bad, on which server (its address, or empty), and a sentence.
struct Problem {
  ProblemCode code{ProblemCode::ServerError};
  Severity severity{Severity::Error};
  std::string server{};
  std::string message{};
};

}  // namespace cutover::dns
