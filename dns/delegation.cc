#include "dns/delegation.h"

#include <algorithm>
#include <charconv>
#include <initializer_list>
#include <set>

#include "dns/prober.h"

namespace cutover::dns {
namespace {

std::uint32_t ns_ttl(const std::vector<Record>& records, const DomainName& owner) {
  for (const auto& rr : records) {
    if (rr.type == RecordType::NS && rr.name == owner) return rr.ttl;
  }
  return 0;
}

std::vector<Record> addresses_of(const std::vector<Record>& records, const std::vector<DomainName>& names) {
  std::vector<Record> out;
  for (const auto& rr : records) {
    if ((rr.type == RecordType::A || rr.type == RecordType::AAAA) && std::ranges::find(names, rr.name) != names.end()) {
      out.push_back(rr);
    }
  }
  return out;
}

ParentView parent_view(const NameServer& server, const DomainName& zone, Outcome& ns, const Outcome& ds) {
  ParentView view{.server = server, .outcome = ns.kind, .detail = ns.detail};
  if (!responded(ns.kind)) return view;
  // A parent that also serves the child answers with AA and the NS in the answer section.
  const auto& section = ns.kind == OutcomeKind::Answer ? ns.reply.answer : ns.reply.authority;
  view.ns = ns_names(section, zone);
  view.ns_ttl = ns_ttl(section, zone);
  view.glue = addresses_of(ns.reply.additional, view.ns);
  if (view.ns.empty() && ns.kind == OutcomeKind::Referral) {
    for (const auto& rr : ns.reply.authority) {
      if (rr.type == RecordType::NS) view.detail = "referral to " + rr.name.text();
    }
  }
  if (ds.kind == OutcomeKind::Answer) {
    for (const auto& rr : ds.reply.answer) {
      if (rr.type == RecordType::DS && rr.name == zone) view.ds.push_back(rr.rdata);
    }
  }
  return view;
}

ChildView child_view(const NameServer& server, const DomainName& zone, const Outcome& ns, const Outcome& soa, const Outcome& dnskey) {
  ChildView view{.server = server, .outcome = ns.kind, .detail = ns.detail, .dnskey_outcome = dnskey.kind};
  for (const auto& rr : dnskey.reply.answer) {
    if (rr.type == RecordType::DNSKEY && rr.name == zone) view.dnskeys.push_back(rr.rdata);
  }
  if (!responded(ns.kind)) return view;
  view.authoritative = ns.reply.authoritative;
  if (ns.kind == OutcomeKind::Answer && ns.reply.authoritative) {
    view.ns = ns_names(ns.reply.answer, zone);
    view.ns_ttl = ns_ttl(ns.reply.answer, zone);
    view.addresses = addresses_of(ns.reply.additional, view.ns);
  } else if (ns.kind == OutcomeKind::Referral) {
    // Keep the referral's NS so that an upward referral can be named.
    for (const auto& rr : ns.reply.authority) {
      if (rr.type == RecordType::NS) view.detail = "referral to " + rr.name.text();
    }
  }
  for (const auto& rr : soa.reply.answer) {
    if (rr.type != RecordType::SOA || rr.name != zone) continue;
    // SOA rdata: mname rname serial refresh retry expire minimum.
    const std::string& text = rr.rdata;
    std::size_t first = text.find(' ');
    std::size_t second = first == std::string::npos ? first : text.find(' ', first + 1);
    std::uint32_t serial = 0;
    if (second != std::string::npos && std::from_chars(text.data() + second + 1, text.data() + text.size(), serial).ec == std::errc{}) {
      view.soa_serial = serial;
    }
  }
  return view;
}

// Asks every server about `zone` for each of `types`; outcomes grouped per server, in the order of `types`.
Result<std::vector<Outcome>> ask_each(const std::vector<NameServer>& servers, const DomainName& zone,
                                      std::initializer_list<RecordType> types, const ProbeOptions& options) {
  std::vector<ProbeRequest> requests;
  for (const auto& s : servers) {
    for (RecordType type : types) requests.push_back({.server = s.address, .question = {.name = zone, .type = type}});
  }
  return probe(requests, options);
}

bool has_glue(const std::vector<Record>& glue, const DomainName& name) {
  return std::ranges::any_of(glue, [&](const Record& rr) { return rr.name == name; });
}

// The servers a resolver could reach from the referral. A name inside the
// zone has only the parent's glue: looking it up elsewhere (through a server
// that did get glue) would make the verdict depend on what else happens to
// resolve, which is not what a resolver following the referral can do.
std::vector<NameServer> name_servers(DelegationReport& report, const std::vector<Record>& glue, Iterator& iterator) {
  std::vector<DomainName> others;
  for (const auto& name : report.parent_ns) {
    if (!name.is_subdomain_of(report.zone) || has_glue(glue, name)) {
      others.push_back(name);
      continue;
    }
    report.unasked.push_back({.name = name, .reason = "inside the zone, and the parent gives no address (glue) for it"});
    report.problems.push_back({.code = ProblemCode::GlueMissing,
                               .server = name.text(),
                               .message = "name server " + name.text() + " is inside " + report.zone.text() +
                                          " but the parent gives no address (glue) for it: a resolver following the referral has none to "
                                          "reach it by (RFC 9471 requires this glue)"});
  }
  std::vector<DomainName> unresolved;
  auto servers = iterator.servers_for(others, glue, &unresolved);
  for (const auto& name : unresolved) {
    report.unasked.push_back({.name = name, .reason = "no glue at the parent, and the name does not resolve"});
    report.problems.push_back(
        {.code = ProblemCode::NoAddress, .server = name.text(), .message = "name server " + name.text() + " does not resolve"});
  }
  return servers;
}

Result<ParentServers> find_parent_servers(const DelegationOptions& options, Iterator& iterator) {
  if (options.parent_servers.empty()) return iterator.find_parent(options.zone);
  ParentServers out{.parent_zone = options.zone.parent()};
  for (const auto& a : options.parent_servers) out.servers.push_back(NameServer{.address = a});
  return out;
}

}  // namespace

Result<DelegationReport> check_delegation(const DelegationOptions& options) {
  if (options.parent_servers.empty() && options.root_hints.empty()) {
    return fail(ErrorCode::Invalid, "no parent servers given and no root hints to find them");
  }
  DelegationReport report{.zone = options.zone};
  Iterator iterator(options.root_hints, options.probe);
  auto parents = find_parent_servers(options, iterator);
  if (!parents) {
    bool timeout = parents.error().code == ErrorCode::Timeout;
    report.problems.push_back({.code = timeout ? ProblemCode::NoResponse : ProblemCode::NotDelegated,
                               .message = "cannot find the parent servers: " + parents.error().message});
    report.verdict = timeout ? Verdict::Undecided : Verdict::NotConsistent;
    return report;
  }
  report.parent_zone = parents->parent_zone;
  auto parent_outcomes = ask_each(parents->servers, options.zone, {RecordType::NS, RecordType::DS}, options.probe);
  if (!parent_outcomes) return std::unexpected(parent_outcomes.error());
  std::set<DomainName> parent_ns;
  std::vector<Record> glue;
  for (std::size_t i = 0; i < parents->servers.size(); ++i) {
    auto view = parent_view(parents->servers[i], options.zone, (*parent_outcomes)[2 * i], (*parent_outcomes)[2 * i + 1]);
    parent_ns.insert(view.ns.begin(), view.ns.end());
    glue.insert(glue.end(), view.glue.begin(), view.glue.end());
    report.parent.push_back(std::move(view));
  }
  report.parent_ns.assign(parent_ns.begin(), parent_ns.end());
  auto children = name_servers(report, glue, iterator);
  auto child_outcomes = ask_each(children, options.zone, {RecordType::NS, RecordType::SOA, RecordType::DNSKEY}, options.probe);
  if (!child_outcomes) return std::unexpected(child_outcomes.error());
  for (std::size_t i = 0; i < children.size(); ++i) {
    const auto* o = &(*child_outcomes)[3 * i];
    report.child.push_back(child_view(children[i], options.zone, o[0], o[1], o[2]));
  }
  evaluate_delegation(report, options.expect_ns);
  return report;
}

}  // namespace cutover::dns
