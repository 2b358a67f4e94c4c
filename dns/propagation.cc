#include "dns/propagation.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "dns/prober.h"

namespace cutover::dns {
namespace {

bool holds_name(RecordType type) { return type == RecordType::NS || type == RecordType::CNAME || type == RecordType::PTR; }

std::vector<std::string> sorted_unique(std::vector<std::string> values) {
  std::ranges::sort(values);
  values.erase(std::unique(values.begin(), values.end()), values.end());
  return values;
}

// Values of `type` in `records` (owner `owner` when given), normalised, and their smallest TTL.
void take_values(PropagationRow& row, const std::vector<Record>& records, RecordType type, const DomainName* owner) {
  for (const auto& rr : records) {
    if (rr.type != type || (owner && rr.name != *owner)) continue;
    row.values.push_back(normalise_value(type, rr.rdata));
    row.ttl = row.values.size() == 1 ? rr.ttl : std::min(row.ttl, rr.ttl);
  }
  row.values = sorted_unique(std::move(row.values));
}

struct Zone {
  DomainName zone{};
  ParentServers parents{};
};

Result<Zone> locate(const PropagationOptions& options, Iterator& iterator) {
  Zone out;
  if (!options.parent_servers.empty()) {
    out.zone = options.type == RecordType::NS ? options.name : options.name.parent();
    for (const auto& a : options.parent_servers) out.parents.servers.push_back(NameServer{.address = a});
    out.parents.parent_zone = out.zone.parent();
    return out;
  }
  auto parents = options.type == RecordType::NS ? iterator.find_parent(options.name) : iterator.find_zone_of(options.name, out.zone);
  if (!parents) return std::unexpected(parents.error());
  if (options.type == RecordType::NS) out.zone = options.name;
  out.parents = std::move(*parents);
  return out;
}

std::vector<PropagationRow> ask(const std::vector<NameServer>& servers, Role role, const Question& question, const ProbeOptions& options,
                                std::vector<Record>* glue) {
  std::vector<ProbeRequest> requests;
  for (const auto& s : servers) {
    requests.push_back({.server = s.address, .question = question, .recursion_desired = role == Role::Resolver});
  }
  auto outcomes = probe(requests, options);
  std::vector<PropagationRow> rows;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const Outcome& o = outcomes ? (*outcomes)[i] : Outcome{.kind = OutcomeKind::NetworkError, .detail = outcomes.error().message};
    PropagationRow row{.role = role, .server = servers[i], .outcome = o.kind, .detail = o.detail};
    if (role == Role::Parent) {
      take_values(row, o.kind == OutcomeKind::Answer ? o.reply.answer : o.reply.authority, RecordType::NS, &question.name);
      if (glue) glue->insert(glue->end(), o.reply.additional.begin(), o.reply.additional.end());
    } else if (role == Role::Resolver) {
      take_values(row, o.reply.answer, question.type, nullptr);  // any owner: CNAME chains end elsewhere
    } else if (o.reply.authoritative) {
      take_values(row, o.reply.answer, question.type, &question.name);
    } else if (responded(o.kind)) {
      row.detail = "not authoritative (" + std::string(to_string(o.kind)) + ")";
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace

std::string_view to_string(Role role) {
  switch (role) {
    case Role::Parent: return "parent";
    case Role::Authoritative: return "authoritative";
    case Role::Resolver: return "resolver";
  }
  return "unknown";
}

std::string normalise_value(RecordType type, std::string_view value) {
  std::string out(value);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (holds_name(type)) {
    if (auto name = DomainName::parse(out)) return name->text();
  }
  return out;
}

Result<PropagationReport> check_propagation(const PropagationOptions& options) {
  if (options.parent_servers.empty() && options.root_hints.empty()) {
    return fail(ErrorCode::Invalid, "no parent servers given and no root hints to find them");
  }
  PropagationReport report{.name = options.name, .type = options.type};
  for (const auto& v : options.expected) report.expected.push_back(normalise_value(options.type, v));
  report.expected = sorted_unique(std::move(report.expected));
  Iterator iterator(options.root_hints, options.probe);
  auto zone = locate(options, iterator);
  if (!zone) {
    report.problems.push_back({.code = zone.error().code == ErrorCode::Timeout ? ProblemCode::NoResponse : ProblemCode::NotDelegated,
                               .message = "cannot find the servers of " + options.name.text() + ": " + zone.error().message});
    judge_propagation(report);
    return report;
  }
  report.zone = zone->zone;
  std::vector<Record> glue;
  auto parent_rows = ask(zone->parents.servers, Role::Parent, {.name = report.zone, .type = RecordType::NS}, options.probe, &glue);
  std::set<DomainName> names;
  for (const auto& row : parent_rows) {
    for (const auto& v : row.values) names.insert(*DomainName::parse(v));
  }
  if (options.type == RecordType::NS) {
    // The new servers too, so that both sides of a switch show up (S6).
    for (const auto& v : report.expected) {
      if (auto name = DomainName::parse(v)) names.insert(*name);
    }
  }
  std::vector<DomainName> unresolved;
  auto servers = iterator.servers_for({names.begin(), names.end()}, glue, &unresolved);
  for (const auto& name : unresolved) {
    report.problems.push_back(
        {.code = ProblemCode::NoAddress, .server = name.text(), .message = "name server " + name.text() + " does not resolve"});
  }
  auto auth_rows = ask(servers, Role::Authoritative, {.name = options.name, .type = options.type}, options.probe, nullptr);
  std::vector<NameServer> resolvers;
  for (const auto& r : options.resolvers) resolvers.push_back(NameServer{.address = r});
  auto resolver_rows = ask(resolvers, Role::Resolver, {.name = options.name, .type = options.type}, options.probe, nullptr);
  for (auto* rows : {&parent_rows, &auth_rows, &resolver_rows}) {
    for (auto& row : *rows) report.rows.push_back(std::move(row));
  }
  judge_propagation(report);
  return report;
}

}  // namespace cutover::dns
