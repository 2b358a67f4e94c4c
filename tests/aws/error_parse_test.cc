// Error bodies of the three wire formats become Error values.

#include "aws/error_parse.h"

#include <gtest/gtest.h>

namespace cutover::aws {
namespace {

TEST(ErrorParse, XmlErrorResponse) {
  Error e =
      parse_error_response({.status = 404,
                            .body = R"(<ErrorResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/"><Error><Type>Sender</Type>)"
                                    R"(<Code>NoSuchHostedZone</Code><Message>No hosted zone found with ID: Z0</Message></Error>)"
                                    R"(<RequestId>9f4c</RequestId></ErrorResponse>)"},
                           Protocol::RestXml);
  EXPECT_EQ(e.code, ErrorCode::NotFound);
  EXPECT_EQ(e.aws_code, "NoSuchHostedZone");
  EXPECT_EQ(e.http_status, 404);
  EXPECT_EQ(e.request_id, "9f4c");
  EXPECT_EQ(describe(e), "NoSuchHostedZone (HTTP 404): No hosted zone found with ID: Z0 [request 9f4c]");
}

TEST(ErrorParse, JsonTypeWithNamespaceAndSuffix) {
  Error e = parse_error_response({.status = 400,
                                  .headers = {{"x-amzn-RequestId", "r-2"}},
                                  .body = R"({"__type":"com.amazonaws.route53domains#InvalidInput:extra","message":"bad"})"},
                                 Protocol::Json);
  EXPECT_EQ(e.aws_code, "InvalidInput");
  EXPECT_EQ(e.code, ErrorCode::Invalid);
  EXPECT_EQ(e.message, "bad");
  EXPECT_EQ(e.request_id, "r-2");
}

TEST(ErrorParse, EmptyBodyKeepsTheStatus) {
  Error e = parse_error_response({.status = 503, .body = ""}, Protocol::Query);
  EXPECT_EQ(e.http_status, 503);
  EXPECT_EQ(e.code, ErrorCode::Service);
  EXPECT_FALSE(e.message.empty());
}

TEST(ErrorParse, CodesMapToKinds) {
  EXPECT_EQ(classify_aws_code("Throttling", 400), ErrorCode::Throttled);
  EXPECT_EQ(classify_aws_code("SignatureDoesNotMatch", 403), ErrorCode::Auth);
  EXPECT_EQ(classify_aws_code("DBClusterNotFoundFault", 404), ErrorCode::NotFound);
  EXPECT_EQ(classify_aws_code("DBInstanceNotFound", 404), ErrorCode::NotFound);
  EXPECT_EQ(classify_aws_code("HostedZoneAlreadyExists", 409), ErrorCode::Conflict);
  EXPECT_EQ(classify_aws_code("InvalidDBClusterStateFault", 400), ErrorCode::Conflict);
  EXPECT_EQ(classify_aws_code("PriorRequestNotComplete", 400), ErrorCode::Conflict);
  EXPECT_EQ(classify_aws_code("InvalidParameterValue", 400), ErrorCode::Invalid);
  EXPECT_EQ(classify_aws_code("", 500), ErrorCode::Service);
}

}  // namespace
}  // namespace cutover::aws
