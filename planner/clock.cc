#include "planner/clock.h"

#include <thread>

namespace cutover::planner {

TimePoint SystemClock::now() { return std::chrono::system_clock::now(); }

void SystemClock::sleep_for(std::chrono::milliseconds duration) { std::this_thread::sleep_for(duration); }

std::int64_t to_unix_seconds(TimePoint at) {
  return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
}

TimePoint from_unix_seconds(std::int64_t seconds) { return TimePoint{std::chrono::seconds{seconds}}; }

}  // namespace cutover::planner
