#pragma once
// The two primitives SigV4 needs, over OpenSSL: SHA-256 and HMAC-SHA256.

#include <array>
#include <string>
#include <string_view>

namespace cutover::aws {

/// A SHA-256 or HMAC-SHA256 output (32 bytes).
using Digest = std::array<unsigned char, 32>;

/// SHA-256 of the bytes. Never fails (OpenSSL failure here is a broken invariant).
Digest sha256(std::string_view data);

/// HMAC-SHA256 of data under key.
Digest hmac_sha256(std::string_view key, std::string_view data);

/// Lower-case hex of the bytes ("e3b0c442...").
std::string to_hex(std::string_view bytes);

/// Lower-case hex of a digest.
std::string to_hex(const Digest& digest);

/// The digest's bytes as a string_view (for chaining HMACs).
std::string_view as_bytes(const Digest& digest);

}  // namespace cutover::aws
