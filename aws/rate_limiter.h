#pragma once
// Client-side token buckets, one per account and service, so that cutover
// stays under the documented request rates (Route 53: 5 requests/s per
// account, all operations together) instead of relying on being throttled.

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "aws/clock.h"

namespace cutover::aws {

/// A bucket's shape: `burst` tokens at most, `per_second` added each second.
struct RateLimit {
  double per_second{5.0};
  double burst{1.0};
};

/// Token buckets keyed by "account/service"; acquire() sleeps (on the Clock)
/// until a token is free. Thread-safe.
class RateLimiter {
 public:
  explicit RateLimiter(Clock& clock) : clock_(clock) {}

  /// Sets the limit of one key (replacing the default for it).
  void set_limit(const std::string& key, RateLimit limit);
  /// Blocks until `key` has a token, then takes it. Keys without a limit pass at once.
  void acquire(const std::string& key);
  /// How long acquire() would wait now, without taking a token.
  std::chrono::milliseconds wait_time(const std::string& key);

 private:
  struct Bucket {
    RateLimit limit{};
    double tokens{0};
    std::chrono::system_clock::time_point updated{};
  };
  std::chrono::milliseconds reserve(const std::string& key, bool take);

  Clock& clock_;
  std::mutex mutex_;
  std::map<std::string, Bucket> buckets_{};
};

/// The limits cutover uses by default for a service's signing name:
/// route53 5/s (burst 1), rds 10/s (burst 20); others unlimited (nullopt).
std::optional<RateLimit> default_rate_limit(std::string_view signing_name);

}  // namespace cutover::aws
