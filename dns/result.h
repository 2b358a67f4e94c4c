#pragma once
// Errors of the dns module as values: every failure carries a kind the caller
// can branch on and a message a person can read.

#include <expected>
#include <string>

namespace cutover::dns {

enum class ErrorCode {
  Invalid,   // bad input: a name, an address, a file that does not parse
  Timeout,   // no answer within the deadline, retries included
  Network,   // a socket error: unreachable, refused at the transport level
  Refused,   // the server answered REFUSED
  Corrupt,   // a reply that does not parse or does not match the question
  NotFound,  // a file or a name that does not exist
  Io,        // local I/O: reading or writing a file
  Protocol,  // an answer that breaks the protocol (e.g. a failed UPDATE)
};

/// A failure: its kind, and a message that names what failed and where.
struct Error {
  ErrorCode code{ErrorCode::Invalid};
  std::string message{};
};

template <class T>
using Result = std::expected<T, Error>;

/// Shorthand for returning a failure: `return fail(ErrorCode::Invalid, "...")`.
inline std::unexpected<Error> fail(ErrorCode code, std::string message) {
  return std::unexpected<Error>(Error{.code = code, .message = std::move(message)});
}

/// The name of an ErrorCode, for messages and JSON ("timeout").
std::string_view to_string(ErrorCode code);

}  // namespace cutover::dns
