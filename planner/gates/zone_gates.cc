// Gates answered by the zones' own authoritative servers (parity, AA, TTL,
// a record's value) and by the plan's recursive resolvers.
#include "planner/gates/live_gate_checker.h"

#include <algorithm>
#include <map>
#include <set>

#include "dns/parity.h"
#include "planner/providers/name_sets.h"

namespace cutover::planner {
namespace {

Result<std::vector<dns::DomainName>> nameservers_of(DnsProvider& provider, const std::string& key) {
  auto names = provider.nameservers();
  if (!names) return fail(ErrorCode::Provider, "name servers of zone '" + key + "': " + names.error().message);
  return names;
}

// How often each server is asked for a name whose answer varies by design:
// enough to meet more than one answer of a weighted pair, few enough to stay
// a handful of queries per name.
constexpr int kRoutedSamples = 6;

}  // namespace

template <class Agrees>
Result<GateResult> LiveGateChecker::ask_zones(const std::vector<std::string>& zones, const dns::Question& question, Agrees agrees) {
  std::vector<dns::ProbeRequest> requests;
  for (const auto& key : zones) {
    auto servers = servers_of(key);
    if (!servers) return std::unexpected(servers.error());
    for (const auto& s : *servers) requests.push_back({.server = s, .question = question});
  }
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  live::Tally tally;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& o = (*outcomes)[i];
    tally.add(live::judge(o, agrees(o)), live::answer_line(dns::to_string(requests[i].server), question, o, true));
  }
  return tally.result();
}

Result<live::CheckTrees> LiveGateChecker::check_trees(const Gate& gate, const std::vector<std::vector<Rrset>>& listings) {
  live::CheckTrees out;
  for (std::size_t i = 0; i < 2; ++i) {
    auto provider = zone(gate.zones[i]);
    if (!provider) return std::unexpected(provider.error());
    auto ids = referenced_checks(listings[i]);
    HealthChecks* checks = (*provider)->health_checks();
    if (ids.empty() || !checks) continue;
    auto tree = read_check_tree(ids, *checks);
    if (!tree) return fail(ErrorCode::Provider, "reading the health checks of zone '" + gate.zones[i] + "': " + tree.error().message);
    (i == 0 ? out.old_checks : out.new_checks) = std::move(*tree);
  }
  return out;
}

Result<GateResult> LiveGateChecker::zone_parity(const Gate& gate) {
  if (gate.zones.size() != 2) return fail(ErrorCode::Invalid, "a parity gate needs two zones, old then new");
  // Both zones' full listings: a record set only the new zone holds, or one
  // the old zone's listing leaves out, is asked as well.
  std::vector<std::vector<Rrset>> listings;
  const dns::DomainName* apex = nullptr;
  for (const auto& key : gate.zones) {
    auto provider = zone(key);
    if (!provider) return std::unexpected(provider.error());
    auto listing = (*provider)->list();
    if (!listing) return fail(ErrorCode::Provider, "listing zone '" + key + "': " + listing.error().message);
    listings.push_back(std::move(*listing));
    if (apex == nullptr) apex = &(*provider)->zone_name();
  }
  auto old_servers = servers_of(gate.zones[0]);
  if (!old_servers) return std::unexpected(old_servers.error());
  auto new_servers = servers_of(gate.zones[1]);
  if (!new_servers) return std::unexpected(new_servers.error());

  // Aliases and routing-policy sets answer differently by design: their
  // configurations are compared through the providers, set by set, and their
  // answers sampled (routed_answers).
  std::vector<std::string> routed_evidence;
  auto checks = check_trees(gate, listings);
  if (!checks) return std::unexpected(checks.error());
  auto routed = live::routed_set_differences(listings[0], listings[1], *apex, gate, *checks);
  if (routed.compared > 0) {
    routed_evidence.push_back(std::to_string(routed.compared) + " alias and routing-policy sets compared through the providers, " +
                              std::to_string(routed.differences.size()) + " differ");
    routed_evidence.insert(routed_evidence.end(), routed.differences.begin(), routed.differences.end());
    if (!routed.differences.empty()) return GateResult{.holds = false, .evidence = routed_evidence};
  }
  if (old_servers->empty() || new_servers->empty()) {
    return GateResult{.holds = false, .undecided = true, .evidence = {"a zone has no server to ask"}};
  }
  std::vector<Rrset> both = listings[0];
  both.insert(both.end(), listings[1].begin(), listings[1].end());
  auto questions = live::parity_questions(both, *apex, gate);
  GateResult out{.holds = true, .evidence = {"nothing to compare by DNS: neither zone lists a plain record in scope"}};
  if (!questions.empty()) {
    // A longer TTL in the new zone would keep answers in caches longer than the
    // plan's waits assume, after the switch and after a rollback.
    auto report = dns::check_parity({.old_servers = *old_servers,
                                     .new_servers = *new_servers,
                                     .questions = questions,
                                     .ttl = dns::TtlRule::NotLonger,
                                     .probe = probe_});
    if (!report) return fail(ErrorCode::Io, "parity: " + report.error().message);
    out = GateResult{.holds = report->verdict == dns::Verdict::Consistent, .undecided = report->verdict == dns::Verdict::Undecided};
    out.evidence.push_back(std::to_string(report->questions) + " questions x " + std::to_string(report->servers) + " servers ('" +
                           gate.zones[0] + "' old, '" + gate.zones[1] + "' new): " + std::to_string(report->answered) + "/" +
                           std::to_string(report->queries) + " answered, " + std::to_string(report->differences.size()) + " differ, " +
                           std::to_string(report->unanswered.size()) + " unanswered");
    std::size_t shown = 0;
    for (const auto& d : report->differences) {
      if (shown++ < live::kMaxEvidenceLines) out.evidence.push_back(live::difference_line(d));
    }
    for (const auto& u : report->unanswered) {
      if (shown++ < live::kMaxEvidenceLines) out.evidence.push_back(live::unanswered_line(u));
    }
    if (shown > live::kMaxEvidenceLines) out.evidence.push_back("... and " + std::to_string(shown - live::kMaxEvidenceLines) + " more");
  }
  out.evidence.insert(out.evidence.end(), routed_evidence.begin(), routed_evidence.end());
  auto sampled = routed_answers(live::routed_questions(listings[0], listings[1], *apex, gate), listings[0], *old_servers, *new_servers);
  if (!sampled) return std::unexpected(sampled.error());
  if (sampled->asked > 0) {
    out.evidence.insert(out.evidence.end(), sampled->lines.begin(), sampled->lines.end());
    if (sampled->differ) {
      out.holds = false;
      out.undecided = false;
    } else if (sampled->silent && out.holds) {
      out.holds = false;
      out.undecided = true;
    }
  }
  return out;
}

// Every new server is asked each routed name several times, and so is every
// old one: an answer of the new zone must be one the old zone can give, every
// value of it among the old zone's configured values for the name or among
// what the old servers were seen answering (an alias answers with its
// target's records). A name missing from the new servers, or a value the old
// zone never gives, differs; a query without a reply leaves it undecided.
Result<LiveGateChecker::RoutedSample> LiveGateChecker::routed_answers(const std::vector<dns::Question>& questions,
                                                                      const std::vector<Rrset>& old_listing,
                                                                      const std::vector<dns::ServerAddress>& old_servers,
                                                                      const std::vector<dns::ServerAddress>& new_servers) {
  RoutedSample out;
  if (questions.empty()) return out;
  std::vector<dns::ProbeRequest> requests;
  std::vector<bool> from_new;
  for (const auto& q : questions) {
    for (int i = 0; i < kRoutedSamples; ++i) {
      for (const auto& s : old_servers) requests.push_back({.server = s, .question = q}), from_new.push_back(false);
      for (const auto& s : new_servers) requests.push_back({.server = s, .question = q}), from_new.push_back(true);
    }
  }
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  std::map<dns::Question, std::set<std::string>> possible;
  for (const auto& r : old_listing) {
    dns::Question q{.name = r.name, .type = r.type};
    if (std::ranges::find(questions, q) == questions.end()) continue;
    for (const auto& v : r.values) possible[q].insert(live::comparable_value(v));
  }
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (from_new[i] || (*outcomes)[i].kind != dns::OutcomeKind::Answer) continue;
    for (auto& v : live::answer_values((*outcomes)[i], requests[i].question)) {
      possible[requests[i].question].insert(live::comparable_value(std::move(v)));
    }
  }
  std::size_t differing = 0;
  std::size_t silent = 0;
  std::vector<std::string> details;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    if (!from_new[i]) continue;
    ++out.asked;
    const auto& o = (*outcomes)[i];
    const auto& q = requests[i].question;
    auto values = live::answer_values(o, q);
    bool ok = o.kind == dns::OutcomeKind::Answer && !values.empty() &&
              std::ranges::all_of(values, [&](const std::string& v) { return possible[q].contains(live::comparable_value(v)); });
    auto seen = live::judge(o, ok);
    if (seen == live::Seen::Agrees) continue;
    (seen == live::Seen::Silent ? silent : differing) += 1;
    if (details.size() < live::kMaxEvidenceLines) {
      std::string line = live::answer_line(dns::to_string(requests[i].server) + " (new)", q, o, false);
      details.push_back(seen == live::Seen::Silent ? line : line + ": not an answer the old zone gives");
    }
  }
  out.differ = differing > 0;
  out.silent = silent > 0;
  out.lines.push_back(std::to_string(questions.size()) + " alias and routing-policy names asked " + std::to_string(kRoutedSamples) +
                      " times on every server: " + std::to_string(out.asked - differing - silent) + "/" + std::to_string(out.asked) +
                      " new answers are ones the old zone gives, " + std::to_string(differing) + " are not, " + std::to_string(silent) +
                      " unanswered");
  out.lines.insert(out.lines.end(), details.begin(), details.end());
  return out;
}

Result<LiveGateChecker::GateZone> LiveGateChecker::only_zone(const Gate& gate) {
  if (gate.zones.empty()) return fail(ErrorCode::Invalid, "gate '" + gate.description + "' names 0 zones, needs 1");
  auto provider = zone(gate.zones[0]);
  if (!provider) return std::unexpected(provider.error());
  return GateZone{.key = gate.zones[0], .provider = *provider};
}

Result<GateResult> LiveGateChecker::authoritative(const Gate& gate) {
  auto target = only_zone(gate);
  if (!target) return std::unexpected(target.error());
  auto servers = servers_of(target->key);
  if (!servers) return std::unexpected(servers.error());
  const auto& apex = target->provider->zone_name();
  std::vector<dns::ProbeRequest> requests;
  for (const auto& s : *servers) {
    for (auto type : {dns::RecordType::SOA, dns::RecordType::NS}) {
      requests.push_back({.server = s, .question = {.name = apex, .type = type}});
    }
  }
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  live::Tally tally;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& o = (*outcomes)[i];
    bool agrees = o.kind == dns::OutcomeKind::Answer && o.reply.authoritative;
    tally.add(live::judge(o, agrees), live::answer_line(dns::to_string(requests[i].server), requests[i].question, o, true));
  }
  return tally.result();
}

Result<GateResult> LiveGateChecker::ttl_at_most(const Gate& gate) {
  if (!gate.name || !gate.type || !gate.ttl) return fail(ErrorCode::Invalid, "a TTL gate needs a name, a type and a TTL");
  dns::Question question{.name = *gate.name, .type = *gate.type};
  std::uint32_t limit = *gate.ttl;
  // A missing record proves nothing about what caches hold: it does not count as agreeing.
  // A parent zone answers for a delegation's NS with a referral: its TTL counts then.
  auto result = ask_zones(gate.zones, question, [&](const dns::Outcome& o) {
    if (o.kind == dns::OutcomeKind::Referral && question.type == dns::RecordType::NS) {
      auto ttl = live::referral_ttl(o, question.name);
      return ttl.has_value() && *ttl <= limit;
    }
    return o.kind == dns::OutcomeKind::Answer && live::answer_ttl(o, question) <= limit;
  });
  if (result) result->evidence.insert(result->evidence.begin() + 1, "limit: TTL <= " + std::to_string(limit) + " s");
  return result;
}

Result<GateResult> LiveGateChecker::record_answers(const Gate& gate, const RunFacts& run) {
  if (!gate.name || !gate.type) return fail(ErrorCode::Invalid, "a record gate needs a name and a type");
  dns::Question question{.name = *gate.name, .type = *gate.type};
  std::string value = gate.expected;  // what the servers must answer
  std::string shown = gate.expected;  // how the evidence names it
  if (gate.expected_is_cluster) {
    std::string cluster = run.dated(gate.expected);
    auto endpoint = cluster_endpoint(gate.expected, run);
    if (!endpoint) return std::unexpected(endpoint.error());
    if (!*endpoint) return GateResult{.holds = false, .evidence = {"cluster " + cluster + " not found in any database account"}};
    value = **endpoint;
    shown = value + " (writer endpoint of " + cluster + ")";
  }
  std::string want = live::comparable_value(value);
  auto result = ask_zones(gate.zones, question, [&](const dns::Outcome& o) {
    auto values = live::answer_values(o, question);
    return o.kind == dns::OutcomeKind::Answer && values.size() == 1 && live::comparable_value(values[0]) == want;
  });
  if (result) result->evidence.insert(result->evidence.begin() + 1, "expected: " + shown);
  return result;
}

Result<GateResult> LiveGateChecker::resolvers_agree(const Gate& gate) {
  auto target = only_zone(gate);
  if (!target) return std::unexpected(target.error());
  auto expected = nameservers_of(*target->provider, target->key);
  if (!expected) return std::unexpected(expected.error());
  dns::Question question{.name = gate.name.value_or(plan_.domain), .type = dns::RecordType::NS};
  std::vector<dns::ProbeRequest> requests;
  for (const auto& text : plan_.verification.resolvers) {
    auto address = dns::parse_server_address(text);
    if (!address) return fail(ErrorCode::Invalid, "resolver: " + address.error().message);
    requests.push_back({.server = *address, .question = question, .recursion_desired = true});
  }
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  live::Tally tally;
  tally.note("expected (name servers of '" + target->key + "'): " + live::names_text(*expected));
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& o = (*outcomes)[i];
    bool agrees = o.kind == dns::OutcomeKind::Answer && same_names(live::ns_set(o, question.name), *expected);
    tally.add(live::judge(o, agrees), live::answer_line(dns::to_string(requests[i].server), question, o));
  }
  return tally.result();
}

}  // namespace cutover::planner
