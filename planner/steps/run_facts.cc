#include "planner/steps/run_facts.h"

namespace cutover::planner {

std::string RunFacts::dated(const std::string& name) const {
  auto pos = name.find("YYYYMMDD");
  if (pos == std::string::npos || run_date.empty()) return name;
  std::string out = name;
  return out.replace(pos, 8, run_date);
}

}  // namespace cutover::planner
