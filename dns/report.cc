#include "dns/report.h"

namespace cutover::dns {

std::string_view to_string(Verdict verdict) {
  switch (verdict) {
    case Verdict::Consistent: return "consistent";
    case Verdict::NotConsistent: return "not-consistent";
    case Verdict::Undecided: return "undecided";
  }
  return "unknown";
}

std::string_view to_string(ProblemCode code) {
  switch (code) {
    case ProblemCode::NoResponse: return "NO_RESPONSE";
    case ProblemCode::NotAuthoritative: return "IS_NOT_AUTHORITATIVE";
    case ProblemCode::Refused: return "LAME_REFUSED";
    case ProblemCode::UpwardReferral: return "UPWARD_REFERRAL";
    case ProblemCode::NotDelegated: return "NO_DELEGATION";
    case ProblemCode::NsSetDiffersParentChild: return "NS_SET_DIFFERS_PARENT_CHILD";
    case ProblemCode::NsSetDiffersAmongParent: return "MULTIPLE_NS_SET_AT_PARENT";
    case ProblemCode::NsSetDiffersAmongChild: return "MULTIPLE_NS_SET";
    case ProblemCode::UnexpectedNsSet: return "UNEXPECTED_NS_SET";
    case ProblemCode::GlueMissing: return "MISSING_GLUE";
    case ProblemCode::GlueMismatch: return "INCONSISTENT_GLUE";
    case ProblemCode::NoAddress: return "NS_NAME_NO_ADDRESS";
    case ProblemCode::SoaSerialDiffers: return "MULTIPLE_SOA_SERIALS";
    case ProblemCode::DsAtParent: return "DS_AT_PARENT";
    case ProblemCode::ServerError: return "SERVER_ERROR";
  }
  return "UNKNOWN";
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "unknown";
}

}  // namespace cutover::dns
