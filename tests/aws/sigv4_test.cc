// SigV4 stages on the tool's own requests: the non-S3 double encoding of
// paths, query encoding and sorting, header canonicalisation.

#include "aws/sigv4.h"

#include <gtest/gtest.h>

namespace cutover::aws {
namespace {

TEST(CanonicalUri, EncodesTheOnWirePathAgain) {
  // On the wire "%2A" is an encoded '*'; non-S3 services sign it encoded twice.
  EXPECT_EQ(canonical_uri("/2013-04-01/hostedzone/Z1/rrset/%2A", true), "/2013-04-01/hostedzone/Z1/rrset/%252A");
  EXPECT_EQ(canonical_uri("/a%20b/", false), "/a%2520b/");
}

TEST(CanonicalUri, ToolPathsAreUnchanged) {
  EXPECT_EQ(canonical_uri("/2013-04-01/hostedzone/Z0123/rrset/", true), "/2013-04-01/hostedzone/Z0123/rrset/");
  EXPECT_EQ(canonical_uri("/", true), "/");
  EXPECT_EQ(canonical_uri("", true), "/");
}

TEST(CanonicalUri, NormalisesDotsAndSlashes) {
  EXPECT_EQ(canonical_uri("//a/./b/../c//", true), "/a/c/");
  EXPECT_EQ(canonical_uri("/a/..", true), "/");
  EXPECT_EQ(canonical_uri("//a/./b", false), "//a/./b");
}

TEST(CanonicalQuery, SortsByEncodedNameThenValue) {
  QueryParams query = {{"b", "2"}, {"a", "z"}, {"a", "y"}, {"c d", "e/f"}, {"empty", ""}};
  EXPECT_EQ(canonical_query(query), "a=y&a=z&b=2&c%20d=e%2Ff&empty=");
}

TEST(CanonicalHeaders, SkipsHeadersBotocoreNeverSigns) {
  CanonicalHeaders headers = canonical_headers({{"Host", "route53.amazonaws.com"},
                                                {"User-Agent", "cutover"},
                                                {"Expect", ""},
                                                {"X-Amz-Date", "20260131T235900Z"},
                                                {"Content-Type", " text/xml  ;  a "}});
  EXPECT_EQ(headers.signed_names, "content-type;host;x-amz-date");
  EXPECT_EQ(headers.block, "content-type:text/xml ; a\nhost:route53.amazonaws.com\nx-amz-date:20260131T235900Z\n");
}

TEST(Sign, SessionTokenIsSignedAndScopeIsDated) {
  SigningRequest request{
      .method = "POST", .path = "/", .headers = {{"Host", "sts.eu-west-1.amazonaws.com"}}, .payload_hash = to_hex(sha256(""))};
  Credentials credentials{.access_key_id = "AKIDEXAMPLE", .secret_access_key = "secret", .session_token = "token"};
  SigningOptions options{
      .region = "eu-west-1",
      .service = "sts",
      .time = std::chrono::sys_days{std::chrono::January / 31 / 2026} + std::chrono::hours{23} + std::chrono::minutes{59}};
  Signed result = sign(request, credentials, options);
  ASSERT_EQ(result.added_headers.size(), 3u);
  EXPECT_EQ(result.added_headers[0].value, "20260131T235900Z");
  EXPECT_EQ(result.added_headers[1].name, "X-Amz-Security-Token");
  EXPECT_TRUE(
      result.added_headers[2].value.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260131/eu-west-1/sts/aws4_request, "
                                                "SignedHeaders=host;x-amz-date;x-amz-security-token, Signature="));
}

TEST(Uri, DecodeAndEncodeRoundTrip) {
  EXPECT_EQ(uri_encode("a b+c*~/", false), "a%20b%2Bc%2A~%2F");
  EXPECT_EQ(uri_encode("a/b", true), "a/b");
  EXPECT_EQ(percent_decode("%E1%88%B4%zz%4"), "\xE1\x88\xB4%zz%4");
  QueryParams parsed = parse_query("a=1&b&c=%2F");
  ASSERT_EQ(parsed.size(), 3u);
  EXPECT_EQ(parsed[1], (std::pair<std::string, std::string>{"b", ""}));
  EXPECT_EQ(parsed[2].second, "/");
}

}  // namespace
}  // namespace cutover::aws
