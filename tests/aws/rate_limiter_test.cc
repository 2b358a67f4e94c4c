// Token buckets on a fake clock: Route 53 stays at 5 requests per second.

#include "aws/rate_limiter.h"

#include <gtest/gtest.h>

#include "tests/aws/fakes.h"

namespace cutover::aws {
namespace {

TEST(RateLimiter, Route53StaysUnderFivePerSecond) {
  testing::FakeClock clock;
  RateLimiter limiter(clock);
  limiter.set_limit("acct/route53", *default_rate_limit("route53"));
  auto start = clock.now();
  for (int i = 0; i < 26; ++i) limiter.acquire("acct/route53");
  // 26 requests: the first at once, then one every 200 ms.
  EXPECT_EQ(clock.now() - start, std::chrono::milliseconds(5000));
}

TEST(RateLimiter, UnknownKeysAndIdleBucketsPassAtOnce) {
  testing::FakeClock clock;
  RateLimiter limiter(clock);
  limiter.acquire("acct/sts");
  EXPECT_TRUE(clock.slept.empty());
  limiter.set_limit("acct/rds", {.per_second = 10, .burst = 20});
  for (int i = 0; i < 20; ++i) limiter.acquire("acct/rds");
  EXPECT_TRUE(clock.slept.empty());
  EXPECT_EQ(limiter.wait_time("acct/rds"), std::chrono::milliseconds(100));
  clock.advance(std::chrono::seconds(10));
  EXPECT_EQ(limiter.wait_time("acct/rds"), std::chrono::milliseconds(0));
}

TEST(RateLimiter, NoDefaultForDomainsAndSts) {
  EXPECT_FALSE(default_rate_limit("sts").has_value());
  EXPECT_TRUE(default_rate_limit("rds").has_value());
}

}  // namespace
}  // namespace cutover::aws
