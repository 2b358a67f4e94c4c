#pragma once
// HTTP as an interface, so that everything above it (signing, retries, the
// service clients) is tested with a fake; make_curl_http() is the real one.
//
// A transport failure is an Error with code Transport; maybe_sent tells
// whether the request may have reached the server (a timeout or a reset
// after sending), which decides if a non-idempotent call may be re-sent.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "aws/header.h"
#include "aws/result.h"

namespace cutover::aws {

/// A request as it goes on the wire; body sent with a fixed Content-Length.
struct HttpRequest {
  std::string method{"GET"};
  std::string url{};  // scheme://host[:port]/path?query, already encoded
  std::vector<Header> headers{};
  std::string body{};
};

/// A response of any status (4xx/5xx are responses, not failures, here).
struct HttpResponse {
  int status{0};
  std::vector<Header> headers{};
  std::string body{};
};

/// Sends requests. send() fails only when no HTTP response was received.
class HttpClient {
 public:
  virtual ~HttpClient() = default;
  /// The response, or a Transport error (message redacted, maybe_sent set).
  virtual Result<HttpResponse> send(const HttpRequest& request) = 0;
};

/// Options of the libcurl client.
struct CurlOptions {
  std::chrono::milliseconds connect_timeout{std::chrono::seconds{10}};
  std::chrono::milliseconds total_timeout{std::chrono::seconds{60}};
  std::string ca_bundle{};  // empty: the system's; TLS verification is always on
  std::string user_agent{"cutover/0.1"};
};

/// The libcurl client: one handle reused (keep-alive connections), TLS
/// peer and host verification always on, no "Expect: 100-continue".
/// Requires a live CurlGlobal.
std::unique_ptr<HttpClient> make_curl_http(const CurlOptions& options = {});

/// curl_global_init/cleanup for the process: construct one in main().
class CurlGlobal {
 public:
  CurlGlobal();
  ~CurlGlobal();
  CurlGlobal(const CurlGlobal&) = delete;
  CurlGlobal& operator=(const CurlGlobal&) = delete;
};

}  // namespace cutover::aws
