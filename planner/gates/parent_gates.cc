// Gates answered by a parent's servers: the delegation each one hands out,
// the referral to a child zone, a DS record. The parent of the plan's domain
// is plan.verification.parent_servers or found from the root hints; the
// parent of a sub-delegated child is a zone of the plan (its own servers).
#include "planner/gates/live_gate_checker.h"

#include <algorithm>

#include "dns/dnssec.h"
#include "dns/zone_file.h"
#include "planner/providers/name_sets.h"

namespace cutover::planner {
namespace {

std::string server_text(const dns::NameServer& server) {
  std::string out = dns::to_string(server.address);
  return server.name ? out + " (" + server.name->text() + ")" : out;
}

std::string join(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

// "keys 2532 61496" or "no DNSKEY".
std::string key_tags(const dns::DomainName& name, const std::vector<std::string>& keys) {
  if (keys.empty()) return "no DNSKEY";
  std::string out = "keys";
  for (const auto& k : keys) {
    auto tag = dns::dnskey_tag(name, k);
    out += " " + (tag ? std::to_string(*tag) : std::string("(unparsable)"));
  }
  return out;
}

bool matches_any(const dns::DomainName& name, const std::vector<std::string>& ds, const std::vector<std::string>& keys) {
  return std::ranges::any_of(ds, [&](const std::string& d) {
    auto m = dns::match_ds(name, d, keys);
    return m && m->kind == dns::DsMatchKind::Matches;
  });
}

// "DS 2532 matches" / "DS 12104: no-key-with-tag", one per DS.
std::string match_text(const dns::DomainName& name, const std::vector<std::string>& ds, const std::vector<std::string>& keys) {
  std::vector<std::string> parts;
  for (const auto& d : ds) {
    auto m = dns::match_ds(name, d, keys);
    parts.push_back(m ? "DS " + std::to_string(m->key_tag) + ": " + std::string(dns::to_string(m->kind)) : m.error().message);
  }
  return join(parts);
}

std::vector<dns::ProbeRequest> ask_each(const std::vector<dns::NameServer>& servers, const dns::Question& question) {
  std::vector<dns::ProbeRequest> out;
  for (const auto& s : servers) out.push_back({.server = s.address, .question = question});
  return out;
}

}  // namespace

Result<LiveGateChecker::ParentLookup> LiveGateChecker::parent_servers(const dns::DomainName& zone) {
  ParentLookup out;
  const auto& v = plan_.verification;
  if (!v.parent_servers.empty()) {
    for (const auto& text : v.parent_servers) {
      auto address = dns::parse_server_address(text);
      if (!address) return fail(ErrorCode::Invalid, "parent server: " + address.error().message);
      out.servers.push_back({.address = *address});
    }
    return out;
  }
  if (!v.root_hints) return fail(ErrorCode::Invalid, "no parent servers and no root hints in the plan's verification section");
  auto roots = dns::read_root_hints(*v.root_hints);
  if (!roots) return fail(ErrorCode::Invalid, "root hints: " + roots.error().message);
  dns::Iterator iterator(*roots, probe_);
  auto found = iterator.find_parent(zone);
  if (!found) {
    // No answer on the way down is undecided; a name that does not exist or a broken referral is a failure.
    bool silent = found.error().code == dns::ErrorCode::Timeout || found.error().code == dns::ErrorCode::Network;
    out.failed = GateResult{.holds = false,
                            .undecided = silent,
                            .evidence = {"cannot find the parent servers of " + zone.text() + ": " + found.error().message}};
    return out;
  }
  out.servers = std::move(found->servers);
  return out;
}

Result<GateResult> LiveGateChecker::parent_delegates_to(const Gate& gate, const RunFacts& run) {
  dns::DomainName name = gate.name.value_or(plan_.domain);
  std::optional<std::vector<dns::DomainName>> expected;
  std::string source;
  const std::string baseline = baseline_key("delegation " + name.text());
  if (auto fact = run.baselines.find(baseline); gate.expected.empty() && fact != run.baselines.end()) {
    auto names = live::parse_names(fact->second);
    if (!names) return fail(ErrorCode::Invalid, "run fact " + baseline + ": " + names.error().message);
    expected = *names;
    source = "the set first seen by this run, kept in the journal";
  } else if (!gate.expected.empty()) {
    auto provider = zone(gate.expected);
    if (!provider) return std::unexpected(provider.error());
    auto names = (*provider)->nameservers();
    if (!names) return fail(ErrorCode::Provider, "name servers of zone '" + gate.expected + "': " + names.error().message);
    expected = *names;
    source = "name servers of '" + gate.expected + "'";
  } else if (auto it = first_seen_.find(name); it != first_seen_.end()) {
    expected = it->second;
    source = "the set first seen by this run";
  }
  auto parents = parent_servers(name);
  if (!parents) return std::unexpected(parents.error());
  if (parents->failed) return *parents->failed;
  dns::Question question{.name = name, .type = dns::RecordType::NS};
  auto requests = ask_each(parents->servers, question);
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  std::optional<std::vector<dns::DomainName>> learned;
  if (!expected) {
    // First look at an "unchanged" gate: the first server that hands out a set fixes the baseline.
    for (const auto& o : *outcomes) {
      auto seen = live::ns_set(o, name);
      if (seen.empty()) continue;
      first_seen_[name] = seen;
      expected = seen;
      learned = seen;
      source = "the set first seen by this run (remembered from now on)";
      break;
    }
  }
  live::Tally tally;
  tally.note("expected (" + source + "): " + (expected ? live::names_text(*expected) : "nothing seen yet"));
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& o = (*outcomes)[i];
    bool agrees = expected && same_names(live::ns_set(o, name), *expected);
    tally.add(live::judge(o, agrees), live::answer_line(server_text(parents->servers[i]), question, o));
  }
  auto result = tally.result();
  if (learned) result.learned[baseline] = live::names_text(*learned);
  return result;
}

Result<GateResult> LiveGateChecker::referral_to_child(const Gate& gate) {
  if (gate.zones.size() != 2 || !gate.name)
    return fail(ErrorCode::Invalid, "a referral gate needs zones {parent, child} and the child's name");
  auto child = zone(gate.zones[1]);
  if (!child) return std::unexpected(child.error());
  auto expected = (*child)->nameservers();
  if (!expected) return fail(ErrorCode::Provider, "name servers of zone '" + gate.zones[1] + "': " + expected.error().message);
  auto servers = servers_of(gate.zones[0]);
  if (!servers) return std::unexpected(servers.error());
  // A name below the child, as a resolver would ask: the parent must not answer it itself.
  auto below = gate.name->prepend("x");
  if (!below) return fail(ErrorCode::Invalid, "cannot ask below " + gate.name->text());
  dns::Question question{.name = *below, .type = dns::RecordType::A};
  std::vector<dns::ProbeRequest> requests;
  for (const auto& s : *servers) requests.push_back({.server = s, .question = question});
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  live::Tally tally;
  tally.note("expected: referral to " + gate.name->text() + " (name servers of '" + gate.zones[1] + "'): " + live::names_text(*expected));
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& o = (*outcomes)[i];
    bool agrees = o.kind == dns::OutcomeKind::Referral && same_names(live::ns_set(o, *gate.name), *expected);
    tally.add(live::judge(o, agrees), live::answer_line(dns::to_string(requests[i].server), question, o, true));
  }
  return tally.result();
}

Result<GateResult> LiveGateChecker::no_ds_at_parent(const Gate& gate) {
  dns::DomainName name = gate.name.value_or(plan_.domain);
  bool allowed = gate.expected == "allowed";
  auto parents = parent_servers(name);
  if (!parents) return std::unexpected(parents.error());
  if (parents->failed) {
    if (allowed) {  // the plan handles DNSSEC: nothing to wait for
      parents->failed->holds = true;
      parents->failed->undecided = false;
    }
    return *parents->failed;
  }
  dns::Question question{.name = name, .type = dns::RecordType::DS};
  auto requests = ask_each(parents->servers, question);
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  live::Tally tally;
  bool ds_seen = false;
  std::vector<std::string> ds_values;
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const auto& o = (*outcomes)[i];
    bool has_ds = o.kind == dns::OutcomeKind::Answer && !live::answer_values(o, question).empty();
    ds_seen = ds_seen || has_ds;
    for (const auto& rr : o.reply.answer) {
      bool new_ds =
          has_ds && rr.type == dns::RecordType::DS && rr.name == name && std::ranges::find(ds_values, rr.rdata) == ds_values.end();
      if (new_ds) ds_values.push_back(rr.rdata);
    }
    // Only an authoritative "no such record" proves absence; a referral does not.
    bool absent = (o.kind == dns::OutcomeKind::NoData || o.kind == dns::OutcomeKind::NxDomain) && o.reply.authoritative;
    tally.add(live::judge(o, absent), live::answer_line(server_text(parents->servers[i]), question, o, true));
  }
  if (allowed && ds_seen) {
    // A DS is fine only while the servers that take over serve a key it names:
    // otherwise validating resolvers answer SERVFAIL for the whole zone.
    auto keys = keys_match_ds(gate, name, ds_values);
    if (!keys) return std::unexpected(keys.error());
    auto parent_lines = tally.result().evidence;
    keys->evidence.insert(keys->evidence.begin(),
                          "a DS was seen at the parent; allowed (the plan handles DNSSEC) only with a matching DNSKEY");
    keys->evidence.insert(keys->evidence.end(), parent_lines.begin(), parent_lines.end());
    return *keys;
  }
  auto out = tally.result();
  if (allowed) {
    out.holds = true;
    out.undecided = false;
    out.evidence.insert(out.evidence.begin(), "no DS seen at the parent (a DS would be allowed: the plan handles DNSSEC)");
  }
  return out;
}

Result<GateResult> LiveGateChecker::keys_match_ds(const Gate& gate, const dns::DomainName& name, const std::vector<std::string>& ds) {
  if (gate.zones.empty()) {
    return GateResult{
        .holds = false, .undecided = true, .evidence = {"no zone named whose servers must serve a DNSKEY matching the DS: cannot decide"}};
  }
  dns::Question question{.name = name, .type = dns::RecordType::DNSKEY};
  live::Tally tally;
  tally.note("DS at the parent: " + join(ds));
  for (const auto& key : gate.zones) {
    auto servers = servers_of(key);
    if (!servers) return std::unexpected(servers.error());
    std::vector<dns::ProbeRequest> requests;
    for (const auto& s : *servers) requests.push_back({.server = s, .question = question});
    auto outcomes = ask(requests);
    if (!outcomes) return std::unexpected(outcomes.error());
    for (std::size_t i = 0; i < requests.size(); ++i) {
      const auto& o = (*outcomes)[i];
      std::string server = dns::to_string(requests[i].server) + " ('" + key + "')";
      if (!dns::responded(o.kind)) {
        tally.add(live::Seen::Silent, live::answer_line(server, question, o));
        continue;
      }
      // Keys as served: answer_values() lower-cases, which would change their base64.
      std::vector<std::string> keys;
      for (const auto& rr : o.reply.answer) {
        if (rr.type == dns::RecordType::DNSKEY && rr.name == name) keys.push_back(rr.rdata);
      }
      tally.add(
          matches_any(name, ds, keys) ? live::Seen::Agrees : live::Seen::Differs,
          server + ": " + name.text() + " DNSKEY -> " + key_tags(name, keys) + (keys.empty() ? "" : ", " + match_text(name, ds, keys)));
    }
  }
  return tally.result();
}

}  // namespace cutover::planner
