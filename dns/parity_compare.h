#pragma once
// The parity check's comparison, streamed: each outcome is judged as it
// arrives against its question's reference answer and dropped when it
// agrees; only differences, unanswered queries and the answers still waiting
// for their reference are kept. Memory follows what differs, not the zone.
//
//   ParityComparator compare(old_servers, new_servers, questions, TtlRule::Ignore, report);
//   compare.add(server, question, outcome);   // once per (server, question), any order
//   compare.finish();                         // then report.verdict = parity_verdict(report)

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

#include "dns/parity.h"
#include "dns/question_list.h"

namespace cutover::dns::detail {

class ParityComparator {
 public:
  /// Servers are numbered old first, then new, as servers() lists them.
  /// `questions` and `report` must outlive the comparator.
  ParityComparator(std::span<const ServerAddress> old_servers, std::span<const ServerAddress> new_servers, const QuestionList& questions,
                   TtlRule ttl, ParityReport& report);
  const std::vector<ServerAddress>& servers() const { return servers_; }

  /// The outcome of `question` at `server`. When every server's outcome for
  /// the question is in, its differences and unanswered queries go to the
  /// report, in server order, and the question is forgotten.
  void add(std::size_t server, std::size_t question, const Outcome& outcome);
  /// After the last outcome: a query that never got one (the run ended
  /// first) is reported unanswered, never dropped; its question is then judged on the rest.
  void finish();
  /// Questions with some outcome still missing.
  std::size_t open() const { return slots_.size(); }

 private:
  enum class Mark : std::uint8_t { Missing, Waiting, Agrees, Kept };
  struct Slot {
    explicit Slot(std::size_t n) : views(n), marks(n, Mark::Missing) {}
    std::vector<std::unique_ptr<RRsetView>> views;  // Waiting and Kept ones only
    std::vector<Mark> marks;
    std::size_t arrived{0};
    bool reference_known{false};
    std::optional<std::size_t> reference{};
  };

  Slot& slot_of(std::size_t question);
  void put(std::size_t question, Slot& slot, std::size_t server, RRsetView view);
  void find_reference(Slot& slot) const;
  void judge(Slot& slot, std::size_t server) const;
  void emit(std::size_t question, Slot& slot);

  std::size_t old_count_{0};
  std::vector<ServerAddress> servers_{};
  const QuestionList& questions_;
  TtlRule ttl_{TtlRule::Ignore};
  ParityReport& report_;
  std::unordered_map<std::size_t, Slot> slots_{};
  std::vector<bool> seen_{};  // a bit per question: which ones some outcome has opened
};

/// NotConsistent when any answer differs, else Undecided when any query went unanswered, else Consistent.
Verdict parity_verdict(const ParityReport& report);

}  // namespace cutover::dns::detail
