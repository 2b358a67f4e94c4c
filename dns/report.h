#pragma once
// Vocabulary shared by the checks: verdicts, and problems named as
// Zonemaster and DNSViz name them, so a report reads like theirs.

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

/// What is wrong. The tags mirror Zonemaster's message tags and DNSViz's
/// error names where one exists (noted beside each).
enum class ProblemCode {
  NoResponse,               // Zonemaster NO_RESPONSE; DNSViz "timeout"
  NotAuthoritative,         // Zonemaster IS_NOT_AUTHORITATIVE; DNSViz "lame"
  Refused,                  // DNSViz "lame" (REFUSED); Zonemaster NO_RESPONSE_... with rcode
  UpwardReferral,           // Zonemaster UPWARD_REFERRAL; DNSViz "UPWARD_REFERRAL"
  NotDelegated,             // Zonemaster NO_DELEGATION / NOT_A_ZONE: the parent has no NS for it
  NsSetDiffersParentChild,  // Zonemaster EXTRA_NAME_PARENT / EXTRA_NAME_CHILD; DNSViz "NS_NAME_PARENT_CHILD_MISMATCH"
  NsSetDiffersAmongParent,  // Zonemaster MULTIPLE_NS_SET at the parent
  NsSetDiffersAmongChild,   // Zonemaster MULTIPLE_NS_SET
  UnexpectedNsSet,          // the parent delegates to another set than expected (e.g. still the old one)
  GlueMissing,              // Zonemaster MISSING_GLUE (in-bailiwick name without glue)
  GlueMismatch,             // Zonemaster INCONSISTENT_GLUE / DNSViz "GLUE_MISMATCH"
  NoAddress,                // Zonemaster NO_IPV4_NS... / NS name that does not resolve
  SoaSerialDiffers,         // Zonemaster MULTIPLE_SOA_SERIALS
  DsAtParent,               // DS present at the parent: the new servers must serve matching DNSKEYs
  ServerError,              // SERVFAIL or another error rcode
};

/// The tag of a code: "NO_RESPONSE", "IS_NOT_AUTHORITATIVE", "UPWARD_REFERRAL", ...
std::string_view to_string(ProblemCode code);

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
