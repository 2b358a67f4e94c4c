#include "planner/providers/name_sets.h"

#include <algorithm>

namespace cutover::planner {

bool same_names(std::vector<dns::DomainName> a, std::vector<dns::DomainName> b) {
  std::ranges::sort(a);
  std::ranges::sort(b);
  a.erase(std::unique(a.begin(), a.end()), a.end());
  b.erase(std::unique(b.begin(), b.end()), b.end());
  return a == b;
}

}  // namespace cutover::planner
