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
    case ProblemCode::GlueMissing: return "NO_GLUE_FOR_IN_ZONE_NS";
    case ProblemCode::GlueMismatch: return "GLUE_DIFFERS_FROM_ZONE";
    case ProblemCode::NoAddress: return "NS_NAME_NO_ADDRESS";
    case ProblemCode::SoaSerialDiffers: return "MULTIPLE_SOA_SERIALS";
    case ProblemCode::DsAtParent: return "DS_AT_PARENT";
    case ProblemCode::DsWithoutDnskey: return "DS_WITHOUT_DNSKEY";
    case ProblemCode::DsMatchesNoDnskey: return "DS_MATCHES_NO_DNSKEY";
    case ProblemCode::ServerError: return "SERVER_ERROR";
  }
  return "UNKNOWN";
}

// Only tags checked against Zonemaster's test specifications and DNSViz's
// analysis/errors.py; a code without an equivalent there has none.
std::string_view peer_tags(ProblemCode code) {
  switch (code) {
    case ProblemCode::NoResponse: return "Zonemaster NO_RESPONSE";
    case ProblemCode::NotAuthoritative: return "DNSViz SERVER_NOT_AUTHORITATIVE";
    case ProblemCode::UpwardReferral: return "DNSViz UPWARD_REFERRAL";
    case ProblemCode::NsSetDiffersParentChild: return "Zonemaster EXTRA_NAME_PARENT, EXTRA_NAME_CHILD";
    case ProblemCode::NsSetDiffersAmongChild: return "Zonemaster MULTIPLE_NS_SET";
    case ProblemCode::GlueMissing: return "Zonemaster CS05_MISSING_GLUE_FOR_NS; DNSViz MISSING_GLUE_FOR_NS_NAME";
    case ProblemCode::GlueMismatch: return "Zonemaster CS05_ID_ADDR_MISMATCH (was IN_BAILIWICK_ADDR_MISMATCH); DNSViz GLUE_MISMATCH";
    case ProblemCode::NoAddress: return "DNSViz NO_ADDRESS_FOR_NS_NAME";
    case ProblemCode::SoaSerialDiffers: return "Zonemaster MULTIPLE_SOA_SERIALS";
    case ProblemCode::DsWithoutDnskey: return "Zonemaster DS_BUT_NOT_DNSKEY, DS11_DS_BUT_UNSIGNED_ZONE; DNSViz NO_SEP";
    case ProblemCode::DsMatchesNoDnskey: return "Zonemaster DS02_NO_DNSKEY_FOR_DS, DS02_NO_MATCH_DS_DNSKEY; DNSViz NO_SEP";
    case ProblemCode::Refused:
    case ProblemCode::NotDelegated:
    case ProblemCode::NsSetDiffersAmongParent:
    case ProblemCode::UnexpectedNsSet:
    case ProblemCode::DsAtParent:
    case ProblemCode::ServerError: return "";
  }
  return "";
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
