// The journal (planner/run/journal): a file a crash may have torn and anyone
// may have edited. Read as a report reads it, then opened as a rerun opens it
// (which cuts a torn last line), then asked what a rerun asks.

#include <cstdint>

#include "planner/run/journal.h"
#include "tests/fuzz/fuzz_support.h"

namespace {

using cutover::planner::Journal;

// The header's digest in the seeds (tests/fuzz/corpus/journal): inputs
// carrying it get past the header to the records.
const cutover::planner::JournalHeader kHeader{.domain = "example.test.", .plan_digest = "0123456789abcdef"};

void ask(const Journal& journal) {
  for (const auto& record : journal.records()) {
    (void)journal.done_at(record.step);
    (void)journal.started(record.step);
    (void)journal.any_action_done(record.step);
    (void)journal.step_data(record.step);
    if (record.action) {
      (void)journal.action_state(record.step, *record.action);
      (void)journal.undo_state(record.step, *record.action);
    }
  }
  (void)journal.facts();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static cutover::fuzz::ScratchFile file("journal.jsonl");
  auto text = cutover::fuzz::as_text(data, size);
  std::vector<std::string> warnings;
  (void)Journal::read(file.write(text), kHeader, warnings);
  if (text.empty()) return 0;  // open() would start a new journal: nothing read
  auto journal = Journal::open(file.path(), kHeader, warnings);
  if (journal) ask(*journal);
  return 0;
}
