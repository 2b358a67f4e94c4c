// The libcurl client against a loopback echo server (tests/aws/echo_server.py):
// what goes on the wire (no Expect, a fixed Content-Length, no curl-made
// Content-Type), connection reuse, and how failures are classified (refused:
// surely not sent; timeout: maybe sent).

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "aws/http.h"
#include "aws/session.h"
#include "aws/sts.h"
#include "tests/common/temp_dir.h"

namespace cutover::aws {
namespace {

// Starts the echo server as a child process and stops exactly that process.
class EchoServer {
 public:
  explicit EchoServer(std::string cert = {}, std::string key = {}) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      const char* script = CUTOVER_SOURCE_DIR "/tests/aws/echo_server.py";
      if (cert.empty()) {
        execlp("python3", "python3", script, static_cast<char*>(nullptr));
      } else {
        execlp("python3", "python3", script, cert.c_str(), key.c_str(), static_cast<char*>(nullptr));
      }
      _exit(127);
    }
    close(out[1]);
    FILE* stream = fdopen(out[0], "r");
    if (stream && std::fscanf(stream, "%d", &port_) != 1) port_ = 0;
    if (stream) std::fclose(stream);
  }
  ~EchoServer() {
    if (pid_ > 0) {
      kill(pid_, SIGTERM);
      waitpid(pid_, nullptr, 0);
    }
  }
  EchoServer(const EchoServer&) = delete;
  EchoServer& operator=(const EchoServer&) = delete;

  std::string url(const std::string& path, const char* scheme = "http") const {
    return std::string(scheme) + "://127.0.0.1:" + std::to_string(port_) + path;
  }
  int port() const { return port_; }

 private:
  pid_t pid_{-1};
  int port_{0};
};

nlohmann::json echo(const Result<HttpResponse>& response) {
  EXPECT_TRUE(response.has_value()) << (response ? "" : response.error().message);
  if (!response) return nullptr;
  return nlohmann::json::parse(response->body);
}

std::string header(const nlohmann::json& echoed, std::string name) {
  for (const auto& h : echoed["headers"]) {
    std::string key = h[0];
    if (strcasecmp(key.c_str(), name.c_str()) == 0) return h[1];
  }
  return "<absent>";
}

class CurlHttpTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_GT(server.port(), 0) << "echo server did not start"; }
  CurlGlobal global;
  EchoServer server;
};

TEST_F(CurlHttpTest, PostHasFixedLengthNoExpectAndOnlyOurHeaders) {
  auto http = make_curl_http();
  std::string body(100000, 'x');  // large enough that curl would otherwise ask "Expect: 100-continue"
  auto echoed = echo(http->send({.method = "POST", .url = server.url("/p"), .headers = {{"X-Amz-Target", "T"}}, .body = body}));
  EXPECT_EQ(echoed["body_length"], 100000);
  EXPECT_EQ(header(echoed, "Content-Length"), "100000");
  EXPECT_EQ(header(echoed, "Expect"), "<absent>");
  EXPECT_EQ(header(echoed, "Transfer-Encoding"), "<absent>");
  EXPECT_EQ(header(echoed, "Content-Type"), "<absent>");
  EXPECT_EQ(header(echoed, "X-Amz-Target"), "T");
}

TEST_F(CurlHttpTest, MethodsAndResponseHeaders) {
  auto http = make_curl_http();
  auto response = http->send({.method = "DELETE", .url = server.url("/d?x=1")});
  auto echoed = echo(response);
  EXPECT_EQ(echoed["method"], "DELETE");
  EXPECT_EQ(echoed["path"], "/d?x=1");
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(find_header(response->headers, "x-amzn-requestid"), "echo-1");
  EXPECT_EQ(echo(http->send({.method = "GET", .url = server.url("/g")}))["method"], "GET");
}

TEST_F(CurlHttpTest, ConnectionIsReused) {
  auto http = make_curl_http();
  auto first = echo(http->send({.url = server.url("/1")}));
  auto second = echo(http->send({.method = "POST", .url = server.url("/2"), .body = "a=b"}));
  EXPECT_EQ(first["client_port"], second["client_port"]);
}

TEST_F(CurlHttpTest, TimeoutIsMaybeSentAndRefusedIsNot) {
  auto http = make_curl_http({.total_timeout = std::chrono::milliseconds(300)});
  auto slow = http->send({.url = server.url("/sleep/2000")});
  ASSERT_FALSE(slow.has_value());
  EXPECT_EQ(slow.error().code, ErrorCode::Transport);
  EXPECT_EQ(slow.error().aws_code, "Timeout");
  EXPECT_TRUE(slow.error().maybe_sent);

  auto refused = http->send({.url = "http://127.0.0.1:1/"});
  ASSERT_FALSE(refused.has_value());
  EXPECT_FALSE(refused.error().maybe_sent);
}

// TLS verification is always on: a self-signed server is refused (and the
// request counts as never sent); trusting its certificate via the CA bundle
// option makes the same request succeed.
// A self-signed certificate for 127.0.0.1 in `dir` (cert.pem, key.pem), made at test time.
void make_self_signed(const cutover::testing::TempDir& dir) {
  std::string command =
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout '" +
      (dir.path() / "key.pem").string() + "' -out '" + (dir.path() / "cert.pem").string() + "' >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0);
}

TEST(CurlHttpTls, SelfSignedIsRefusedUnlessItsCaIsGiven) {
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl command";
  cutover::testing::TempDir dir;
  std::string cert = (dir.path() / "cert.pem").string(), key = (dir.path() / "key.pem").string();
  make_self_signed(dir);
  CurlGlobal global;
  EchoServer server(cert, key);
  ASSERT_GT(server.port(), 0);
  auto refused = make_curl_http()->send({.url = server.url("/", "https")});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Transport);
  EXPECT_FALSE(refused.error().maybe_sent);
  EXPECT_NE(refused.error().message.find("certificate"), std::string::npos) << refused.error().message;
  auto trusted = make_curl_http({.ca_bundle = cert})->send({.url = server.url("/t", "https")});
  ASSERT_TRUE(trusted.has_value()) << trusted.error().message;
  EXPECT_EQ(trusted->status, 200);
}

// An AWS endpoint whose certificate the system does not trust is refused
// through the whole client stack, naming the endpoint; and nothing in the
// environment that turns verification off elsewhere (curl, Python requests,
// Node, git) or an empty or unreadable CA bundle turns it off here.
TEST(CurlHttpTls, UntrustedAwsEndpointIsRefusedWhateverTheEnvironment) {
  if (std::system("openssl version >/dev/null 2>&1") != 0) GTEST_SKIP() << "no openssl command";
  cutover::testing::TempDir dir;
  make_self_signed(dir);
  CurlGlobal global;
  EchoServer server((dir.path() / "cert.pem").string(), (dir.path() / "key.pem").string());
  ASSERT_GT(server.port(), 0);
  const std::string endpoint = "https://127.0.0.1:" + std::to_string(server.port());
  Environment base{{"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE"},
                   {"AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"},
                   {"AWS_REGION", "us-east-1"},
                   {"AWS_CONFIG_FILE", (dir.path() / "none").string()},
                   {"AWS_SHARED_CREDENTIALS_FILE", (dir.path() / "none").string()},
                   {"AWS_ENDPOINT_URL", endpoint}};
  const std::vector<std::pair<std::string, std::string>> knobs{
      {"", ""},
      {"AWS_CA_BUNDLE", ""},
      {"AWS_CA_BUNDLE", (dir.path() / "missing.pem").string()},
      {"CURL_CA_BUNDLE", ""},
      {"REQUESTS_CA_BUNDLE", ""},
      {"NODE_TLS_REJECT_UNAUTHORIZED", "0"},
      {"PYTHONHTTPSVERIFY", "0"},
      {"GIT_SSL_NO_VERIFY", "1"},
      {"AWS_VERIFY_SSL", "false"},
  };
  for (const auto& [name, value] : knobs) {
    Environment env = base;
    if (!name.empty()) {
      env[name] = value;
      ::setenv(name.c_str(), value.c_str(), 1);  // libcurl and OpenSSL read the process's, if anything
    }
    auto session = Session::create({.environment = env, .retry = RetryPolicy{.max_attempts = 1}});
    ASSERT_TRUE(session.has_value()) << name << ": " << session.error().message;
    auto who = (*session)->sts().get_caller_identity();
    if (!name.empty()) ::unsetenv(name.c_str());
    ASSERT_FALSE(who.has_value()) << name << "=" << value << " turned verification off";
    EXPECT_EQ(who.error().code, ErrorCode::Transport) << who.error().message;
    EXPECT_FALSE(who.error().maybe_sent) << "nothing was sent to an endpoint that failed verification";
    EXPECT_NE(who.error().message.find("the certificate of " + endpoint + " is not trusted"), std::string::npos)
        << name << ": " << who.error().message;
  }
}

}  // namespace
}  // namespace cutover::aws
