#pragma once
// Polling until a remote state is reached (a domain operation, a cluster
// becoming available): fixed interval, deadline, on the client's Clock so
// tests run on a fake one.

#include <chrono>
#include <functional>
#include <string>

#include "aws/clock.h"
#include "aws/result.h"

namespace cutover::aws {

/// How often to poll and for how long.
struct PollOptions {
  std::chrono::milliseconds interval{std::chrono::seconds{10}};
  std::chrono::milliseconds deadline{std::chrono::minutes{30}};
};

/// What one poll decided.
enum class PollVerdict { Done, Failed, Continue };

/// Calls `poll` until it says Done (returns the value) or Failed (Error with
/// aws_code "WaitFailed" and `describe(value)`), or the deadline passes
/// (aws_code "WaitTimeout"). An Error from `poll` itself ends the wait.
template <class T>
Result<T> poll_until(Clock& clock, const PollOptions& options, const std::string& what, const std::function<Result<T>()>& poll,
                     const std::function<PollVerdict(const T&)>& judge, const std::function<std::string(const T&)>& describe_value) {
  auto give_up_at = clock.now() + options.deadline;
  for (;;) {
    Result<T> value = poll();
    if (!value) return value;
    PollVerdict verdict = judge(*value);
    if (verdict == PollVerdict::Done) return value;
    if (verdict == PollVerdict::Failed) {
      return std::unexpected(Error{.code = ErrorCode::Service, .message = what + ": " + describe_value(*value), .aws_code = "WaitFailed"});
    }
    if (clock.now() + options.interval > give_up_at) {
      return std::unexpected(
          Error{.code = ErrorCode::Service,
                .message = what + ": still " + describe_value(*value) + " after " + std::to_string(options.deadline.count() / 1000) + " s",
                .aws_code = "WaitTimeout"});
    }
    clock.sleep_for(options.interval);
  }
}

}  // namespace cutover::aws
