// The judgement of the propagation check: which rows match, the verdict,
// the ETA and the window. No I/O, so tests feed rows directly.

#include <algorithm>

#include "dns/propagation.h"

namespace cutover::dns {
namespace {

bool judged(const PropagationRow& row, RecordType type) { return row.role != Role::Parent || type == RecordType::NS; }

void default_expectation(PropagationReport& report) {
  if (!report.expected.empty()) return;
  Role source = report.type == RecordType::NS ? Role::Parent : Role::Authoritative;
  for (const auto& row : report.rows) {
    if (row.role == source && responded(row.outcome) && !row.values.empty()) {
      report.expected = row.values;
      return;
    }
  }
}

}  // namespace

void judge_propagation(PropagationReport& report) {
  default_expectation(report);
  bool differs = false;
  bool silent = false;
  bool upstream_differs = false;
  std::size_t upstream_answered = 0;
  std::uint32_t window = 0;
  std::uint32_t eta = 0;
  for (auto& row : report.rows) {
    bool answered = responded(row.outcome);
    row.matches = answered && !report.expected.empty() && row.values == report.expected;
    if (row.role == Role::Parent && report.type != RecordType::NS) row.matches = answered && !row.values.empty();
    if (!answered) {
      report.problems.push_back({.code = ProblemCode::NoResponse,
                                 .severity = Severity::Warning,
                                 .server = to_string(row.server.address),
                                 .message = std::string(to_string(row.role)) + " server " + to_string(row.server.address) +
                                            " did not answer (" + row.detail + ")"});
    }
    if (!answered) {
      // Even where its answer is not judged (a parent, for other types than
      // NS), a silent server hides the servers it would have named.
      silent = true;
      continue;
    }
    if (!judged(row, report.type)) continue;
    differs |= !row.matches;
    if (row.role == Role::Resolver) {
      if (!row.matches) eta = std::max(eta, row.ttl);
      continue;
    }
    upstream_answered += 1;
    upstream_differs |= !row.matches;
    window = std::max(window, row.ttl);
  }
  report.window = std::chrono::seconds(window);
  if (upstream_answered > 0 && !upstream_differs) report.eta = std::chrono::seconds(eta);
  if (differs) {
    report.verdict = Verdict::NotConsistent;
  } else if (silent || upstream_answered == 0 || report.expected.empty()) {
    report.verdict = Verdict::Undecided;
  } else {
    report.verdict = Verdict::Consistent;
  }
}

}  // namespace cutover::dns
