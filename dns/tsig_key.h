#pragma once
// A TSIG key (RFC 8945) read from a BIND-style key file, the format that
// `tsig-keygen` writes and BIND, Knot (via keymgr import) and nsupdate read:
//
//   key "cutover-key" {
//     algorithm hmac-sha256;
//     secret "base64==";
//   };
//
// The secret is a credential: no error or message of this module contains it.

#include <string>

#include "dns/domain_name.h"
#include "dns/result.h"

namespace cutover::dns {

/// A shared key for signing UPDATE and AXFR messages.
struct TsigKey {
  DomainName name{};        // the key's name, as the server knows it ("cutover-key.")
  std::string algorithm{};  // "hmac-sha256", lower case, without a trailing dot
  std::string secret{};     // base64 as in the file; secret: never log it
};

/// Parses the text of a key file; `origin` names it in errors ("FILE:LINE: ...").
/// Fails (Invalid) on a syntax error, an unknown algorithm, a secret that is
/// not base64, or a file holding no key or more than one.
Result<TsigKey> parse_tsig_key(std::string_view text, const std::string& origin);

/// Reads and parses a key file. Fails with NotFound/Io for the file, else like parse_tsig_key.
Result<TsigKey> read_tsig_key_file(const std::string& path);

/// True for the HMAC algorithms ldns can sign with (hmac-md5, hmac-sha1/224/256/384/512).
bool is_supported_tsig_algorithm(std::string_view algorithm);

}  // namespace cutover::dns
