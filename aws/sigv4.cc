#include "aws/sigv4.h"

#include <algorithm>
#include <array>
#include <map>
#include <string>

#include "aws/timestamp.h"

namespace cutover::aws {
namespace {

constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";

// botocore's list: headers a proxy or libcurl may add, drop or rewrite.
constexpr std::array<std::string_view, 12> kUnsigned = {
    "authorization", "connection",        "expect",  "keep-alive", "proxy-authenticate", "proxy-authorization", "te",
    "trailer",       "transfer-encoding", "upgrade", "user-agent", "x-amzn-trace-id"};

std::string lower(std::string_view text) {
  std::string out(text);
  std::ranges::transform(out, out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

// Trim, and replace every run of inner whitespace (line folds too) by one space.
std::string collapse_whitespace(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (is_space(c)) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::string normalize_path(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t slash = path.find('/', pos);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(pos, slash - pos);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    pos = slash + 1;
  }
  std::string out;
  for (std::string_view segment : segments) {
    out.push_back('/');
    out += segment;
  }
  if (out.empty()) return "/";
  if (path.ends_with('/')) out.push_back('/');
  return out;
}

std::string datestamp(std::chrono::sys_seconds time) { return amz_date(time).substr(0, 8); }

}  // namespace

std::string amz_date(std::chrono::sys_seconds time) {
  // SigV4 takes ISO 8601's basic form: the extended form without its separators.
  std::string out = format_iso8601(time);
  std::erase_if(out, [](char c) { return c == '-' || c == ':'; });
  return out;
}

std::string canonical_uri(std::string_view path, bool normalize) {
  if (path.empty()) return "/";
  std::string normalized = normalize ? normalize_path(path) : std::string(path);
  return uri_encode(normalized, /*keep_slash=*/true);
}

std::string canonical_query(const QueryParams& query) {
  std::vector<std::pair<std::string, std::string>> encoded;
  encoded.reserve(query.size());
  for (const auto& [name, value] : query) encoded.emplace_back(uri_encode(name), uri_encode(value));
  std::ranges::sort(encoded);
  std::string out;
  for (const auto& [name, value] : encoded) {
    if (!out.empty()) out.push_back('&');
    out += name + "=" + value;
  }
  return out;
}

CanonicalHeaders canonical_headers(const std::vector<Header>& headers) {
  std::map<std::string, std::string> joined;  // sorted by lower-cased name
  for (const Header& header : headers) {
    std::string name = lower(header.name);
    if (std::ranges::find(kUnsigned, name) != kUnsigned.end()) continue;
    auto [it, inserted] = joined.try_emplace(name, "");
    if (!inserted) it->second.push_back(',');
    it->second += collapse_whitespace(header.value);
  }
  CanonicalHeaders out;
  for (const auto& [name, value] : joined) {
    out.block += name + ":" + value + "\n";
    if (!out.signed_names.empty()) out.signed_names.push_back(';');
    out.signed_names += name;
  }
  return out;
}

std::string canonical_request(const SigningRequest& request, bool normalize_path) {
  CanonicalHeaders headers = canonical_headers(request.headers);
  return request.method + "\n" + canonical_uri(request.path, normalize_path) + "\n" + canonical_query(request.query) + "\n" +
         headers.block + "\n" + headers.signed_names + "\n" + request.payload_hash;
}

std::string credential_scope(std::chrono::sys_seconds time, std::string_view region, std::string_view service) {
  return datestamp(time) + "/" + std::string(region) + "/" + std::string(service) + "/aws4_request";
}

std::string string_to_sign(std::string_view amz_date, std::string_view scope, std::string_view canonical_request) {
  return std::string(kAlgorithm) + "\n" + std::string(amz_date) + "\n" + std::string(scope) + "\n" + to_hex(sha256(canonical_request));
}

Digest signing_key(std::string_view secret, std::string_view datestamp, std::string_view region, std::string_view service) {
  std::string initial = "AWS4" + std::string(secret);
  Digest key = hmac_sha256(initial, datestamp);
  key = hmac_sha256(as_bytes(key), region);
  key = hmac_sha256(as_bytes(key), service);
  return hmac_sha256(as_bytes(key), "aws4_request");
}

std::string signature(const Digest& key, std::string_view string_to_sign) { return to_hex(hmac_sha256(as_bytes(key), string_to_sign)); }

Signed sign(const SigningRequest& request, const Credentials& credentials, const SigningOptions& options) {
  Signed out;
  out.added_headers.push_back({"X-Amz-Date", amz_date(options.time)});
  if (options.sign_body) out.added_headers.push_back({"x-amz-content-sha256", request.payload_hash});
  bool has_token = !credentials.session_token.empty();
  if (has_token && !options.omit_session_token) {
    out.added_headers.push_back({"X-Amz-Security-Token", credentials.session_token});
  }
  SigningRequest to_sign = request;
  to_sign.headers.insert(to_sign.headers.end(), out.added_headers.begin(), out.added_headers.end());

  std::string scope = credential_scope(options.time, options.region, options.service);
  out.canonical_request = canonical_request(to_sign, options.normalize_path);
  out.string_to_sign = string_to_sign(amz_date(options.time), scope, out.canonical_request);
  Digest key = signing_key(credentials.secret_access_key, datestamp(options.time), options.region, options.service);
  out.signature = signature(key, out.string_to_sign);
  out.added_headers.push_back({"Authorization", std::string(kAlgorithm) + " Credential=" + credentials.access_key_id + "/" + scope +
                                                    ", SignedHeaders=" + canonical_headers(to_sign.headers).signed_names +
                                                    ", Signature=" + out.signature});
  if (has_token && options.omit_session_token) {
    out.added_headers.push_back({"X-Amz-Security-Token", credentials.session_token});
  }
  return out;
}

Presigned presign(const SigningRequest& request, const Credentials& credentials, const SigningOptions& options,
                  std::chrono::seconds expires) {
  Presigned out;
  std::string scope = credential_scope(options.time, options.region, options.service);
  bool has_token = !credentials.session_token.empty();
  out.added_query = {
      {"X-Amz-Algorithm", std::string(kAlgorithm)},
      {"X-Amz-Credential", credentials.access_key_id + "/" + scope},
      {"X-Amz-Date", amz_date(options.time)},
      {"X-Amz-Expires", std::to_string(expires.count())},
      {"X-Amz-SignedHeaders", canonical_headers(request.headers).signed_names},
  };
  if (has_token && !options.omit_session_token) {
    out.added_query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  SigningRequest to_sign = request;
  to_sign.query.insert(to_sign.query.end(), out.added_query.begin(), out.added_query.end());
  out.canonical_request = canonical_request(to_sign, options.normalize_path);
  out.string_to_sign = string_to_sign(amz_date(options.time), scope, out.canonical_request);
  Digest key = signing_key(credentials.secret_access_key, datestamp(options.time), options.region, options.service);
  out.signature = signature(key, out.string_to_sign);
  if (has_token && options.omit_session_token) {
    out.added_query.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }
  out.added_query.emplace_back("X-Amz-Signature", out.signature);
  return out;
}

}  // namespace cutover::aws
