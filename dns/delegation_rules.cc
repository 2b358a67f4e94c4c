// The rules of the delegation check: from the views of each parent and child
// server to problems and a verdict. No I/O here, so tests feed views directly.

#include <algorithm>
#include <map>
#include <set>

#include "dns/delegation.h"
#include "dns/dnssec.h"

namespace cutover::dns {
namespace {

std::string who(const NameServer& s) { return s.name ? s.name->without_dot() + " (" + to_string(s.address) + ")" : to_string(s.address); }

std::string set_text(const std::vector<DomainName>& names) {
  std::string out = "{";
  for (const auto& n : names) out += (out.size() > 1 ? " " : "") + n.text();
  return out + "}";
}

std::vector<DomainName> minus(const std::vector<DomainName>& a, const std::vector<DomainName>& b) {
  std::vector<DomainName> out;
  std::ranges::set_difference(a, b, std::back_inserter(out));
  return out;
}

struct Tally {
  std::size_t parents{0};
  std::size_t children{0};
  bool local_failure{false};
  bool ds_unchecked{false};  // a DS could not be compared with a server's keys
};

std::string list_text(const std::set<std::string>& values) {
  std::string out = "{";
  for (const auto& v : values) out += (out.size() > 1 ? " " : "") + v;
  return out + "}";
}

// Problems common to any server that did not give a usable reply; true if it did not.
bool unusable(const NameServer& server, OutcomeKind kind, const std::string& detail, const char* role, std::vector<Problem>& problems,
              Tally& tally) {
  std::string at = std::string(role) + " server " + who(server);
  auto add = [&](ProblemCode code, Severity severity, std::string message) {
    problems.push_back({.code = code, .severity = severity, .server = to_string(server.address), .message = std::move(message)});
  };
  switch (kind) {
    case OutcomeKind::Timeout: add(ProblemCode::NoResponse, Severity::Error, at + " does not answer (" + detail + ")"); return true;
    case OutcomeKind::Unreachable: add(ProblemCode::NoResponse, Severity::Error, at + " cannot be reached (" + detail + ")"); return true;
    case OutcomeKind::NetworkError:
      tally.local_failure = true;
      add(ProblemCode::NoResponse, Severity::Warning, at + " could not be queried: " + detail);
      return true;
    case OutcomeKind::Refused: add(ProblemCode::Refused, Severity::Error, at + " answers REFUSED: lame"); return true;
    case OutcomeKind::ServerFailure: add(ProblemCode::ServerError, Severity::Error, at + " answers with an error rcode"); return true;
    default: return false;
  }
}

void parent_rules(DelegationReport& r, const std::vector<DomainName>& expect, Tally& tally) {
  std::map<std::vector<DomainName>, std::vector<std::string>> sets;
  for (const auto& v : r.parent) {
    if (unusable(v.server, v.outcome, v.detail, "parent", r.problems, tally)) continue;
    if (v.ns.empty()) {
      // A referral to a zone that is not below the parent zone points up (or sideways).
      bool upward = v.outcome == OutcomeKind::Referral && v.detail.starts_with("referral to ") &&
                    !DomainName::parse(v.detail.substr(12)).value_or(DomainName{}).is_subdomain_of(r.parent_zone);
      r.problems.push_back({.code = upward ? ProblemCode::UpwardReferral : ProblemCode::NotDelegated,
                            .server = to_string(v.server.address),
                            .message = "parent server " + who(v.server) + " has no delegation for " + r.zone.text() + " (" +
                                       (v.detail.empty() ? std::string(to_string(v.outcome)) : v.detail) + ")"});
      continue;
    }
    ++tally.parents;
    sets[v.ns].push_back(to_string(v.server.address));
    if (!expect.empty() && v.ns != expect) {
      r.problems.push_back(
          {.code = ProblemCode::UnexpectedNsSet,
           .server = to_string(v.server.address),
           .message = "parent server " + who(v.server) + " delegates to " + set_text(v.ns) + ", expected " + set_text(expect)});
    }
  }
  if (sets.size() > 1) {
    for (const auto& [set, servers] : sets) {
      r.problems.push_back({.code = ProblemCode::NsSetDiffersAmongParent,
                            .server = servers.front(),
                            .message = std::to_string(servers.size()) + " parent server(s) delegate to " + set_text(set)});
    }
  }
}

void child_server_rules(DelegationReport& r, Tally& tally, std::map<std::vector<DomainName>, std::vector<std::string>>& sets,
                        std::map<std::uint32_t, std::vector<std::string>>& serials) {
  for (const auto& v : r.child) {
    if (unusable(v.server, v.outcome, v.detail, "name", r.problems, tally)) continue;
    if (v.outcome == OutcomeKind::Referral) {
      bool upward =
          v.detail.find("referral to ") == 0 && !DomainName::parse(v.detail.substr(12)).value_or(DomainName{}).is_subdomain_of(r.zone);
      r.problems.push_back(
          {.code = upward ? ProblemCode::UpwardReferral : ProblemCode::NotAuthoritative,
           .server = to_string(v.server.address),
           .message = "name server " + who(v.server) + " is not authoritative for " + r.zone.text() + " (" + v.detail + "): lame"});
      continue;
    }
    if (!v.authoritative || v.ns.empty()) {
      r.problems.push_back(
          {.code = ProblemCode::NotAuthoritative,
           .server = to_string(v.server.address),
           .message = "name server " + who(v.server) + " does not answer authoritatively for " + r.zone.text() + ": lame"});
      continue;
    }
    ++tally.children;
    sets[v.ns].push_back(to_string(v.server.address));
    if (v.soa_serial) serials[*v.soa_serial].push_back(to_string(v.server.address));
  }
}

void glue_rules(DelegationReport& r) {
  std::map<std::pair<DomainName, RecordType>, std::set<std::string>> glue;
  std::map<std::pair<DomainName, RecordType>, std::set<std::string>> served;
  for (const auto& v : r.parent)
    for (const auto& rr : v.glue) glue[{rr.name, rr.type}].insert(rr.rdata);
  for (const auto& v : r.child)
    for (const auto& rr : v.addresses) served[{rr.name, rr.type}].insert(rr.rdata);
  for (const auto& [key, addresses] : glue) {
    auto it = served.find(key);
    if (it == served.end() || it->second == addresses || !key.first.is_subdomain_of(r.zone)) continue;
    r.problems.push_back({.code = ProblemCode::GlueMismatch,
                          .server = key.first.text(),
                          .message = "glue for " + key.first.text() + " at the parent " + list_text(addresses) +
                                     " differs from the zone's own " + std::string(to_string(key.second)) + " records " +
                                     list_text(it->second)});
  }
}

void child_rules(DelegationReport& r, Tally& tally) {
  std::map<std::vector<DomainName>, std::vector<std::string>> sets;
  std::map<std::uint32_t, std::vector<std::string>> serials;  // and the servers serving each
  child_server_rules(r, tally, sets, serials);
  std::set<DomainName> child_ns;
  for (const auto& [set, servers] : sets) child_ns.insert(set.begin(), set.end());
  r.child_ns.assign(child_ns.begin(), child_ns.end());
  if (sets.size() > 1) {
    for (const auto& [set, servers] : sets) {
      r.problems.push_back({.code = ProblemCode::NsSetDiffersAmongChild,
                            .server = servers.front(),
                            .message = std::to_string(servers.size()) + " name server(s) list " + set_text(set)});
    }
  }
  if (!r.child_ns.empty() && !r.parent_ns.empty() && r.child_ns != r.parent_ns) {
    r.problems.push_back({.code = ProblemCode::NsSetDiffersParentChild,
                          .message = "NS set at the parent " + set_text(r.parent_ns) + " differs from the zone's " + set_text(r.child_ns) +
                                     ": only at the parent " + set_text(minus(r.parent_ns, r.child_ns)) + ", only in the zone " +
                                     set_text(minus(r.child_ns, r.parent_ns))});
  }
  if (serials.size() > 1) {
    // Which server serves which: the one behind (a lagging secondary) is named.
    std::string which;
    for (const auto& [serial, servers] : serials) {
      which += (which.empty() ? "" : ", ") + std::to_string(serial) + " (";
      for (std::size_t i = 0; i < servers.size(); ++i) which += (i ? " " : "") + servers[i];
      which += ")";
    }
    r.problems.push_back({.code = ProblemCode::SoaSerialDiffers,
                          .severity = Severity::Warning,
                          .message = "the zone's servers serve " + std::to_string(serials.size()) + " different SOA serials: " + which});
  }
  glue_rules(r);
}

// The DS records the parent servers hand out, each once, in the order seen.
std::vector<std::string> parent_ds(const DelegationReport& r) {
  std::vector<std::string> out;
  for (const auto& v : r.parent)
    for (const auto& ds : v.ds)
      if (std::ranges::find(out, ds) == out.end()) out.push_back(ds);
  return out;
}

// One server's DNSKEY set against the DS records; adds its problem, if any.
void ds_server_rule(DelegationReport& r, const ChildView& v, const std::vector<std::string>& ds, Tally& tally) {
  auto add = [&](ProblemCode code, Severity severity, std::string message) {
    r.problems.push_back({.code = code, .severity = severity, .server = to_string(v.server.address), .message = std::move(message)});
  };
  const std::string at = "name server " + who(v.server);
  const std::string consequence = ": validating resolvers will answer SERVFAIL for every name in " + r.zone.text();
  if (v.dnskeys.empty() && v.dnskey_outcome != OutcomeKind::Answer && v.dnskey_outcome != OutcomeKind::NoData) {
    tally.ds_unchecked = true;
    add(ProblemCode::NoResponse, Severity::Warning,
        at + " gave no DNSKEY answer (" + std::string(to_string(v.dnskey_outcome)) + "): the DS at the parent cannot be checked there");
    return;
  }
  if (v.dnskeys.empty()) {
    add(ProblemCode::DsWithoutDnskey, Severity::Error, at + " serves no DNSKEY, but the parent has DS " + ds.front() + consequence);
    return;
  }
  std::set<std::string> findings;
  bool any_checkable = false;
  for (const auto& d : ds) {
    auto match = match_ds(r.zone, d, v.dnskeys);
    if (!match) {
      tally.ds_unchecked = true;
      add(ProblemCode::DsMatchesNoDnskey, Severity::Warning, at + ": cannot compare: " + match.error().message);
      return;
    }
    if (match->kind == DsMatchKind::Matches) return;
    if (match->kind == DsMatchKind::UnsupportedDigest) continue;
    any_checkable = true;
    findings.insert("DS " + std::to_string(match->key_tag) + ": " + std::string(to_string(match->kind)));
  }
  std::set<std::string> tags;
  for (const auto& key : v.dnskeys) tags.insert(std::to_string(dnskey_tag(r.zone, key).value_or(0)));
  if (!any_checkable) {
    // Resolvers ignore a DS whose digest they cannot check: the zone is then unsigned to them, not broken.
    add(ProblemCode::DsAtParent, Severity::Warning, at + ": no DS at the parent has a digest type a resolver checks");
    return;
  }
  add(ProblemCode::DsMatchesNoDnskey, Severity::Error,
      at + " serves DNSKEY " + list_text(tags) + ", and none matches a DS at the parent " + list_text(findings) + consequence);
}

// DS at the parent against the DNSKEY set each server of the zone serves.
void ds_rules(DelegationReport& r, Tally& tally) {
  auto ds = parent_ds(r);
  if (ds.empty()) return;
  r.problems.push_back({.code = ProblemCode::DsAtParent,
                        .severity = Severity::Warning,
                        .message = "DS at the parent (" + ds.front() +
                                   (ds.size() > 1 ? " and " + std::to_string(ds.size() - 1) + " more" : "") +
                                   "): the zone's servers must keep serving a matching DNSKEY, and the DS must go before servers "
                                   "without that key take over"});
  for (const auto& v : r.child) {
    // Servers that did not answer for the zone are reported already; their keys prove nothing.
    if (v.outcome != OutcomeKind::Answer || !v.authoritative || v.ns.empty()) continue;
    ds_server_rule(r, v, ds, tally);
  }
}

}  // namespace

void evaluate_delegation(DelegationReport& report, const std::vector<DomainName>& expect_ns) {
  Tally tally;
  std::vector<DomainName> expect = expect_ns;
  std::ranges::sort(expect);
  parent_rules(report, expect, tally);
  child_rules(report, tally);
  ds_rules(report, tally);
  bool answered_error = std::ranges::any_of(
      report.problems, [](const Problem& p) { return p.severity == Severity::Error && p.code != ProblemCode::NoResponse; });
  bool silent = std::ranges::any_of(report.problems,
                                    [](const Problem& p) { return p.severity == Severity::Error && p.code == ProblemCode::NoResponse; });
  if (answered_error) {
    report.verdict = Verdict::NotConsistent;
  } else if (tally.parents == 0 || tally.children == 0 || tally.local_failure || tally.ds_unchecked) {
    report.verdict = Verdict::Undecided;
  } else {
    // A delegated server that stays silent while its peers answer is a broken delegation, not a maybe.
    report.verdict = silent ? Verdict::NotConsistent : Verdict::Consistent;
  }
}

}  // namespace cutover::dns
