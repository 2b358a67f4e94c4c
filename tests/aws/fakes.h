#pragma once
// Hand-written fakes of the aws/ interfaces: an HTTP server that answers from
// a script and records what it was sent, and a clock that advances when slept on.

#include <chrono>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "aws/clock.h"
#include "aws/http.h"

namespace cutover::aws::testing {

/// Time starts at 2026-01-31T23:59:00Z and moves only when someone sleeps.
class FakeClock final : public Clock {
 public:
  std::chrono::system_clock::time_point now() const override { return now_; }
  void sleep_for(std::chrono::milliseconds duration) override {
    slept.push_back(duration);
    now_ += duration;
  }
  void advance(std::chrono::milliseconds duration) { now_ += duration; }

  std::vector<std::chrono::milliseconds> slept{};

 private:
  std::chrono::system_clock::time_point now_{std::chrono::sys_days{std::chrono::January / 31 / 2026} + std::chrono::hours{23} +
                                             std::chrono::minutes{59}};
};

/// Answers each request with the next scripted result (or with `handler`
/// when set), and keeps every request it saw.
class FakeHttp final : public HttpClient {
 public:
  Result<HttpResponse> send(const HttpRequest& request) override {
    requests.push_back(request);
    if (handler) return handler(request);
    if (script.empty()) return HttpResponse{.status = 500, .body = "script exhausted"};
    Result<HttpResponse> next = script.front();
    script.pop_front();
    return next;
  }

  /// Queues a response.
  void reply(int status, std::string body, std::vector<Header> headers = {}) {
    script.push_back(HttpResponse{.status = status, .headers = std::move(headers), .body = std::move(body)});
  }
  /// Queues a transport failure.
  void fail_transport(bool maybe_sent, std::string aws_code = "") {
    script.push_back(std::unexpected(
        Error{.code = ErrorCode::Transport, .message = "connection reset", .aws_code = std::move(aws_code), .maybe_sent = maybe_sent}));
  }

  std::deque<Result<HttpResponse>> script{};
  std::vector<HttpRequest> requests{};
  std::function<Result<HttpResponse>(const HttpRequest&)> handler{};
};

}  // namespace cutover::aws::testing
