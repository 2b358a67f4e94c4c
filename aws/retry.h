#pragma once
// The AWS "standard" retry mode (botocore retries/standard.py): which
// failures are retried, full-jitter exponential backoff, Retry-After, and a
// client-wide retry quota so a failing service is not hammered.

#include <chrono>
#include <mutex>
#include <optional>

#include "aws/result.h"

namespace cutover::aws {

/// Limits of the retry loop. max_attempts counts the first attempt.
struct RetryPolicy {
  int max_attempts{3};
  std::chrono::milliseconds base_delay{std::chrono::seconds{1}};
  std::chrono::milliseconds max_delay{std::chrono::seconds{20}};
  std::chrono::milliseconds max_retry_after{std::chrono::seconds{60}};
};

/// Why a failure may be retried.
enum class RetryKind {
  No,         // final: validation, not found, auth, or not safe to repeat
  Throttle,   // the service asked us to slow down; the request was refused
  Transient,  // 5xx, PriorRequestNotComplete, RequestTimeout, transport failure
};

/// True for the throttling codes of aws-apis.md 1.3.
bool is_throttling_code(std::string_view aws_code);

/// Classifies a failed attempt. `idempotent` false: a failure after which
/// the request may have taken effect (5xx, timeout, reset) is final.
RetryKind classify(const Error& error, bool idempotent);

/// Full jitter: random01 × min(base × 2^(retry-1), max_delay); `retry` is 1-based.
/// A Retry-After from the service is a floor (capped at max_retry_after).
std::chrono::milliseconds backoff_delay(int retry, double random01, const RetryPolicy& policy,
                                        std::optional<std::chrono::seconds> retry_after = {});

/// The client-wide retry budget of standard mode: 500 tokens, a retry costs 5
/// (10 after a timeout), a success gives the cost back (or 1 token).
class RetryQuota {
 public:
  /// Takes the cost of one retry; false when the budget is spent (do not retry).
  bool acquire(bool after_timeout);
  /// Called on success: returns `cost` (the last retry's), or 1 if there was none.
  void release(int cost);
  /// Tokens left.
  int available() const;

  static constexpr int kCapacity = 500;
  static constexpr int kRetryCost = 5;
  static constexpr int kTimeoutCost = 10;

 private:
  mutable std::mutex mutex_;
  int tokens_{kCapacity};
};

}  // namespace cutover::aws
