#pragma once
// Percent-encoding as SigV4 defines it (RFC 3986 unreserved set kept,
// upper-case hex, space as %20), and the form encoding of Query bodies.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cutover::aws {

/// Name/value pairs of a query string or a form body, decoded, in sending order.
using QueryParams = std::vector<std::pair<std::string, std::string>>;

/// Encodes every byte but A-Z a-z 0-9 - _ . ~ (and '/' when keep_slash).
std::string uri_encode(std::string_view text, bool keep_slash = false);

/// Decodes %XY escapes; a malformed escape is kept as it is. '+' stays '+'.
std::string percent_decode(std::string_view text);

/// Parses "a=1&b=&c" into decoded pairs (a missing '=' means an empty value).
QueryParams parse_query(std::string_view query);

/// "a=1&b=2" with names and values uri_encode'd, in the given order.
std::string encode_query(const QueryParams& params);

}  // namespace cutover::aws
