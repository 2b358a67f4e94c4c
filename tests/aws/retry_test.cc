// The retry rules and backoff arithmetic of the standard mode.

#include "aws/retry.h"

#include <gtest/gtest.h>

namespace cutover::aws {
namespace {

using std::chrono::milliseconds;

TEST(Retry, ClassifiesByCodeStatusAndIdempotency) {
  EXPECT_EQ(classify({.http_status = 400, .aws_code = "Throttling"}, false), RetryKind::Throttle);
  EXPECT_EQ(classify({.http_status = 400, .aws_code = "PriorRequestNotComplete"}, false), RetryKind::Throttle);
  EXPECT_EQ(classify({.http_status = 400, .aws_code = "ThrottlingException"}, true), RetryKind::Throttle);
  EXPECT_EQ(classify({.http_status = 503}, true), RetryKind::Transient);
  EXPECT_EQ(classify({.http_status = 503}, false), RetryKind::No);
  EXPECT_EQ(classify({.http_status = 400, .aws_code = "InvalidInput"}, true), RetryKind::No);
  EXPECT_EQ(classify({.http_status = 404, .aws_code = "NoSuchHostedZone"}, true), RetryKind::No);
  EXPECT_EQ(classify({.code = ErrorCode::Transport, .maybe_sent = true}, true), RetryKind::Transient);
  EXPECT_EQ(classify({.code = ErrorCode::Transport, .maybe_sent = true}, false), RetryKind::No);
  EXPECT_EQ(classify({.code = ErrorCode::Transport, .maybe_sent = false}, false), RetryKind::Transient);
}

TEST(Retry, FullJitterExponentialCappedAt20Seconds) {
  RetryPolicy policy;
  EXPECT_EQ(backoff_delay(1, 1.0, policy), milliseconds(1000));
  EXPECT_EQ(backoff_delay(3, 1.0, policy), milliseconds(4000));
  EXPECT_EQ(backoff_delay(10, 1.0, policy), milliseconds(20000));
  EXPECT_EQ(backoff_delay(3, 0.25, policy), milliseconds(1000));
  EXPECT_EQ(backoff_delay(3, 0.0, policy), milliseconds(0));
}

TEST(Retry, RetryAfterIsAFloorWithACap) {
  RetryPolicy policy;
  EXPECT_EQ(backoff_delay(1, 0.5, policy, std::chrono::seconds(3)), milliseconds(3000));
  EXPECT_EQ(backoff_delay(1, 0.5, policy, std::chrono::seconds(0)), milliseconds(500));
  EXPECT_EQ(backoff_delay(1, 0.5, policy, std::chrono::seconds(3600)), milliseconds(60000));
}

TEST(RetryQuota, CostsAndRefunds) {
  RetryQuota quota;
  EXPECT_TRUE(quota.acquire(false));
  EXPECT_EQ(quota.available(), 495);
  EXPECT_TRUE(quota.acquire(true));
  EXPECT_EQ(quota.available(), 485);
  quota.release(10);
  EXPECT_EQ(quota.available(), 495);
  quota.release(0);
  EXPECT_EQ(quota.available(), 496);
  while (quota.acquire(false)) {}
  EXPECT_LT(quota.available(), 5);
}

}  // namespace
}  // namespace cutover::aws
