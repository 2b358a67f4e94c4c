#pragma once
// One signed AWS call with retries: the part every service client shares.
//
//   ServiceClient client(endpoint, context);
//   Result<HttpResponse> r = client.call({.operation = "GetHostedZone",
//                                         .method = "GET", .path = "/2013-04-01/hostedzone/Z1"});
//
// call() takes a rate-limit token, signs with fresh credentials and the
// Clock's time, sends, and retries throttling, 5xx and transport failures in
// the standard mode; a non-idempotent call is never re-sent after a failure
// that may have applied it. It returns only 2xx responses; anything else is an
// Error with the AWS code, HTTP status and request id.

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "aws/clock.h"
#include "aws/credentials_provider.h"
#include "aws/error_parse.h"
#include "aws/http.h"
#include "aws/rate_limiter.h"
#include "aws/retry.h"
#include "aws/uri.h"

namespace cutover::aws {

/// Where a service is reached and how requests to it are signed.
struct ServiceEndpoint {
  std::string url{};             // "https://route53.amazonaws.com" or an override
  std::string signing_region{};  // "us-east-1"
  std::string signing_name{};    // "route53"
  Protocol protocol{Protocol::Query};
};

/// One API call before signing.
struct ServiceCall {
  std::string operation{};  // "ChangeResourceRecordSets", for messages and events
  std::string method{"POST"};
  std::string path{"/"};          // as sent on the wire
  QueryParams query{};            // decoded
  std::vector<Header> headers{};  // Content-Type, X-Amz-Target ...; Host and signing headers are added
  std::string body{};
  bool idempotent{true};  // false: never re-sent after an ambiguous failure
};

/// What the observer hears before each retry (the error is already redacted).
struct RetryEvent {
  std::string operation{};
  int attempt{0};  // the attempt that failed, 1-based
  std::chrono::milliseconds delay{};
  Error error{};
};

/// Everything a client borrows from its owner (a Session, or a test); the
/// pointed-to objects must outlive the client. limiter and quota may be null.
struct CallContext {
  HttpClient* http{nullptr};
  CredentialsProvider* credentials{nullptr};
  Clock* clock{nullptr};
  RateLimiter* limiter{nullptr};
  RetryQuota* quota{nullptr};
  RandomUnit random{};
  RetryPolicy retry{};
  std::string rate_key_prefix{};  // the account's key; the signing name is appended
  std::function<void(const RetryEvent&)> on_retry{};
};

/// Sends signed calls to one service endpoint.
class ServiceClient {
 public:
  ServiceClient(ServiceEndpoint endpoint, CallContext context);

  /// The 2xx response, or the final Error (after retries when retryable);
  /// a retried-out error says how many attempts were made.
  Result<HttpResponse> call(const ServiceCall& call) const;

  /// The endpoint this client talks to.
  const ServiceEndpoint& endpoint() const { return endpoint_; }

  /// The clock calls are signed with; waiters (GetChange polling) sleep on it.
  Clock& clock() const { return *context_.clock; }

 private:
  Result<HttpResponse> attempt(const ServiceCall& call) const;
  HttpRequest build_request(const ServiceCall& call, const Credentials& credentials) const;

  ServiceEndpoint endpoint_;
  CallContext context_;
  std::string host_;
  std::string rate_key_;
};

/// "host[:port]" of a URL ("http://127.0.0.1:4566/x" -> "127.0.0.1:4566").
std::string url_authority(std::string_view url);

}  // namespace cutover::aws
