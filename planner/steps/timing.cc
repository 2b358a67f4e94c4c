#include "planner/steps/timing.h"

#include <algorithm>
#include <cstdio>

namespace cutover::planner {
namespace {

std::string seconds_text(Seconds s) { return std::to_string(s.count()) + " s"; }

}  // namespace

std::string ComputedWait::reason() const {
  std::string out = deciding.what + " " + seconds_text(deciding.value);
  if (!deciding.source.empty()) out += " (" + deciding.source + ")";
  if (margin.count() > 0) out += " + margin " + seconds_text(margin);
  return out;
}

ComputedWait wait_after_ttl_change(std::string what, std::uint32_t old_ttl, Seconds margin, std::string source) {
  WaitTerm term{.what = std::move(what), .value = Seconds(old_ttl), .source = std::move(source)};
  return ComputedWait{.total = term.value + margin, .terms = {term}, .deciding = term, .margin = margin};
}

std::uint32_t lowered_ttl(std::uint32_t current, std::uint32_t target) { return std::min(current, target); }

bool needs_lowering(std::uint32_t current, std::uint32_t target) { return current > target; }

ComputedWait propagation_window(const WindowInputs& inputs) {
  std::vector<WaitTerm> terms{
      {.what = "parent NS TTL", .value = Seconds(inputs.parent_ns_ttl)},
      {.what = "old zone NS TTL", .value = Seconds(inputs.old_zone_ns_ttl)},
      {.what = "largest record TTL", .value = Seconds(inputs.max_record_ttl)},
  };
  // max_element keeps the first of equal terms, so on a tie the reason names the parent.
  auto deciding = *std::ranges::max_element(terms, {}, &WaitTerm::value);
  return ComputedWait{.total = deciding.value + inputs.margin, .terms = terms, .deciding = deciding, .margin = inputs.margin};
}

Seconds retirement_delay(const ComputedWait& window, Seconds retention) { return window.total + retention; }

std::string format_duration(Seconds duration) {
  auto total = duration.count();
  const char* sign = total < 0 ? "-" : "";
  if (total < 0) total = -total;
  char buffer[48];
  if (total >= 3600) {
    std::snprintf(buffer, sizeof buffer, "%s%lldh%02lldm", sign, static_cast<long long>(total / 3600),
                  static_cast<long long>(total % 3600 / 60));
  } else if (total >= 60) {
    std::snprintf(buffer, sizeof buffer, "%s%lldm%02llds", sign, static_cast<long long>(total / 60), static_cast<long long>(total % 60));
  } else {
    std::snprintf(buffer, sizeof buffer, "%s%llds", sign, static_cast<long long>(total));
  }
  return buffer;
}

std::string explain_not_before(Seconds offset, const std::string& reason) {
  return "not before +" + format_duration(offset) + ": " + reason;
}

}  // namespace cutover::planner
