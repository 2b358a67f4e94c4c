// Secrets are removed from headers and texts before anything shows them.

#include "aws/redact.h"

#include <gtest/gtest.h>

namespace cutover::aws {
namespace {

TEST(Redact, SecretHeaders) {
  auto headers = redact_headers({{"Authorization", "AWS4-HMAC-SHA256 Credential=..."}, {"x-amz-security-token", "tok"}, {"Host", "h"}});
  EXPECT_EQ(headers[0].value, "***");
  EXPECT_EQ(headers[1].value, "***");
  EXPECT_EQ(headers[2].value, "h");
}

TEST(Redact, Texts) {
  EXPECT_EQ(redact_text("Signature=abc123, X-Amz-Security-Token=tok&x=1"), "Signature=***, X-Amz-Security-Token=***&x=1");
  EXPECT_EQ(redact_text("<SecretAccessKey>k</SecretAccessKey><SessionToken>t</SessionToken>"),
            "<SecretAccessKey>***</SecretAccessKey><SessionToken>***</SessionToken>");
  EXPECT_EQ(redact_text(R"({"OperationId":"op","Password":"kX'9\"q"})"), R"({"OperationId":"op","Password":"***"})");
  EXPECT_EQ(redact_text("aws_secret_access_key = abc"), "aws_secret_access_key = ***");
  EXPECT_EQ(redact_text("nothing secret"), "nothing secret");
}

}  // namespace
}  // namespace cutover::aws
