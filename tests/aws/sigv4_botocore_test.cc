// Cross-check against an independent signer: a few hundred generated requests
// (odd paths, unicode, dot segments, repeated query names, folded header
// whitespace, session tokens) are signed here and by botocore's SigV4Auth
// (tests/aws/botocore_sign.py, offline), and the Authorization headers must be
// identical.

#include <gtest/gtest.h>

#include <unistd.h>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "aws/sigv4.h"

namespace cutover::aws {
namespace {

namespace fs = std::filesystem;

struct Generated {
  SigningRequest request{};
  Credentials credentials{};
  SigningOptions options{};
  std::string body{};
};

class Generator {
 public:
  explicit Generator(unsigned seed) : rng_(seed) {}

  Generated next() {
    Generated g;
    g.request.method = pick({"GET", "POST", "DELETE", "PUT"});
    g.request.path = path();
    for (int i = 0, n = uniform(0, 4); i < n; ++i) g.request.query.emplace_back(word(), word());
    if (uniform(0, 3) == 0 && !g.request.query.empty()) {
      g.request.query.emplace_back(g.request.query[0].first, word());  // repeated name
    }
    std::string host = pick({"route53.amazonaws.com", "127.0.0.1:4566", "rds.eu-west-1.amazonaws.com"});
    g.request.headers.push_back({"Host", host});
    g.request.headers.push_back({"Content-Type", pick({"application/x-amz-json-1.1", "application/x-www-form-urlencoded; charset=utf-8",
                                                       "  text/xml   with   spaces  "})});
    if (uniform(0, 1) == 0) g.request.headers.push_back({"X-Amz-Target", "Route53Domains_v20140515.X" + word()});
    if (uniform(0, 1) == 0) g.request.headers.push_back({"My-Header", " a\t b  c "});
    g.body = uniform(0, 1) == 0 ? "" : "Action=DescribeDBClusters&Version=2014-10-31&X=" + word();
    g.request.payload_hash = to_hex(sha256(g.body));
    g.credentials = {.access_key_id = "AKID" + std::to_string(uniform(0, 99999)),
                     .secret_access_key = "secret/" + word(),
                     .session_token = uniform(0, 1) == 0 ? "" : "token+" + word()};
    g.options = {.region = pick({"us-east-1", "eu-west-1", "ap-southeast-2"}),
                 .service = pick({"route53", "route53domains", "rds", "sts"}),
                 .time = std::chrono::sys_seconds{std::chrono::seconds{1700000000 + uniform(0, 90000000)}}};
    return g;
  }

 private:
  int uniform(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  std::string pick(std::initializer_list<const char*> options) {
    return *(options.begin() + uniform(0, static_cast<int>(options.size()) - 1));
  }
  std::string word() {
    static const std::vector<std::string> kPieces = {"a", "Z", "0", "-", "_", ".", "~", " ", "*", "+", "/", "=", "&", "%", "\xE1\x88\xB4",
                                                     "é", "!", "'"};
    std::string out;
    for (int i = 0, n = uniform(0, 6); i < n; ++i) out += kPieces[uniform(0, kPieces.size() - 1)];
    return out;
  }
  // The path as sent: each segment percent-encoded once; sometimes empty,
  // "." or ".." segments, which non-S3 signing normalises away.
  std::string path() {
    std::string out;
    for (int i = 0, n = uniform(0, 4); i < n; ++i) {
      int kind = uniform(0, 9);
      std::string segment = kind == 0 ? "" : kind == 1 ? "." : kind == 2 ? ".." : uri_encode(word());
      out += "/" + segment;
    }
    if (uniform(0, 2) == 0) out += "/";
    return out.empty() ? "/" : out;
  }
  std::mt19937 rng_;
};

nlohmann::json to_json(const Generated& g) {
  nlohmann::json headers = nlohmann::json::array();
  for (const Header& h : g.request.headers) headers.push_back({h.name, h.value});
  nlohmann::json query = nlohmann::json::array();
  for (const auto& [n, v] : g.request.query) query.push_back({n, v});
  return {{"method", g.request.method},
          {"host", g.request.headers[0].value},
          {"path", g.request.path},
          {"query", query},
          {"headers", headers},
          {"body", g.body},
          {"access_key_id", g.credentials.access_key_id},
          {"secret_access_key", g.credentials.secret_access_key},
          {"token", g.credentials.session_token},
          {"region", g.options.region},
          {"service", g.options.service},
          {"amz_date", amz_date(g.options.time)}};
}

TEST(SigV4Botocore, SameAuthorizationOnGeneratedRequests) {
  if (std::system("python3 -c 'import botocore' >/dev/null 2>&1") != 0) {
    GTEST_SKIP() << "python3 with botocore is not available";
  }
  fs::path dir = fs::temp_directory_path() / ("cutover-sigv4-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  Generator generator(20260131);
  std::vector<Generated> requests;
  {
    std::ofstream out(dir / "requests.jsonl");
    for (int i = 0; i < 300; ++i) {
      requests.push_back(generator.next());
      out << to_json(requests.back()).dump() << "\n";
    }
  }
  std::string command = "python3 '" CUTOVER_SOURCE_DIR "/tests/aws/botocore_sign.py' '" + (dir / "requests.jsonl").string() + "' '" +
                        (dir / "signed.jsonl").string() + "'";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;
  std::ifstream in(dir / "signed.jsonl");
  std::string line;
  size_t index = 0;
  for (; std::getline(in, line) && index < requests.size(); ++index) {
    const Generated& g = requests[index];
    Signed ours = sign(g.request, g.credentials, g.options);
    std::string expected = nlohmann::json::parse(line)["authorization"];
    const Header& authorization = ours.added_headers.back();
    ASSERT_EQ(authorization.value, expected) << "request " << index << ": " << to_json(g).dump() << "\ncanonical:\n"
                                             << ours.canonical_request;
  }
  EXPECT_EQ(index, requests.size());
  fs::remove_all(dir);
}

}  // namespace
}  // namespace cutover::aws
