#pragma once
// TTL arithmetic: every wait the planner computes comes from here, with the
// reason in words, so that each rule is in one place and unit-tested.
//
// Rules:
//  - Lowering a TTL takes effect for a resolver only when its cached copy
//    (with the OLD TTL) expires: wait old TTL + margin after the change.
//  - Lowering never raises: the effective TTL is min(current, target).
//  - After the parent delegates to the new servers, resolvers may still use
//    the old ones until the largest of the parent NS TTL, the old zone's own
//    NS TTL (as lowered) and the record TTLs runs out, plus margin: the window
//    during which both zones must answer identically.
//  - The old zone is retired no earlier than window + retention.
//  - A domain transfer between accounts must be accepted within 3 days.

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace cutover::planner {

using Seconds = std::chrono::seconds;

/// One term of a computed wait, e.g. {"parent NS TTL", 172800 s}.
struct WaitTerm {
  std::string what{};
  Seconds value{0};
  std::string source{};  // "assumed", "observed at 4/4 parent servers"; may be empty
};

/// A wait, its terms and the term that decided it.
struct ComputedWait {
  Seconds total{0};
  std::vector<WaitTerm> terms{};
  WaitTerm deciding{};
  Seconds margin{0};
  /// "parent NS TTL 172800 s (assumed) + margin 300 s"
  std::string reason() const;
};

/// How long to wait after lowering a TTL from `old_ttl` before relying on it.
ComputedWait wait_after_ttl_change(std::string what, std::uint32_t old_ttl, Seconds margin, std::string source = {});

/// The TTL actually in force after lowering `current` to `target` (never raises).
std::uint32_t lowered_ttl(std::uint32_t current, std::uint32_t target);

/// True when `current` is above `target`, i.e. there is something to lower.
bool needs_lowering(std::uint32_t current, std::uint32_t target);

struct WindowInputs {
  std::uint32_t parent_ns_ttl{0};
  std::uint32_t old_zone_ns_ttl{0};  // as lowered before the switch
  std::uint32_t max_record_ttl{0};
  Seconds margin{0};
};

/// The propagation window after a delegation change (see the rules above).
ComputedWait propagation_window(const WindowInputs& inputs);

/// When the old zone may be deleted: window + retention.
Seconds retirement_delay(const ComputedWait& window, Seconds retention);

/// Route 53 Domains: the receiving account must accept within this time.
inline constexpr Seconds kTransferAcceptWindow{3 * 24 * 3600};

/// "48h00m", "5m00s", "45s"; days are shown as hours (72h00m) for easy sums.
std::string format_duration(Seconds duration);

/// "not before +48h00m: parent NS TTL 172800 s + margin 300 s".
std::string explain_not_before(Seconds offset, const std::string& reason);

}  // namespace cutover::planner
