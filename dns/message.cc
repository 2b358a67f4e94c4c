#include "dns/message.h"

namespace cutover::dns {

std::string_view to_string(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::Answer: return "answer";
    case OutcomeKind::NoData: return "nodata";
    case OutcomeKind::NxDomain: return "nxdomain";
    case OutcomeKind::Referral: return "referral";
    case OutcomeKind::Refused: return "refused";
    case OutcomeKind::ServerFailure: return "servfail";
    case OutcomeKind::Timeout: return "timeout";
    case OutcomeKind::Unreachable: return "unreachable";
    case OutcomeKind::NetworkError: return "network-error";
  }
  return "unknown";
}

OutcomeKind classify(const Reply& reply, const Question& question) {
  constexpr int kNxDomain = 3;
  constexpr int kRefused = 5;
  if (reply.rcode == kNxDomain) return OutcomeKind::NxDomain;
  if (reply.rcode == kRefused) return OutcomeKind::Refused;
  if (reply.rcode != 0) return OutcomeKind::ServerFailure;
  for (const auto& rr : reply.answer) {
    if (rr.name == question.name && (rr.type == question.type || rr.type == RecordType::CNAME)) return OutcomeKind::Answer;
  }
  // A resolver's answer (no AA) to a query it followed is still an answer; only
  // an empty answer with NS in authority and no AA is a referral.
  if (!reply.answer.empty()) return OutcomeKind::Answer;
  if (!reply.authoritative) {
    for (const auto& rr : reply.authority) {
      if (rr.type == RecordType::NS) return OutcomeKind::Referral;
    }
  }
  return OutcomeKind::NoData;
}

}  // namespace cutover::dns
