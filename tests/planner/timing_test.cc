#include "planner/steps/timing.h"

#include <gtest/gtest.h>

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;

TEST(Timing, WaitAfterLoweringIsTheOldTtlPlusMargin) {
  auto wait = wait_after_ttl_change("old zone NS TTL", 172800, 300s, "observed at 4/4 servers");
  EXPECT_EQ(wait.total, 173100s);
  EXPECT_EQ(wait.reason(), "old zone NS TTL 172800 s (observed at 4/4 servers) + margin 300 s");
}

TEST(Timing, LoweringNeverRaises) {
  EXPECT_EQ(lowered_ttl(172800, 300), 300u);
  EXPECT_EQ(lowered_ttl(60, 300), 60u);
  EXPECT_TRUE(needs_lowering(3600, 300));
  EXPECT_FALSE(needs_lowering(300, 300));
  EXPECT_FALSE(needs_lowering(60, 300));
}

TEST(Timing, WindowIsTheLargestTermPlusMargin) {
  struct Case {
    WindowInputs inputs;
    Seconds total;
    const char* deciding;
  };
  const Case cases[] = {
      {{.parent_ns_ttl = 172800, .old_zone_ns_ttl = 300, .max_record_ttl = 3600, .margin = 300s}, 173100s, "parent NS TTL"},
      {{.parent_ns_ttl = 30, .old_zone_ns_ttl = 300, .max_record_ttl = 60, .margin = 0s}, 300s, "old zone NS TTL"},
      {{.parent_ns_ttl = 30, .old_zone_ns_ttl = 30, .max_record_ttl = 86400, .margin = 10s}, 86410s, "largest record TTL"},
      // A tie names the parent: it is the one people cannot lower.
      {{.parent_ns_ttl = 300, .old_zone_ns_ttl = 300, .max_record_ttl = 300, .margin = 5s}, 305s, "parent NS TTL"},
  };
  for (const auto& c : cases) {
    auto window = propagation_window(c.inputs);
    EXPECT_EQ(window.total, c.total) << c.deciding;
    EXPECT_EQ(window.deciding.what, c.deciding);
    EXPECT_EQ(window.terms.size(), 3u);
  }
}

TEST(Timing, RetirementIsWindowPlusRetention) {
  auto window = propagation_window({.parent_ns_ttl = 172800, .old_zone_ns_ttl = 300, .max_record_ttl = 300, .margin = 300s});
  EXPECT_EQ(retirement_delay(window, 604800s), 173100s + 604800s);
}

TEST(Timing, TransferMustBeAcceptedWithinThreeDays) { EXPECT_EQ(kTransferAcceptWindow, 72h); }

TEST(Timing, FormatsDurations) {
  EXPECT_EQ(format_duration(0s), "0s");
  EXPECT_EQ(format_duration(45s), "45s");
  EXPECT_EQ(format_duration(300s), "5m00s");
  EXPECT_EQ(format_duration(3599s), "59m59s");
  EXPECT_EQ(format_duration(172800s), "48h00m");
  EXPECT_EQ(format_duration(173100s), "48h05m");
  EXPECT_EQ(format_duration(-90s), "-1m30s");
}

TEST(Timing, ExplainsAWaitInWords) {
  EXPECT_EQ(explain_not_before(172800s, "parent NS TTL 172800 s"), "not before +48h00m: parent NS TTL 172800 s");
}

}  // namespace
}  // namespace cutover::planner
