#pragma once
// Time as an interface: code that waits (retries, rate limits, polling) takes
// a Clock, and tests pass a fake one that advances when slept on.

#include <chrono>
#include <functional>

namespace cutover::aws {

/// Wall time and sleeping. Implementations must be safe to share across threads.
class Clock {
 public:
  virtual ~Clock() = default;
  /// Now, in UTC (also the time requests are signed with).
  virtual std::chrono::system_clock::time_point now() const = 0;
  /// Blocks the caller for `duration` (a fake advances its time instead).
  virtual void sleep_for(std::chrono::milliseconds duration) = 0;
};

/// The real clock.
class SystemClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override;
  void sleep_for(std::chrono::milliseconds duration) override;
};

/// A uniform random number in [0, 1): injectable for jitter in tests.
using RandomUnit = std::function<double()>;

/// A RandomUnit over a seeded std::mt19937 guarded by a mutex.
RandomUnit default_random();

}  // namespace cutover::aws
