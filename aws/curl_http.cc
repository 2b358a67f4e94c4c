// The libcurl HttpClient. One easy handle per client, reset between requests
// (curl_easy_reset keeps live connections, so keep-alive reuse works) and
// guarded by a mutex because a curl handle is not thread-safe.

#include "aws/http.h"

#include <strings.h>

#include <mutex>
#include <string>

#include "aws/c_handles.h"

namespace cutover::aws {
namespace {

size_t write_body(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

// Collects the headers of the last response (a new status line, e.g. after a
// 100 Continue, starts over).
size_t write_header(char* data, size_t size, size_t count, void* user) {
  auto* headers = static_cast<std::vector<Header>*>(user);
  std::string_view line(data, size * count);
  if (line.starts_with("HTTP/")) {
    headers->clear();
    return size * count;
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return size * count;
  auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == '\r' || s.back() == '\n' || s.back() == ' ')) s.remove_suffix(1);
    return std::string(s);
  };
  headers->push_back({trim(line.substr(0, colon)), trim(line.substr(colon + 1))});
  return size * count;
}

// Failures that happen before any byte of the request left this host.
bool surely_not_sent(CURLcode code) {
  return code == CURLE_COULDNT_RESOLVE_HOST || code == CURLE_COULDNT_RESOLVE_PROXY || code == CURLE_COULDNT_CONNECT ||
         code == CURLE_SSL_CONNECT_ERROR || code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_UNSUPPORTED_PROTOCOL ||
         code == CURLE_URL_MALFORMAT || code == CURLE_SSL_CACERT_BADFILE;
}

// The peer's certificate does not verify, or the CA bundle to verify it with cannot be read.
bool untrusted(CURLcode code) { return code == CURLE_PEER_FAILED_VERIFICATION || code == CURLE_SSL_CACERT_BADFILE; }

// "https://host:port" of a URL: the endpoint, without the path and query.
std::string origin_of(const std::string& url) {
  std::size_t start = url.find("://");
  std::size_t end = start == std::string::npos ? std::string::npos : url.find_first_of("/?#", start + 3);
  return url.substr(0, end);
}

// Verification cannot be turned off (there is no option for it), so the
// message says what the user can do instead.
std::string untrusted_text(const std::string& url, const std::string& why) {
  return "the certificate of " + origin_of(url) + " is not trusted (" + why +
         "); TLS verification cannot be turned off: if this endpoint is yours, give its CA with AWS_CA_BUNDLE or ca_bundle";
}

class CurlHttp final : public HttpClient {
 public:
  explicit CurlHttp(CurlOptions options) : options_(std::move(options)), easy_(curl_easy_init()) {}

  Result<HttpResponse> send(const HttpRequest& request) override {
    std::lock_guard lock(mutex_);
    if (!easy_) return fail(ErrorCode::Transport, "curl_easy_init failed");
    curl_easy_reset(easy_.get());
    HttpResponse response;
    detail::CurlHeaderList headers = header_list(request);
    configure(request, headers.get(), response);
    char error_buffer[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(easy_.get(), CURLOPT_ERRORBUFFER, error_buffer);
    CURLcode code = curl_easy_perform(easy_.get());
    if (code != CURLE_OK) {
      std::string why = std::string(curl_easy_strerror(code)) + (error_buffer[0] ? std::string(": ") + error_buffer : "");
      Error error{.code = ErrorCode::Transport,
                  .message = untrusted(code) ? untrusted_text(request.url, why) : why,
                  .aws_code = code == CURLE_OPERATION_TIMEDOUT ? "Timeout" : "",
                  .maybe_sent = !surely_not_sent(code)};
      return std::unexpected(std::move(error));
    }
    long status = 0;
    curl_easy_getinfo(easy_.get(), CURLINFO_RESPONSE_CODE, &status);
    response.status = static_cast<int>(status);
    return response;
  }

 private:
  detail::CurlHeaderList header_list(const HttpRequest& request) const {
    detail::CurlHeaderList list;
    auto append = [&list](const std::string& line) {
      curl_slist* grown = curl_slist_append(list.get(), line.c_str());
      if (grown) {
        (void)list.release();  // curl_slist_append returned the same (grown) list
        list.reset(grown);
      }
    };
    bool has_content_type = false;
    for (const Header& header : request.headers) {
      append(header.name + ": " + header.value);
      if (header.name.size() == 12 && strncasecmp(header.name.c_str(), "content-type", 12) == 0) {
        has_content_type = true;
      }
    }
    append("Expect:");                               // no 100-continue round trip; the body goes at once
    if (!has_content_type) append("Content-Type:");  // curl's form default would be a lie
    return list;
  }

  void configure(const HttpRequest& request, curl_slist* headers, HttpResponse& response) {
    CURL* easy = easy_.get();
    curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!options_.ca_bundle.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options_.ca_bundle.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.total_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &write_body);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &response.body);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &write_header);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &response.headers);
    if (request.method == "GET") {
      curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
    } else {
      // POSTFIELDS with an explicit size: a fixed Content-Length, never chunked.
      curl_easy_setopt(easy, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
      if (request.method != "POST") curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }
  }

  CurlOptions options_;
  std::mutex mutex_;
  detail::CurlEasy easy_;
};

}  // namespace

std::unique_ptr<HttpClient> make_curl_http(const CurlOptions& options) { return std::make_unique<CurlHttp>(options); }

CurlGlobal::CurlGlobal() { curl_global_init(CURL_GLOBAL_DEFAULT); }
CurlGlobal::~CurlGlobal() { curl_global_cleanup(); }

}  // namespace cutover::aws
