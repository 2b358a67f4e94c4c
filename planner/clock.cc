#include "planner/clock.h"

#include <ctime>
#include <thread>

namespace cutover::planner {

TimePoint SystemClock::now() { return std::chrono::system_clock::now(); }

void SystemClock::sleep_for(std::chrono::milliseconds duration) { std::this_thread::sleep_for(duration); }

std::int64_t to_unix_seconds(TimePoint at) { return std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count(); }

std::string utc_date(TimePoint at) {
  std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char out[16];
  std::strftime(out, sizeof out, "%Y%m%d", &tm);
  return out;
}

TimePoint from_unix_seconds(std::int64_t seconds) { return TimePoint{std::chrono::seconds{seconds}}; }

}  // namespace cutover::planner
