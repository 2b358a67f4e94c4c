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

namespace {

struct ProblemNames {
  std::string_view code{};
  std::string_view peer_tags{};
};

// One row a code: its name and its equivalents elsewhere, kept together so a
// new code cannot get one without the other. Peer tags are only those checked
// against Zonemaster's test specifications and DNSViz's analysis/errors.py; a
// code without an equivalent there has none.
ProblemNames names_of(ProblemCode code) {
  switch (code) {
    case ProblemCode::NoResponse: return {"NO_RESPONSE", "Zonemaster NO_RESPONSE"};
    case ProblemCode::NotAuthoritative: return {"IS_NOT_AUTHORITATIVE", "DNSViz SERVER_NOT_AUTHORITATIVE"};
    case ProblemCode::Refused: return {"LAME_REFUSED", ""};
    case ProblemCode::UpwardReferral: return {"UPWARD_REFERRAL", "DNSViz UPWARD_REFERRAL"};
    case ProblemCode::NotDelegated: return {"NO_DELEGATION", ""};
    case ProblemCode::NsSetDiffersParentChild: return {"NS_SET_DIFFERS_PARENT_CHILD", "Zonemaster EXTRA_NAME_PARENT, EXTRA_NAME_CHILD"};
    case ProblemCode::NsSetDiffersAmongParent: return {"MULTIPLE_NS_SET_AT_PARENT", ""};
    case ProblemCode::NsSetDiffersAmongChild: return {"MULTIPLE_NS_SET", "Zonemaster MULTIPLE_NS_SET"};
    case ProblemCode::UnexpectedNsSet: return {"UNEXPECTED_NS_SET", ""};
    case ProblemCode::GlueMissing:
      return {"NO_GLUE_FOR_IN_ZONE_NS", "Zonemaster CS05_MISSING_GLUE_FOR_NS; DNSViz MISSING_GLUE_FOR_NS_NAME"};
    case ProblemCode::GlueMismatch:
      return {"GLUE_DIFFERS_FROM_ZONE", "Zonemaster CS05_ID_ADDR_MISMATCH (was IN_BAILIWICK_ADDR_MISMATCH); DNSViz GLUE_MISMATCH"};
    case ProblemCode::NoAddress: return {"NS_NAME_NO_ADDRESS", "DNSViz NO_ADDRESS_FOR_NS_NAME"};
    case ProblemCode::SoaSerialDiffers: return {"MULTIPLE_SOA_SERIALS", "Zonemaster MULTIPLE_SOA_SERIALS"};
    case ProblemCode::DsAtParent: return {"DS_AT_PARENT", ""};
    case ProblemCode::DsWithoutDnskey:
      return {"DS_WITHOUT_DNSKEY", "Zonemaster DS_BUT_NOT_DNSKEY, DS11_DS_BUT_UNSIGNED_ZONE; DNSViz NO_SEP"};
    case ProblemCode::DsMatchesNoDnskey:
      return {"DS_MATCHES_NO_DNSKEY", "Zonemaster DS02_NO_DNSKEY_FOR_DS, DS02_NO_MATCH_DS_DNSKEY; DNSViz NO_SEP"};
    case ProblemCode::ServerError: return {"SERVER_ERROR", ""};
  }
  return {"UNKNOWN", ""};
}

}  // namespace

std::string_view to_string(ProblemCode code) { return names_of(code).code; }

std::string_view peer_tags(ProblemCode code) { return names_of(code).peer_tags; }

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::Info: return "info";
    case Severity::Warning: return "warning";
    case Severity::Error: return "error";
  }
  return "unknown";
}

}  // namespace cutover::dns
