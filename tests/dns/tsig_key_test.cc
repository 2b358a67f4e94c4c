// The key file reader on inline texts and on real files in a temp dir.

#include "dns/tsig_key.h"

#include <gtest/gtest.h>

#include "tests/common/temp_dir.h"

namespace cutover::dns {
namespace {

constexpr const char* kSecret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ==";

std::string key_text(const std::string& body) { return "key \"cutover-key\" {\n" + body + "};\n"; }

struct GoodCase {
  const char* why;
  std::string text;
  const char* name;
  const char* algorithm;
};

TEST(TsigKey, ReadsBindKeyStatements) {
  const GoodCase cases[] = {
      {"as tsig-keygen writes it",
       "# made by tsig-keygen\nkey \"Cutover-Key.\" {\n\talgorithm HMAC-SHA256;\n\tsecret \"" + std::string(kSecret) + "\";\n};\n",
       "cutover-key.", "hmac-sha256"},
      {"comments, bare words and the long MD5 name",
       "/* a\n block */ key k1 { // trailing\n algorithm hmac-md5.sig-alg.reg.int.; secret " + std::string(kSecret) + "; };", "k1.",
       "hmac-md5"},
  };
  for (const auto& c : cases) {
    auto key = parse_tsig_key(c.text, "k.key");
    ASSERT_TRUE(key.has_value()) << c.why << ": " << key.error().message;
    EXPECT_EQ(key->name.text(), c.name) << c.why;
    EXPECT_EQ(key->algorithm, c.algorithm) << c.why;
    EXPECT_EQ(key->secret, kSecret) << c.why;
  }
}

struct BadCase {
  const char* text;
  const char* expected;  // a part of the message, after "bad.key:"
};

TEST(TsigKey, RefusesBadFilesNamingFileAndLine) {
  const BadCase cases[] = {
      {"", "bad.key: no key statement found"},
      {"options { };", "bad.key:1: expected a 'key' statement"},
      {"key \"k\" {\n algorithm hmac-sha256;\n};\n", "bad.key:1: key \"k\" has no secret"},
      {"key \"k\" {\n secret \"QUJD\";\n};\n", "bad.key:1: key \"k\" has no algorithm"},
      {"key \"k\" {\n algorithm hmac-sha999;\n};", "bad.key:2: unsupported algorithm 'hmac-sha999'"},
      {"key \"k\" {\n algorithm hmac-sha256;\n secret \"not base64!\";\n};", "bad.key:3: the secret is not valid base64"},
      {"key \"k\" {\n algorithm hmac-sha256\n secret \"QUJD\";\n};", "bad.key:3: expected ';' after the algorithm"},
      {"key \"k\" {\n algorithm hmac-sha256;\n secret \"QUJD\";\n}", "bad.key:4: expected ';' after '}'"},
      {"key \"k\" {\n algorithm hmac-sha256;\n secret \"QUJD", "bad.key:3: unterminated string"},
      {"/* never closed\nkey", "bad.key:1: unterminated /* comment"},
      {"key \"k\" {\n algorithm hmac-sha256; secret \"QUJD\"; };\nkey \"j\" { algorithm hmac-sha256; secret \"QUJD\"; };",
       "bad.key:3: a second key"},
      {"key \"bad..name\" { };", "bad.key:1: bad key name"},
  };
  for (const auto& c : cases) {
    auto key = parse_tsig_key(c.text, "bad.key");
    ASSERT_FALSE(key.has_value()) << c.text;
    EXPECT_EQ(key.error().code, ErrorCode::Invalid);
    EXPECT_NE(key.error().message.find(c.expected), std::string::npos) << c.text << " -> " << key.error().message;
  }
}

TEST(TsigKey, NeverQuotesTheSecretInAnError) {
  const std::string secret = kSecret;
  // The secret in the wrong places: unquoted where a statement goes, as the algorithm, bad padding.
  const std::string texts[] = {
      key_text(" algorithm hmac-sha256;\n " + secret + ";\n"),
      key_text(" algorithm " + secret + ";\n secret \"" + secret + "\";\n"),
      key_text(" algorithm hmac-sha256;\n secret \"" + secret + "=\";\n"),
      key_text(" algorithm hmac-sha256;\n secret \"" + secret + "\"\n"),
  };
  for (const auto& text : texts) {
    auto key = parse_tsig_key(text, "bad.key");
    ASSERT_FALSE(key.has_value()) << text;
    EXPECT_EQ(key.error().message.find(secret.substr(0, 12)), std::string::npos) << key.error().message;
  }
}

class TsigKeyFileTest : public ::testing::Test {
 protected:
  cutover::testing::TempDir dir_;
};

TEST_F(TsigKeyFileTest, ReadsAFileAndNamesAMissingOne) {
  std::string path = dir_.write("cutover.key", key_text(" algorithm hmac-sha512;\n secret \"" + std::string(kSecret) + "\";\n"));
  auto key = read_tsig_key_file(path);
  ASSERT_TRUE(key.has_value()) << key.error().message;
  EXPECT_EQ(key->algorithm, "hmac-sha512");

  auto missing = read_tsig_key_file((dir_ / "nope.key").string());
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_NE(missing.error().message.find("nope.key"), std::string::npos);
}

TEST_F(TsigKeyFileTest, ErrorsNameThePath) {
  std::string path = dir_.write("broken.key", "key \"k\" {\n algorithm hmac-sha256;\n");
  auto key = read_tsig_key_file(path);
  ASSERT_FALSE(key.has_value());
  EXPECT_NE(key.error().message.find(path + ":1: key statement is not closed"), std::string::npos) << key.error().message;
}

}  // namespace
}  // namespace cutover::dns
