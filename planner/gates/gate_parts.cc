#include "planner/gates/gate_parts.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <sstream>

#include "dns/iterative.h"
#include "dns/record_type.h"
#include "dns/server_address.h"
#include "dns/zone_file.h"
#include "planner/providers/record_ops.h"

namespace cutover::planner::live {
namespace {

bool excluded(const dns::DomainName& name, const std::vector<dns::DomainName>& below) {
  return std::ranges::any_of(below, [&](const dns::DomainName& b) { return name.is_subdomain_of(b); });
}

// An alias or routing-policy set at or below the gate's top and not excluded:
// what routed_set_differences() and routed_questions() look at.
bool routed_in_scope(const Rrset& rrset, const dns::DomainName& top, const Gate& gate) {
  return (rrset.alias || rrset.routing) && rrset.name.is_subdomain_of(top) && !excluded(rrset.name, gate.exclude_below);
}

std::string question_text(const dns::Question& q) { return q.name.text() + " " + std::string(dns::to_string(q.type)); }

std::string joined(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : " ") + v;
  return out.empty() ? "(none)" : out;
}

// RRsetView records read "owner type rdata"; evidence shows the rdata only.
std::string view_text(const dns::RRsetView& view) {
  if (view.kind != dns::OutcomeKind::Answer && view.kind != dns::OutcomeKind::Referral) {
    std::string out(dns::to_string(view.kind));
    return view.detail.empty() ? out : out + " (" + view.detail + ")";
  }
  std::vector<std::string> values;
  for (const auto& record : view.records) {
    auto first = record.find(' ');
    auto second = first == std::string::npos ? first : record.find(' ', first + 1);
    values.push_back(second == std::string::npos ? record : record.substr(second + 1));
  }
  std::string prefix = view.kind == dns::OutcomeKind::Referral ? "referral: " : "";
  return prefix + joined(values) + " (TTL " + std::to_string(view.ttl) + (view.authoritative ? ", AA)" : ")");
}

std::string side(bool is_new) { return is_new ? " (new)" : " (old)"; }

}  // namespace

std::vector<dns::Question> parity_questions(const std::vector<Rrset>& listing, const dns::DomainName& apex, const Gate& gate) {
  dns::ZoneFile zone{.origin = gate.name.value_or(apex)};
  for (const auto& rrset : listing) {
    if (!rrset.name.is_subdomain_of(zone.origin) || excluded(rrset.name, gate.exclude_below)) continue;
    if (rrset.alias || rrset.routing) continue;  // compared through the providers: routed_set_differences
    // Values do not matter here: dns::parity_questions only looks at names and types.
    zone.records.push_back(dns::Record{.name = rrset.name, .type = rrset.type, .ttl = rrset.ttl});
  }
  return dns::parity_questions(zone);
}

namespace {

std::string check_text(const std::string& id, const CheckTree& tree) {
  if (id.empty()) return "none";
  auto it = tree.find(id);
  if (it == tree.end() || !it->second) return id;
  return id + " (" + summary(*it->second) + ")";
}

std::string values_text(const Rrset& set) {
  if (set.alias)
    return "alias to " + set.alias->name.text() + (set.alias->same_zone ? " (same zone)" : " (" + set.alias->hosted_zone_id + ")");
  std::vector<std::string> values = set.values;
  std::ranges::sort(values);
  return joined(values);
}

std::string routing_text(const std::optional<Routing>& routing) {
  if (!routing) return "simple";
  const Routing& r = *routing;
  std::string out = "set '" + r.set_identifier + "' ";
  if (r.weight) return out + "weight " + std::to_string(*r.weight);
  if (!r.region.empty()) return out + "latency " + r.region;
  if (r.failover) return out + "failover " + std::string(to_string(*r.failover));
  if (r.geolocation)
    return out + "geolocation " + r.geolocation->continent + "/" + r.geolocation->country + "/" + r.geolocation->subdivision;
  if (r.cidr) return out + "cidr " + r.cidr->collection_id + "/" + r.cidr->location_name;
  if (r.geoproximity) return out + "geoproximity";
  return out + (r.multivalue ? "multivalue" : "routing");
}

}  // namespace

std::string content_difference(const Rrset& old_set, const Rrset& new_set, const CheckTrees& checks) {
  Rrset held = new_set;
  const std::string& a = old_set.health_check_id;
  const std::string& b = new_set.health_check_id;
  bool same_check_ids = a == b || (!a.empty() && !b.empty() && same_check(a, checks.old_checks, b, checks.new_checks));
  if (same_check_ids) held.health_check_id = a;
  if (same_content(old_set, held)) return "";
  std::vector<std::string> parts;
  if (old_set.ttl != new_set.ttl) parts.push_back("TTL " + std::to_string(old_set.ttl) + " -> " + std::to_string(new_set.ttl));
  if (old_set.alias != new_set.alias || old_set.values != new_set.values) {
    std::string before = values_text(old_set);
    std::string after = values_text(new_set);
    parts.push_back(before == after ? "values differ in letter case or order" : before + " -> " + after);
  }
  if (old_set.routing != new_set.routing) {
    std::string before = routing_text(old_set.routing);
    std::string after = routing_text(new_set.routing);
    parts.push_back("routing " + (before == after ? "differs (" + before + ")" : before + " -> " + after));
  }
  if (!same_check_ids) parts.push_back("health check " + check_text(a, checks.old_checks) + " -> " + check_text(b, checks.new_checks));
  if (old_set.traffic_policy_instance_id != new_set.traffic_policy_instance_id) parts.push_back("traffic policy instance differs");
  std::string out;
  for (const auto& part : parts) out += (out.empty() ? "" : "; ") + part;
  return out.empty() ? "held differently" : out;
}

RoutedComparison routed_set_differences(const std::vector<Rrset>& old_listing, const std::vector<Rrset>& new_listing,
                                        const dns::DomainName& apex, const Gate& gate, const CheckTrees& checks) {
  RoutedComparison out;
  const dns::DomainName& top = gate.name.value_or(apex);
  auto in_scope = [&](const Rrset& rrset) { return routed_in_scope(rrset, top, gate); };
  for (const auto& rrset : old_listing) {
    if (!in_scope(rrset)) continue;
    ++out.compared;
    auto held = find_rrset(new_listing, key_of(rrset));
    if (!held) {
      out.differences.push_back(describe(key_of(rrset)) + ": missing from the new zone");
    } else if (auto difference = content_difference(rrset, *held, checks); !difference.empty()) {
      out.differences.push_back(describe(key_of(rrset)) + ": the new zone holds it differently: " + difference);
    }
  }
  // A routed set only the new zone holds changes answers after the switch as surely as a missing one.
  for (const auto& rrset : new_listing) {
    if (!in_scope(rrset) || find_rrset(old_listing, key_of(rrset))) continue;
    ++out.compared;
    out.differences.push_back(describe(key_of(rrset)) + ": only in the new zone");
  }
  return out;
}

std::vector<dns::Question> routed_questions(const std::vector<Rrset>& old_listing, const std::vector<Rrset>& new_listing,
                                            const dns::DomainName& apex, const Gate& gate) {
  const dns::DomainName& top = gate.name.value_or(apex);
  std::vector<dns::Question> out;
  for (const auto* listing : {&old_listing, &new_listing}) {
    for (const auto& r : *listing) {
      dns::Question q{.name = r.name, .type = r.type};
      if (routed_in_scope(r, top, gate) && std::ranges::find(out, q) == out.end()) out.push_back(q);
    }
  }
  return out;
}

std::vector<dns::DomainName> ns_set(const dns::Outcome& outcome, const dns::DomainName& owner) {
  if (outcome.kind == dns::OutcomeKind::Answer) return dns::ns_names(outcome.reply.answer, owner);
  if (outcome.kind == dns::OutcomeKind::Referral) return dns::ns_names(outcome.reply.authority, owner);
  return {};
}

std::string names_text(std::vector<dns::DomainName> names) {
  std::ranges::sort(names);
  std::vector<std::string> texts;
  for (const auto& n : names) texts.push_back(n.text());
  return joined(texts);
}

Result<std::vector<dns::DomainName>> parse_names(std::string_view text) {
  std::vector<dns::DomainName> out;
  std::istringstream words{std::string(text)};
  for (std::string word; words >> word;) {
    if (word == "(none)") continue;
    auto parsed = dns::DomainName::parse(word);
    if (!parsed) return fail(ErrorCode::Invalid, "'" + word + "' is not a domain name: " + parsed.error().message);
    out.push_back(*parsed);
  }
  std::ranges::sort(out);
  return out;
}

std::vector<std::string> answer_values(const dns::Outcome& outcome, const dns::Question& question) {
  std::vector<std::string> out;
  if (outcome.kind != dns::OutcomeKind::Answer) return out;
  for (const auto& rr : outcome.reply.answer) {
    if (rr.name == question.name && rr.type == question.type) out.push_back(rr.rdata);
  }
  if (out.empty()) {
    for (const auto& rr : outcome.reply.answer) out.push_back(rr.rdata);
  }
  for (auto& v : out) std::ranges::transform(v, v.begin(), [](unsigned char c) { return std::tolower(c); });
  std::ranges::sort(out);
  return out;
}

std::optional<std::uint32_t> referral_ttl(const dns::Outcome& outcome, const dns::DomainName& owner) {
  std::optional<std::uint32_t> ttl;
  for (const auto& rr : outcome.reply.authority) {
    if (rr.type == dns::RecordType::NS && rr.name == owner) ttl = std::max(ttl.value_or(0), rr.ttl);
  }
  return ttl;
}

std::uint32_t answer_ttl(const dns::Outcome& outcome, const dns::Question& question) {
  std::uint32_t ttl = 0;
  bool matched = false;
  if (outcome.kind != dns::OutcomeKind::Answer) return 0;
  for (const auto& rr : outcome.reply.answer) {
    if (rr.name == question.name && rr.type == question.type) {
      ttl = std::max(ttl, rr.ttl);
      matched = true;
    }
  }
  if (!matched) {
    for (const auto& rr : outcome.reply.answer) ttl = std::max(ttl, rr.ttl);
  }
  return ttl;
}

std::string comparable_value(std::string value) {
  std::ranges::transform(value, value.begin(), [](unsigned char c) { return std::tolower(c); });
  if (value.size() > 1 && value.back() == '.') value.pop_back();
  return value;
}

std::string answer_line(const std::string& server, const dns::Question& question, const dns::Outcome& outcome, bool show_aa) {
  std::string head = server + ": " + question_text(question) + " -> ";
  const auto& reply = outcome.reply;
  if (outcome.kind == dns::OutcomeKind::Answer) {
    std::string aa = show_aa ? (reply.authoritative ? ", AA" : ", no AA") : "";
    return head + joined(answer_values(outcome, question)) + " (TTL " + std::to_string(answer_ttl(outcome, question)) + aa + ")";
  }
  if (outcome.kind == dns::OutcomeKind::Referral) {
    std::optional<dns::DomainName> owner;
    std::uint32_t ttl = 0;
    for (const auto& rr : reply.authority) {
      if (rr.type != dns::RecordType::NS) continue;
      owner = rr.name;
      ttl = rr.ttl;
    }
    if (!owner) return head + "referral";
    return head + "referral to " + owner->text() + ": " + names_text(ns_set(outcome, *owner)) + " (TTL " + std::to_string(ttl) + ")";
  }
  std::string out = head + std::string(dns::to_string(outcome.kind));
  if (outcome.kind == dns::OutcomeKind::NoData && show_aa) out += reply.authoritative ? " (AA)" : " (no AA)";
  return outcome.detail.empty() ? out : out + " (" + outcome.detail + ")";
}

std::string difference_line(const dns::ParityDifference& d) {
  return dns::to_string(d.server) + side(d.server_is_new) + ": " + question_text(d.question) + " -> " + view_text(d.actual) + ", but " +
         dns::to_string(d.reference_server) + " (old) -> " + view_text(d.expected);
}

std::string unanswered_line(const dns::ParityUnanswered& u) {
  std::string out =
      dns::to_string(u.server) + side(u.server_is_new) + ": " + question_text(u.question) + " -> " + std::string(dns::to_string(u.kind));
  return u.detail.empty() ? out : out + " (" + u.detail + ")";
}

void Tally::add(Seen seen, std::string line) {
  if (seen == Seen::Agrees) ++agree_;
  if (seen == Seen::Differs) ++differ_;
  if (seen == Seen::Silent) ++silent_;
  lines_.push_back(std::move(line));
}

void Tally::note(std::string line) { lines_.push_back(std::move(line)); }

GateResult Tally::result() const {
  int total = agree_ + differ_ + silent_;
  GateResult out{
      .holds = total > 0 && agree_ == total, .undecided = differ_ == 0 && (silent_ > 0 || total == 0), .agreeing = agree_, .asked = total};
  std::string head = total == 0 ? "no server to ask" : std::to_string(agree_) + "/" + std::to_string(total) + " agree";
  if (differ_ > 0) head += ", " + std::to_string(differ_) + " differ";
  if (silent_ > 0) head += ", " + std::to_string(silent_) + " did not answer";
  out.evidence.push_back(std::move(head));
  out.evidence.insert(out.evidence.end(), lines_.begin(), lines_.end());
  return out;
}

Seen judge(const dns::Outcome& outcome, bool agrees) {
  if (!dns::responded(outcome.kind)) return Seen::Silent;
  return agrees ? Seen::Agrees : Seen::Differs;
}

dns::ProbeOptions probe_options(const Verification& verification) {
  return dns::ProbeOptions{.timeout = verification.timeout, .backoff = 1.0, .attempts = verification.attempts};
}

}  // namespace cutover::planner::live
