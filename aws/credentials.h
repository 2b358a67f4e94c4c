#pragma once
// AWS credentials as values. The secret parts never go into a message: use
// redacted() when a credential must be mentioned at all.

#include <chrono>
#include <optional>
#include <string>

namespace cutover::aws {

/// An access key pair, with a session token for temporary credentials.
struct Credentials {
  std::string access_key_id{};
  std::string secret_access_key{};
  std::string session_token{};                                        // empty for long-term keys
  std::optional<std::chrono::system_clock::time_point> expiration{};  // absent: never expires
};

/// "AKID…(redacted)": the key id's first 4 characters only, safe to log.
std::string redacted(const Credentials& credentials);

}  // namespace cutover::aws
