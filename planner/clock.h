#pragma once
// Time for code that waits: the executor takes a Clock, tests pass a fake one
// that advances when slept on.

#include <chrono>
#include <cstdint>
#include <string>

namespace cutover::planner {

using TimePoint = std::chrono::system_clock::time_point;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual TimePoint now() = 0;
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

/// The real wall clock.
class SystemClock final : public Clock {
 public:
  TimePoint now() override;
  void sleep_for(std::chrono::milliseconds duration) override;
};

/// Seconds since the epoch, the unit of the journal's timestamps.
std::int64_t to_unix_seconds(TimePoint at);
/// The UTC date of `at` as YYYYMMDD (names daily clones).
std::string utc_date(TimePoint at);
TimePoint from_unix_seconds(std::int64_t seconds);

}  // namespace cutover::planner
