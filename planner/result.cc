#include "planner/result.h"

namespace cutover::planner {

std::string to_string(const Problem& problem) {
  if (problem.pointer.empty()) return problem.message;
  return problem.pointer + ": " + problem.message;
}

std::string_view to_string(Fault fault) {
  switch (fault) {
    case Fault::None: return "";
    case Fault::Throttled: return "throttled";
    case Fault::Auth: return "auth";
    case Fault::NotFound: return "not-found";
    case Fault::Conflict: return "conflict";
    case Fault::Invalid: return "invalid";
    case Fault::Unavailable: return "unavailable";
  }
  return "";
}

}  // namespace cutover::planner
