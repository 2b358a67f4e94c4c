#include "aws/rate_limiter.h"

#include <algorithm>
#include <cmath>
#include <optional>

namespace cutover::aws {

void RateLimiter::set_limit(const std::string& key, RateLimit limit) {
  std::lock_guard lock(mutex_);
  buckets_[key] = Bucket{.limit = limit, .tokens = limit.burst, .updated = clock_.now()};
}

// Refills the bucket, then either takes a token (when one is there) or says
// how long until one is. With take, a token is reserved in advance (tokens
// may go negative) so that concurrent callers queue up fairly.
std::chrono::milliseconds RateLimiter::reserve(const std::string& key, bool take) {
  std::lock_guard lock(mutex_);
  auto it = buckets_.find(key);
  if (it == buckets_.end()) return std::chrono::milliseconds{0};
  Bucket& bucket = it->second;
  auto now = clock_.now();
  double elapsed = std::chrono::duration<double>(now - bucket.updated).count();
  bucket.tokens = std::min(bucket.limit.burst, bucket.tokens + std::max(0.0, elapsed) * bucket.limit.per_second);
  bucket.updated = now;
  double missing = 1.0 - bucket.tokens;
  if (take) bucket.tokens -= 1.0;
  if (missing <= 0) return std::chrono::milliseconds{0};
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(missing / bucket.limit.per_second * 1000.0)));
}

void RateLimiter::acquire(const std::string& key) {
  auto wait = reserve(key, /*take=*/true);
  if (wait.count() > 0) clock_.sleep_for(wait);
}

std::chrono::milliseconds RateLimiter::wait_time(const std::string& key) { return reserve(key, /*take=*/false); }

std::optional<RateLimit> default_rate_limit(std::string_view signing_name) {
  if (signing_name == "route53") return RateLimit{.per_second = 5.0, .burst = 1.0};
  if (signing_name == "rds") return RateLimit{.per_second = 10.0, .burst = 20.0};
  return std::nullopt;
}

}  // namespace cutover::aws
