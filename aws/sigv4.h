#pragma once
// Signature Version 4 as pure functions, one per stage of the algorithm:
//
//   canonical_request(request)                 -> text
//   string_to_sign(amz_date, scope, canonical) -> text
//   signing_key(secret, date, region, service) -> 32 bytes
//   signature(key, string_to_sign)             -> hex
//
// sign() runs them in order and returns the headers to add. Credentials and
// time are passed in: no clock reads, no I/O, so every stage is testable
// against the official vectors (tests/testdata/sigv4) and botocore.

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "aws/credentials.h"
#include "aws/crypto.h"
#include "aws/header.h"
#include "aws/uri.h"

namespace cutover::aws {

/// What the signer sees of a request.
struct SigningRequest {
  std::string method{"GET"};
  std::string path{"/"};          // as sent on the wire (already percent-encoded)
  QueryParams query{};            // decoded names and values
  std::vector<Header> headers{};  // must include Host; all are signed but the unsignable ones
  std::string payload_hash{};     // lower-case hex SHA-256 of the body
};

/// The signing context: scope, time, and the suite's switches.
struct SigningOptions {
  std::string region{};
  std::string service{};
  std::chrono::sys_seconds time{};
  bool normalize_path{true};       // non-S3 services: remove . and .., collapse //
  bool sign_body{false};           // add and sign x-amz-content-sha256 (S3 style)
  bool omit_session_token{false};  // add the token after signing, unsigned
};

/// "20150830T123600Z".
std::string amz_date(std::chrono::sys_seconds time);

/// Canonical URI of an on-wire path: normalised (when asked), then encoded
/// once more keeping '/', which is the non-S3 "encode twice" rule.
std::string canonical_uri(std::string_view path, bool normalize);

/// Pairs encoded, sorted by encoded name then value, joined with '&'.
std::string canonical_query(const QueryParams& query);

/// The canonical header block (each line ending in '\n') and the signed names.
struct CanonicalHeaders {
  std::string block{};
  std::string signed_names{};
};

/// Lower-cased, trimmed, whitespace-collapsed, duplicates joined with ','; skips
/// headers botocore never signs (user-agent, expect, ...).
CanonicalHeaders canonical_headers(const std::vector<Header>& headers);

/// The six-part canonical request.
std::string canonical_request(const SigningRequest& request, bool normalize_path);

/// "<date>/<region>/<service>/aws4_request".
std::string credential_scope(std::chrono::sys_seconds time, std::string_view region, std::string_view service);

/// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of canonical>".
std::string string_to_sign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request);

/// The derived key: HMAC chain over date, region, service, "aws4_request".
Digest signing_key(std::string_view secret, std::string_view datestamp, std::string_view region, std::string_view service);

/// Lower-case hex HMAC of the string to sign.
std::string signature(const Digest& key, std::string_view string_to_sign);

/// Every intermediate of one signing, for tests and for debugging by hand.
struct Signed {
  std::vector<Header> added_headers{};  // X-Amz-Date, token, content hash, Authorization
  std::string canonical_request{};
  std::string string_to_sign{};
  std::string signature{};
};

/// Signs in the Authorization header: the request with added_headers appended
/// is what goes on the wire.
Signed sign(const SigningRequest& request, const Credentials& credentials, const SigningOptions& options);

/// Presigned variant: the returned added query parameters (X-Amz-Algorithm ...
/// X-Amz-Signature) go into the URL; no headers are added.
struct Presigned {
  QueryParams added_query{};
  std::string canonical_request{};
  std::string string_to_sign{};
  std::string signature{};
};

/// Signs in the query string, valid for `expires` seconds.
Presigned presign(const SigningRequest& request, const Credentials& credentials, const SigningOptions& options,
                  std::chrono::seconds expires);

}  // namespace cutover::aws
