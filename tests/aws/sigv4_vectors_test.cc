// The official SigV4 suite (tests/testdata/sigv4/v4, 38 cases): every stage
// of the signer must reproduce the suite's canonical request, string to sign
// and signature, in both the header and the presigned (query) variant.

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "aws/sigv4.h"

namespace cutover::aws {
namespace {

namespace fs = std::filesystem;

const fs::path kSuite = fs::path(CUTOVER_SOURCE_DIR) / "tests/testdata/sigv4/v4";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

struct Case {
  SigningRequest request{};
  Credentials credentials{};
  SigningOptions options{};
  std::chrono::seconds expires{};
};

// request.txt: request line (the path may hold spaces), header lines (a line
// starting with whitespace continues the previous value), blank line, body.
SigningRequest parse_request(const std::string& text) {
  SigningRequest request;
  size_t body_at = text.find("\n\n");
  std::string head = text.substr(0, body_at);
  std::string body = body_at == std::string::npos ? "" : text.substr(body_at + 2);
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);
  size_t first_space = line.find(' ');
  size_t last_space = line.rfind(' ');
  request.method = line.substr(0, first_space);
  std::string target = line.substr(first_space + 1, last_space - first_space - 1);
  size_t question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) request.query = parse_query(target.substr(question + 1));
  while (std::getline(lines, line)) {
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      request.headers.back().value += "\n" + line;
      continue;
    }
    size_t colon = line.find(':');
    request.headers.push_back({line.substr(0, colon), line.substr(colon + 1)});
  }
  request.payload_hash = to_hex(sha256(body));
  return request;
}

Case load_case(const std::string& name) {
  fs::path dir = kSuite / name;
  auto context = nlohmann::json::parse(read_file(dir / "context.json"));
  Case c;
  c.request = parse_request(read_file(dir / "request.txt"));
  const auto& creds = context["credentials"];
  c.credentials.access_key_id = creds["access_key_id"];
  c.credentials.secret_access_key = creds["secret_access_key"];
  c.credentials.session_token = creds.value("token", "");
  c.options.region = context["region"];
  c.options.service = context["service"];
  std::string ts = context["timestamp"];  // "2015-08-30T12:36:00Z"
  using namespace std::chrono;
  auto day = sys_days{year{std::stoi(ts.substr(0, 4))} / std::stoi(ts.substr(5, 2)) / std::stoi(ts.substr(8, 2))};
  c.options.time = day + hours{std::stoi(ts.substr(11, 2))} + minutes{std::stoi(ts.substr(14, 2))} + seconds{std::stoi(ts.substr(17, 2))};
  c.options.normalize_path = context.value("normalize", true);
  c.options.sign_body = context.value("sign_body", false);
  c.options.omit_session_token = context.value("omit_session_token", false);
  c.expires = std::chrono::seconds(context.value("expiration_in_seconds", 3600));
  return c;
}

std::vector<std::string> case_names() {
  std::vector<std::string> names;
  if (!fs::exists(kSuite)) return names;
  for (const auto& entry : fs::directory_iterator(kSuite)) names.push_back(entry.path().filename());
  std::ranges::sort(names);
  return names;
}

class SigV4Vectors : public ::testing::TestWithParam<std::string> {};

TEST_P(SigV4Vectors, HeaderVariantMatchesEveryStage) {
  Case c = load_case(GetParam());
  fs::path dir = kSuite / GetParam();
  Signed result = sign(c.request, c.credentials, c.options);
  EXPECT_EQ(result.canonical_request, read_file(dir / "header-canonical-request.txt"));
  EXPECT_EQ(result.string_to_sign, read_file(dir / "header-string-to-sign.txt"));
  EXPECT_EQ(result.signature, read_file(dir / "header-signature.txt"));

  // The signed request must carry the same Authorization line as the suite's.
  std::string signed_request = read_file(dir / "header-signed-request.txt");
  const Header& authorization = result.added_headers.back().name == "Authorization" ? result.added_headers.back()
                                                                                    : result.added_headers[result.added_headers.size() - 2];
  EXPECT_NE(signed_request.find("Authorization:" + authorization.value), std::string::npos) << authorization.value;
}

TEST_P(SigV4Vectors, StagesAreIndependentOfEachOther) {
  // Key and signature alone, from the suite's string to sign.
  Case c = load_case(GetParam());
  fs::path dir = kSuite / GetParam();
  Digest key = signing_key(c.credentials.secret_access_key, amz_date(c.options.time).substr(0, 8), c.options.region, c.options.service);
  EXPECT_EQ(signature(key, read_file(dir / "header-string-to-sign.txt")), read_file(dir / "header-signature.txt"));
}

TEST_P(SigV4Vectors, QueryVariantMatchesEveryStage) {
  Case c = load_case(GetParam());
  fs::path dir = kSuite / GetParam();
  Presigned result = presign(c.request, c.credentials, c.options, c.expires);
  EXPECT_EQ(result.canonical_request, read_file(dir / "query-canonical-request.txt"));
  EXPECT_EQ(result.string_to_sign, read_file(dir / "query-string-to-sign.txt"));
  EXPECT_EQ(result.signature, read_file(dir / "query-signature.txt"));
}

INSTANTIATE_TEST_SUITE_P(Official, SigV4Vectors, ::testing::ValuesIn(case_names()), [](const auto& info) {
  std::string name = info.param;
  std::ranges::replace(name, '-', '_');
  return name;
});

TEST(SigV4Suite, HasAll38Cases) { EXPECT_EQ(case_names().size(), 38u); }

}  // namespace
}  // namespace cutover::aws
