#include "dns/iterative.h"

#include <algorithm>
#include <set>

#include "dns/prober.h"

namespace cutover::dns {
namespace {

constexpr int kMaxHops = 16;
constexpr int kMaxDepth = 4;  // nested resolutions of NS names without glue

// The owner of the NS records in a referral's authority section.
std::optional<DomainName> referral_owner(const Reply& reply) {
  for (const auto& rr : reply.authority) {
    if (rr.type == RecordType::NS) return rr.name;
  }
  return std::nullopt;
}

bool useful(OutcomeKind kind) {
  return kind == OutcomeKind::Answer || kind == OutcomeKind::NoData || kind == OutcomeKind::NxDomain || kind == OutcomeKind::Referral;
}

}  // namespace

std::vector<DomainName> ns_names(const std::vector<Record>& records, const DomainName& owner) {
  std::set<DomainName> names;
  for (const auto& rr : records) {
    if (rr.type != RecordType::NS || rr.name != owner) continue;
    if (auto name = DomainName::parse(rr.rdata)) names.insert(*name);
  }
  return {names.begin(), names.end()};
}

Iterator::Iterator(std::vector<ServerAddress> roots, ProbeOptions options) : roots_(std::move(roots)), options_(options) {}

Result<Outcome> Iterator::ask_first(const std::vector<NameServer>& servers, const Question& question) {
  std::vector<ProbeRequest> requests;
  for (const auto& s : servers) requests.push_back(ProbeRequest{.server = s.address, .question = question});
  auto outcomes = probe(requests, options_);
  if (!outcomes) return std::unexpected(outcomes.error());
  for (auto& o : *outcomes) {
    if (useful(o.kind)) return std::move(o);
  }
  return fail(ErrorCode::Timeout, "no server answered usefully for " + question.name.text() + " " + std::string(to_string(question.type)));
}

Result<Iterator::Step> Iterator::descend(const Question& question, bool stop_at_delegation) {
  Step step;
  for (const auto& root : roots_) step.servers.push_back(NameServer{.address = root});
  for (int hop = 0; hop < kMaxHops; ++hop) {
    if (step.servers.empty()) return fail(ErrorCode::NotFound, "no usable servers for zone " + step.zone.text());
    auto outcome = ask_first(step.servers, question);
    if (!outcome) return std::unexpected(outcome.error());
    if (outcome->kind != OutcomeKind::Referral) {
      step.outcome = std::move(*outcome);
      return step;
    }
    auto owner = referral_owner(outcome->reply);
    if (!owner || !question.name.is_subdomain_of(*owner) || *owner == step.zone || !owner->is_subdomain_of(step.zone)) {
      return fail(ErrorCode::Protocol, "referral from zone " + step.zone.text() + " does not lead down towards " + question.name.text());
    }
    if (stop_at_delegation && *owner == question.name) {
      step.outcome = std::move(*outcome);
      return step;
    }
    auto names = ns_names(outcome->reply.authority, *owner);
    step.parent_servers = std::move(step.servers);
    step.parent_zone = step.zone;
    step.servers = servers_for(names, outcome->reply.additional);
    step.zone = *owner;
  }
  return fail(ErrorCode::Protocol, "more than 16 referrals for " + question.name.text());
}

Result<ParentServers> Iterator::find_parent(const DomainName& zone) {
  if (zone.is_root()) return fail(ErrorCode::Invalid, "the root zone has no parent");
  auto step = descend(Question{.name = zone, .type = RecordType::NS}, true);
  if (!step) return std::unexpected(step.error());
  if (step->outcome.kind == OutcomeKind::NxDomain) {
    return fail(ErrorCode::NotFound, zone.text() + " does not exist (NXDOMAIN from zone " + step->zone.text() + ")");
  }
  return ParentServers{.parent_zone = step->zone, .servers = std::move(step->servers)};
}

Result<ParentServers> Iterator::find_zone_of(const DomainName& name, DomainName& zone) {
  auto step = descend(Question{.name = name, .type = RecordType::SOA}, false);
  if (!step) return std::unexpected(step.error());
  zone = step->zone;
  if (zone.is_root()) return fail(ErrorCode::Invalid, name.text() + " is in the root zone, which has no parent");
  return ParentServers{.parent_zone = step->parent_zone, .servers = std::move(step->parent_servers)};
}

Result<std::vector<ServerAddress>> Iterator::resolve(const DomainName& host) {
  if (auto cached = cache_.find(host); cached != cache_.end()) return cached->second;
  if (depth_ >= kMaxDepth) return fail(ErrorCode::Protocol, "resolution of " + host.text() + " nests too deep");
  ++depth_;
  std::vector<ServerAddress> out;
  std::optional<Error> last;
  for (RecordType type : {RecordType::A, RecordType::AAAA}) {
    auto step = descend(Question{.name = host, .type = type}, false);
    if (!step) {
      last = step.error();
      continue;
    }
    std::optional<DomainName> alias;
    for (const auto& rr : step->outcome.reply.answer) {
      if (rr.type == type) {
        if (auto a = parse_server_address(rr.rdata)) out.push_back(*a);
      } else if (rr.type == RecordType::CNAME) {
        if (auto target = DomainName::parse(rr.rdata)) alias = *target;
      }
    }
    if (out.empty() && alias && type == RecordType::A) {
      auto followed = resolve(*alias);
      if (followed) out = *followed;
    }
  }
  --depth_;
  if (out.empty()) {
    return fail(last ? last->code : ErrorCode::NotFound, "no address for " + host.text() + (last ? ": " + last->message : ""));
  }
  cache_[host] = out;
  return out;
}

std::vector<NameServer> Iterator::servers_for(const std::vector<DomainName>& names, const std::vector<Record>& glue,
                                              std::vector<DomainName>* unresolved) {
  std::vector<NameServer> out;
  for (const auto& name : names) {
    bool found = false;
    for (const auto& rr : glue) {
      if (rr.name != name || (rr.type != RecordType::A && rr.type != RecordType::AAAA)) continue;
      auto a = parse_server_address(rr.rdata);
      if (!a) continue;
      found = true;
      // Glue repeated by several parent servers is one server, not several.
      bool seen = std::ranges::any_of(out, [&](const NameServer& s) { return s.name == name && s.address == *a; });
      if (!seen) out.push_back(NameServer{.name = name, .address = *a});
    }
    if (found) continue;
    auto addresses = resolve(name);
    if (!addresses) {
      if (unresolved) unresolved->push_back(name);
      continue;
    }
    for (const auto& a : *addresses) out.push_back(NameServer{.name = name, .address = a});
  }
  return out;
}

}  // namespace cutover::dns
