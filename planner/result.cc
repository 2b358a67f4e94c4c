#include "planner/result.h"

namespace cutover::planner {

std::string to_string(const Problem& problem) {
  if (problem.pointer.empty()) return problem.message;
  return problem.pointer + ": " + problem.message;
}

}  // namespace cutover::planner
