#include "dns/parity_compare.h"

#include <utility>

namespace cutover::dns::detail {
namespace {

bool comparable(OutcomeKind kind) {
  return kind == OutcomeKind::Answer || kind == OutcomeKind::NoData || kind == OutcomeKind::NxDomain || kind == OutcomeKind::Referral;
}

}  // namespace

ParityComparator::ParityComparator(std::span<const ServerAddress> old_servers, std::span<const ServerAddress> new_servers,
                                   const QuestionList& questions, TtlRule ttl, ParityReport& report)
    : old_count_(old_servers.size()), questions_(questions), ttl_(ttl), report_(report), seen_(questions.size(), false) {
  servers_.assign(old_servers.begin(), old_servers.end());
  servers_.insert(servers_.end(), new_servers.begin(), new_servers.end());
}

ParityComparator::Slot& ParityComparator::slot_of(std::size_t question) {
  seen_[question] = true;
  return slots_.try_emplace(question, servers_.size()).first->second;
}

void ParityComparator::add(std::size_t server, std::size_t question, const Outcome& outcome) {
  Slot& slot = slot_of(question);
  if (slot.marks[server] != Mark::Missing) return;  // one outcome per query; a second cannot change the first
  Question q = questions_[question];
  // Most answers agree with a reference already in: judged on their keys
  // alone, they never build the display lines.
  if (slot.reference_known && responded(outcome.kind) &&
      (!slot.reference || same_rrset(*slot.views[*slot.reference], rrset_keys(outcome, q), ttl_))) {
    slot.marks[server] = Mark::Agrees;
    slot.arrived += 1;
    if (slot.arrived == servers_.size()) emit(question, slot);
    return;
  }
  put(question, slot, server, rrset_view(outcome, q));
}

void ParityComparator::put(std::size_t question, Slot& slot, std::size_t server, RRsetView view) {
  slot.views[server] = std::make_unique<RRsetView>(std::move(view));
  slot.marks[server] = Mark::Waiting;
  slot.arrived += 1;
  if (!slot.reference_known) {
    find_reference(slot);
    if (slot.reference_known) {
      for (std::size_t i = 0; i < servers_.size(); ++i) {
        if (slot.marks[i] == Mark::Waiting) judge(slot, i);
      }
    }
  } else {
    judge(slot, server);
  }
  if (slot.arrived == servers_.size()) emit(question, slot);
}

// The reference is the first old server (in the order given) whose answer is
// comparable, else the first that responded at all: known once every old
// server before it has been heard from.
void ParityComparator::find_reference(Slot& slot) const {
  for (std::size_t i = 0; i < old_count_; ++i) {
    if (slot.marks[i] == Mark::Missing) return;
    if (comparable(slot.views[i]->kind)) {
      slot.reference = i;
      slot.reference_known = true;
      return;
    }
  }
  slot.reference_known = true;
  for (std::size_t i = 0; i < old_count_; ++i) {
    if (responded(slot.views[i]->kind)) {
      slot.reference = i;
      return;
    }
  }
}

// Drops an answer that agrees with the reference; keeps the reference itself,
// an answer that differs and a query that went unanswered, for emit().
void ParityComparator::judge(Slot& slot, std::size_t server) const {
  const RRsetView& view = *slot.views[server];
  bool agrees =
      responded(view.kind) && server != slot.reference && (!slot.reference || same_rrset(*slot.views[*slot.reference], view, ttl_));
  if (agrees) {
    slot.views[server].reset();
    slot.marks[server] = Mark::Agrees;
  } else {
    slot.marks[server] = Mark::Kept;
  }
}

void ParityComparator::emit(std::size_t question, Slot& slot) {
  Question q = questions_[question];
  for (std::size_t i = 0; i < servers_.size(); ++i) {
    bool is_new = i >= old_count_;
    if (slot.marks[i] == Mark::Agrees) {
      report_.answered += 1;
      continue;
    }
    RRsetView& view = *slot.views[i];
    if (!responded(view.kind)) {
      report_.unanswered.push_back(
          {.server = servers_[i], .server_is_new = is_new, .question = q, .kind = view.kind, .detail = view.detail});
      continue;
    }
    report_.answered += 1;
    if (i == slot.reference) continue;
    report_.differences.push_back({.server = servers_[i],
                                   .server_is_new = is_new,
                                   .question = q,
                                   .reference_server = servers_[*slot.reference],
                                   .expected = *slot.views[*slot.reference],
                                   .actual = std::move(view)});
  }
  slots_.erase(question);
}

void ParityComparator::finish() {
  for (std::size_t question = 0; question < seen_.size(); ++question) {
    if (seen_[question] && !slots_.contains(question)) continue;
    Slot& slot = slot_of(question);
    std::vector<std::size_t> missing;
    for (std::size_t server = 0; server < servers_.size(); ++server) {
      if (slot.marks[server] == Mark::Missing) missing.push_back(server);
    }
    // The last put() completes the question and forgets the slot: no use of it after.
    for (std::size_t server : missing) {
      put(question, slot_of(question), server,
          RRsetView{.kind = OutcomeKind::Timeout, .detail = "no outcome: the run ended before this query did"});
    }
  }
}

Verdict parity_verdict(const ParityReport& report) {
  if (!report.differences.empty()) return Verdict::NotConsistent;
  if (!report.unanswered.empty()) return Verdict::Undecided;
  return Verdict::Consistent;
}

}  // namespace cutover::dns::detail
