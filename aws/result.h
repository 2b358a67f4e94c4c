#pragma once
// Errors of the aws module as values: the kind to branch on (retry, re-read,
// stop), and what AWS said (HTTP status, error code, message, request id).

#include <expected>
#include <string>

namespace cutover::aws {

enum class ErrorCode {
  Invalid,    // bad input or configuration (missing region, bad profile)
  Auth,       // credentials missing, rejected, or expired
  Throttled,  // the service asked us to slow down, retries exhausted
  NotFound,   // the resource does not exist
  Conflict,   // the resource exists or is in a state that forbids the call
  Service,    // any other error the service returned
  Transport,  // connection, TLS or timeout before a response
  Corrupt,    // a response body we could not parse
  Io,         // local files (config, credentials)
};

/// A failure, with what AWS said when it said something. Never holds a secret.
struct Error {
  ErrorCode code{ErrorCode::Service};
  std::string message{};
  int http_status{0};      // 0 when no response arrived
  std::string aws_code{};  // "Throttling", "NoSuchHostedZone", ...
  std::string request_id{};
  bool maybe_sent{false};  // transport failures: the request may have reached the service
};

template <class T>
using Result = std::expected<T, Error>;

/// Shorthand for returning a failure without an HTTP response.
inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{.code = code, .message = std::move(message)});
}

/// The name of an ErrorCode, for messages and JSON ("throttled").
std::string_view to_string(ErrorCode code);

/// One line for a person: "NoSuchHostedZone (HTTP 404): No hosted zone ... [request 9f4c...]".
std::string describe(const Error& error);

}  // namespace cutover::aws
