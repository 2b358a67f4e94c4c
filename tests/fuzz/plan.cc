// The plan file (planner/plan/parser): JSON syntax, structure and meaning.
// Whatever the text, parse_plan returns a Plan or the problems, never crashes.

#include <cstdint>

#include "planner/plan/parser.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto plan = cutover::planner::parse_plan(cutover::fuzz::as_text(data, size));
  // A refusal must say why: an Invalid error with no problem listed would leave the user guessing.
  if (!plan && plan.error().code == cutover::planner::ErrorCode::Invalid && plan.error().problems.empty()) std::abort();
  return 0;
}
