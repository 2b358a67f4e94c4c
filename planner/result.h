#pragma once
// Errors of the planner as values. Plan validation reports every problem at
// once, each with the JSON pointer of the offending value; other failures
// (provider, journal, gate) carry the kind the executor branches on.

#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace cutover::planner {

enum class ErrorCode {
  Invalid,      // a plan or argument that is wrong; see the problems
  Io,           // reading or writing a file
  Corrupt,      // a journal or file that does not parse
  Provider,     // a DNS, registrar or database provider failed
  Gate,         // a gate did not hold
  Unsupported,  // asked for something this build does not do yet
};

/// What a provider's failure was, kept from the provider's own error (an
/// aws::Error code, a DNS rcode) so that callers can decide on it: retry
/// later when throttled or unavailable, stop on auth, re-read on conflict.
enum class Fault { None, Throttled, Auth, NotFound, Conflict, Invalid, Unavailable };

/// "throttled", "auth", ... ("" for None): journal data and messages.
std::string_view to_string(Fault fault);

/// One thing wrong with a plan: where (RFC 6901 JSON pointer) and what.
struct Problem {
  std::string pointer{};  // "/strategies/1/lower_ttl_to"; "" for the whole document
  std::string message{};  // "5 is below the minimum 30"
};

/// A failure. `problems` lists every problem found when code is Invalid.
struct Error {
  ErrorCode code{ErrorCode::Invalid};
  std::string message{};
  std::vector<Problem> problems{};
  Fault fault{Fault::None};  // ErrorCode::Provider: what kind of failure
};

template <class T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{.code = code, .message = std::move(message)});
}

/// "pointer: message", or the message alone for the whole document.
std::string to_string(const Problem& problem);

}  // namespace cutover::planner
