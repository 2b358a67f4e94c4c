#pragma once
// Secrets never reach a log, an error or the output: headers and texts pass
// through these before anything shows them.

#include <string>
#include <string_view>
#include <vector>

#include "aws/header.h"

namespace cutover::aws {

/// The text written in place of a secret.
inline constexpr std::string_view kRedacted = "***";

/// True for headers whose value is a secret (Authorization, X-Amz-Security-Token).
bool is_secret_header(std::string_view name);

/// A copy with secret header values replaced by kRedacted.
std::vector<Header> redact_headers(const std::vector<Header>& headers);

/// A copy of a body, URL or message with secrets replaced: the Signature= and
/// Credential= of SigV4, security tokens (query, header, XML), secret keys
/// and session tokens in XML, and "Password"/"SecretAccessKey"/"SessionToken"
/// members of JSON.
std::string redact_text(std::string_view text);

}  // namespace cutover::aws
