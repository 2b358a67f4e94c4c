#include "aws/retry.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace cutover::aws {
namespace {

constexpr std::array<std::string_view, 15> kThrottling = {"Throttling",
                                                          "ThrottlingException",
                                                          "ThrottledException",
                                                          "RequestThrottledException",
                                                          "TooManyRequestsException",
                                                          "ProvisionedThroughputExceededException",
                                                          "TransactionInProgressException",
                                                          "RequestLimitExceeded",
                                                          "BandwidthLimitExceeded",
                                                          "LimitExceededException",
                                                          "RequestThrottled",
                                                          "SlowDown",
                                                          "PriorRequestNotComplete",
                                                          "EC2ThrottledException",
                                                          "OperationLimitExceeded"};

constexpr std::array<std::string_view, 4> kTransient = {"RequestTimeout", "RequestTimeoutException", "PriorRequestNotComplete",
                                                        "IDPCommunicationError"};

bool is_transient_status(int status) { return status == 500 || status == 502 || status == 503 || status == 504; }

}  // namespace

bool is_throttling_code(std::string_view aws_code) { return std::ranges::find(kThrottling, aws_code) != kThrottling.end(); }

RetryKind classify(const Error& error, bool idempotent) {
  if (error.http_status == 0 && error.code == ErrorCode::Transport) {
    // Never sent: always safe. Sent and no answer: only if repeating is harmless.
    return (!error.maybe_sent || idempotent) ? RetryKind::Transient : RetryKind::No;
  }
  // A throttled or "prior request not complete" request was refused, not applied.
  if (is_throttling_code(error.aws_code) || error.http_status == 429) return RetryKind::Throttle;
  bool transient = std::ranges::find(kTransient, error.aws_code) != kTransient.end() || is_transient_status(error.http_status);
  if (!transient) return RetryKind::No;
  return idempotent ? RetryKind::Transient : RetryKind::No;
}

std::chrono::milliseconds backoff_delay(int retry, double random01, const RetryPolicy& policy,
                                        std::optional<std::chrono::seconds> retry_after) {
  double ceiling = static_cast<double>(policy.base_delay.count()) * std::pow(2.0, std::max(0, retry - 1));
  ceiling = std::min(ceiling, static_cast<double>(policy.max_delay.count()));
  auto delay = std::chrono::milliseconds(static_cast<long long>(std::clamp(random01, 0.0, 1.0) * ceiling));
  if (retry_after) {
    auto floor = std::min<std::chrono::milliseconds>(*retry_after, policy.max_retry_after);
    delay = std::max(delay, floor);
  }
  return delay;
}

bool RetryQuota::acquire(bool after_timeout) {
  std::lock_guard lock(mutex_);
  int cost = after_timeout ? kTimeoutCost : kRetryCost;
  if (tokens_ < cost) return false;
  tokens_ -= cost;
  return true;
}

void RetryQuota::release(int cost) {
  std::lock_guard lock(mutex_);
  tokens_ = std::min(kCapacity, tokens_ + std::max(cost, 1));
}

int RetryQuota::available() const {
  std::lock_guard lock(mutex_);
  return tokens_;
}

}  // namespace cutover::aws
