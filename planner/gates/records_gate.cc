// RecordsAsPlanned: every name a `records` step changed, asked of every
// authoritative server of its zone in one batch of queries. A server counts
// as agreeing only when every name it was asked about answers as planned;
// one that did not answer leaves the gate undecided, never holding.
#include "planner/gates/records_gate.h"

#include <algorithm>

#include "planner/gates/live_gate_checker.h"

namespace cutover::planner {
namespace live {

bool answers_as_planned(const dns::Outcome& outcome, const ExpectedRecord& expected) {
  if (!outcome.reply.authoritative) return false;
  if (expected.absent) return outcome.kind == dns::OutcomeKind::NxDomain || outcome.kind == dns::OutcomeKind::NoData;
  if (outcome.kind != dns::OutcomeKind::Answer) return false;
  dns::Question question{.name = expected.name, .type = expected.type};
  auto values = answer_values(outcome, question);
  if (expected.alias) return !values.empty();
  std::vector<std::string> want;
  for (const auto& v : expected.values) want.push_back(comparable_value(v));
  for (auto& v : values) v = comparable_value(v);
  std::ranges::sort(want);
  std::ranges::sort(values);
  return values == want && answer_ttl(outcome, question) == expected.ttl;
}

std::string expected_text(const ExpectedRecord& expected) {
  std::string head = expected.name.text() + " " + std::string(dns::to_string(expected.type));
  if (expected.absent) return head + " absent (NXDOMAIN or NODATA)";
  if (expected.alias) return head + " <alias: any answer of this type>";
  std::string values;
  for (const auto& v : expected.values) values += " " + v;
  return head + values + " (TTL " + std::to_string(expected.ttl) + ")";
}

}  // namespace live

Result<GateResult> LiveGateChecker::records_as_planned(const Gate& gate) {
  if (gate.zones.size() != 1) return fail(ErrorCode::Invalid, "gate '" + gate.description + "' needs exactly one zone");
  if (gate.records.empty()) return GateResult{.holds = true, .evidence = {"no record set changes: nothing to verify"}};
  auto servers = servers_of(gate.zones.front());
  if (!servers) return std::unexpected(servers.error());
  std::vector<dns::ProbeRequest> requests;
  for (const auto& server : *servers) {
    for (const auto& expected : gate.records)
      requests.push_back({.server = server, .question = {.name = expected.name, .type = expected.type}});
  }
  auto outcomes = ask(requests);
  if (!outcomes) return std::unexpected(outcomes.error());
  live::Tally tally;
  tally.note(std::to_string(gate.records.size()) + " record sets asked of each of " + std::to_string(servers->size()) + " servers of '" +
             gate.zones.front() + "'");
  std::size_t shown = 0;
  for (std::size_t s = 0; s < servers->size(); ++s) {
    std::size_t agree = 0;
    std::size_t silent = 0;
    std::vector<std::string> wrong;
    for (std::size_t r = 0; r < gate.records.size(); ++r) {
      const auto& request = requests[s * gate.records.size() + r];
      const auto& o = (*outcomes)[s * gate.records.size() + r];
      auto seen = live::judge(o, live::answers_as_planned(o, gate.records[r]));
      if (seen == live::Seen::Agrees) {
        ++agree;
        continue;
      }
      if (seen == live::Seen::Silent) ++silent;
      if (shown++ < live::kMaxEvidenceLines) {
        wrong.push_back("  " + live::answer_line(dns::to_string(request.server), request.question, o, true) +
                        "; planned: " + live::expected_text(gate.records[r]));
      }
    }
    auto server = dns::to_string((*servers)[s]);
    auto line = server + ": " + std::to_string(agree) + "/" + std::to_string(gate.records.size()) + " as planned";
    auto seen = agree == gate.records.size()                          ? live::Seen::Agrees
                : silent > 0 && agree + silent == gate.records.size() ? live::Seen::Silent
                                                                      : live::Seen::Differs;
    tally.add(seen, line);
    for (auto& w : wrong) tally.note(std::move(w));
  }
  if (shown > live::kMaxEvidenceLines) tally.note("... and " + std::to_string(shown - live::kMaxEvidenceLines) + " more");
  return tally.result();
}

}  // namespace cutover::planner
