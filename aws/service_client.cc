#include "aws/service_client.h"

#include "aws/redact.h"
#include "aws/sigv4.h"

namespace cutover::aws {
namespace {

// Retry-After in seconds; an HTTP-date form is ignored (our backoff applies).
std::optional<std::chrono::seconds> retry_after(const HttpResponse* response) {
  if (!response) return std::nullopt;
  auto value = find_header(response->headers, "Retry-After");
  if (!value) return std::nullopt;
  try {
    return std::chrono::seconds(std::stoll(*value));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

std::string url_authority(std::string_view url) {
  if (auto scheme = url.find("://"); scheme != std::string_view::npos) url.remove_prefix(scheme + 3);
  return std::string(url.substr(0, url.find_first_of("/?")));
}

ServiceClient::ServiceClient(ServiceEndpoint endpoint, CallContext context) : endpoint_(std::move(endpoint)), context_(std::move(context)) {
  while (endpoint_.url.ends_with('/')) endpoint_.url.pop_back();
  host_ = url_authority(endpoint_.url);
  rate_key_ = context_.rate_key_prefix + "/" + endpoint_.signing_name;
  if (!context_.random) context_.random = default_random();
}

HttpRequest ServiceClient::build_request(const ServiceCall& call, const Credentials& credentials) const {
  std::string query = encode_query(call.query);
  SigningRequest to_sign{
      .method = call.method, .path = call.path, .query = call.query, .headers = call.headers, .payload_hash = to_hex(sha256(call.body))};
  to_sign.headers.insert(to_sign.headers.begin(), Header{"Host", host_});
  auto now = std::chrono::floor<std::chrono::seconds>(context_.clock->now());
  Signed sig = sign(to_sign, credentials, {.region = endpoint_.signing_region, .service = endpoint_.signing_name, .time = now});
  HttpRequest request{.method = call.method,
                      .url = endpoint_.url + call.path + (query.empty() ? "" : "?" + query),
                      .headers = std::move(to_sign.headers),
                      .body = call.body};
  request.headers.insert(request.headers.end(), sig.added_headers.begin(), sig.added_headers.end());
  return request;
}

Result<HttpResponse> ServiceClient::attempt(const ServiceCall& call) const {
  if (context_.limiter) context_.limiter->acquire(rate_key_);
  Result<Credentials> credentials = context_.credentials->credentials();
  if (!credentials) return std::unexpected(credentials.error());
  Result<HttpResponse> response = context_.http->send(build_request(call, *credentials));
  if (!response) {
    Error error = response.error();
    error.message = redact_text(error.message);
    return std::unexpected(std::move(error));
  }
  return response;
}

Result<HttpResponse> ServiceClient::call(const ServiceCall& call) const {
  const RetryPolicy& policy = context_.retry;
  int last_cost = 0;
  for (int attempt_number = 1;; ++attempt_number) {
    Result<HttpResponse> response = attempt(call);
    if (response && response->status >= 200 && response->status < 300) {
      if (context_.quota) context_.quota->release(last_cost);
      return response;
    }
    Error error = response ? parse_error_response(*response, endpoint_.protocol) : response.error();
    if (!response && error.code != ErrorCode::Transport) return std::unexpected(std::move(error));
    RetryKind kind = classify(error, call.idempotent);
    bool timeout = error.aws_code == "Timeout";
    bool may_retry = kind != RetryKind::No && attempt_number < policy.max_attempts && (!context_.quota || context_.quota->acquire(timeout));
    if (!may_retry) {
      error.message = call.operation + ": " + error.message;
      if (attempt_number > 1) error.message += " (gave up after " + std::to_string(attempt_number) + " attempts)";
      return std::unexpected(std::move(error));
    }
    last_cost = timeout ? RetryQuota::kTimeoutCost : RetryQuota::kRetryCost;
    auto delay = backoff_delay(attempt_number, context_.random(), policy, retry_after(response ? &*response : nullptr));
    if (context_.on_retry) context_.on_retry({call.operation, attempt_number, delay, error});
    context_.clock->sleep_for(delay);
  }
}

}  // namespace cutover::aws
