// ServiceClient over a fake HTTP server and a fake clock: signing on the wire,
// the retry rules of standard mode, and that nothing non-idempotent is re-sent
// after an ambiguous failure.

#include "aws/service_client.h"

#include <gtest/gtest.h>

#include "tests/aws/fakes.h"

namespace cutover::aws {
namespace {

using testing::FakeClock;
using testing::FakeHttp;

const char* kThrottled =
    "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
    "<RequestId>r-1</RequestId></ErrorResponse>";

class ServiceClientTest : public ::testing::Test {
 protected:
  ServiceClient client(bool with_quota = true) {
    CallContext context{.http = &http,
                        .credentials = &credentials,
                        .clock = &clock,
                        .limiter = nullptr,
                        .quota = with_quota ? &quota : nullptr,
                        .random = [] { return 0.5; },
                        .rate_key_prefix = "test",
                        .on_retry = [this](const RetryEvent& e) { events.push_back(e); }};
    return ServiceClient(
        {.url = "http://127.0.0.1:4566/", .signing_region = "us-east-1", .signing_name = "route53", .protocol = Protocol::RestXml},
        context);
  }

  FakeHttp http;
  FakeClock clock;
  RetryQuota quota;
  StaticCredentialsProvider credentials{Credentials{.access_key_id = "AKIDTEST", .secret_access_key = "s3cret", .session_token = "tok"}};
  std::vector<RetryEvent> events;
};

TEST_F(ServiceClientTest, SignsWithHostPortAndToken) {
  http.reply(200, "<ok/>");
  auto response =
      client().call({.operation = "GetHostedZone", .method = "GET", .path = "/2013-04-01/hostedzone/Z1", .query = {{"maxitems", "1"}}});
  ASSERT_TRUE(response.has_value());
  ASSERT_EQ(http.requests.size(), 1u);
  const HttpRequest& sent = http.requests[0];
  EXPECT_EQ(sent.url, "http://127.0.0.1:4566/2013-04-01/hostedzone/Z1?maxitems=1");
  EXPECT_EQ(find_header(sent.headers, "host"), "127.0.0.1:4566");
  EXPECT_EQ(find_header(sent.headers, "x-amz-date"), "20260131T235900Z");
  EXPECT_EQ(find_header(sent.headers, "x-amz-security-token"), "tok");
  auto authorization = find_header(sent.headers, "authorization");
  ASSERT_TRUE(authorization.has_value());
  EXPECT_TRUE(
      authorization->starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/20260131/us-east-1/route53/"
                                 "aws4_request, SignedHeaders=host;x-amz-date;x-amz-security-token"));
}

TEST_F(ServiceClientTest, ThrottledCallIsRetriedWithBackoffAndSucceeds) {
  http.reply(400, kThrottled);
  http.reply(400, kThrottled);
  http.reply(200, "<ok/>");
  auto response = client().call({.operation = "ChangeResourceRecordSets", .idempotent = false});
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(http.requests.size(), 3u);
  // Full jitter with random 0.5: 0.5 × 1 s, then 0.5 × 2 s.
  ASSERT_EQ(clock.slept.size(), 2u);
  EXPECT_EQ(clock.slept[0], std::chrono::milliseconds(500));
  EXPECT_EQ(clock.slept[1], std::chrono::milliseconds(1000));
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].error.aws_code, "Throttling");
  // Each retry is re-signed at the new time.
  EXPECT_NE(find_header(http.requests[0].headers, "x-amz-date"), find_header(http.requests[2].headers, "x-amz-date"));
}

TEST_F(ServiceClientTest, KeepsFailingStopsAtTheLimitWithAClearError) {
  for (int i = 0; i < 5; ++i)
    http.reply(503,
               "<ErrorResponse><Error><Code>ServiceUnavailable</Code>"
               "<Message>try later</Message></Error></ErrorResponse>");
  auto response = client().call({.operation = "GetHostedZone", .method = "GET"});
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(http.requests.size(), 3u);  // max_attempts 3 counts the first
  EXPECT_EQ(response.error().http_status, 503);
  EXPECT_EQ(response.error().aws_code, "ServiceUnavailable");
  EXPECT_EQ(response.error().message, "GetHostedZone: try later (gave up after 3 attempts)");
}

TEST_F(ServiceClientTest, NonIdempotentIsNotResentAfterAmbiguousFailure) {
  http.reply(500, "");
  auto response = client().call({.operation = "RestoreDBClusterToPointInTime", .idempotent = false});
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(response.error().http_status, 500);

  http.fail_transport(/*maybe_sent=*/true, "Timeout");
  response = client().call({.operation = "CreateDBInstance", .idempotent = false});
  EXPECT_EQ(http.requests.size(), 2u);
  EXPECT_EQ(response.error().code, ErrorCode::Transport);
}

TEST_F(ServiceClientTest, NonIdempotentIsResentWhenSurelyNotSent) {
  http.fail_transport(/*maybe_sent=*/false);
  http.reply(200, "<ok/>");
  auto response = client().call({.operation = "CreateDBInstance", .idempotent = false});
  EXPECT_TRUE(response.has_value());
  EXPECT_EQ(http.requests.size(), 2u);
}

TEST_F(ServiceClientTest, ValidationErrorsAreFinal) {
  http.reply(400,
             "<InvalidChangeBatch><Messages><Message>a</Message><Message>b</Message></Messages>"
             "<RequestId>r-9</RequestId></InvalidChangeBatch>");
  auto response = client().call({.operation = "ChangeResourceRecordSets"});
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(http.requests.size(), 1u);
  EXPECT_EQ(response.error().code, ErrorCode::Invalid);
  EXPECT_EQ(response.error().aws_code, "InvalidChangeBatch");
  EXPECT_EQ(response.error().message, "ChangeResourceRecordSets: a; b");
  EXPECT_EQ(response.error().request_id, "r-9");
}

TEST_F(ServiceClientTest, RetryAfterIsAFloor) {
  http.reply(400, kThrottled, {{"Retry-After", "7"}});
  http.reply(200, "<ok/>");
  ASSERT_TRUE(client().call({.operation = "GetChange"}).has_value());
  ASSERT_EQ(clock.slept.size(), 1u);
  EXPECT_EQ(clock.slept[0], std::chrono::seconds(7));
}

TEST_F(ServiceClientTest, EmptyQuotaStopsRetrying) {
  while (quota.acquire(false)) {}
  http.reply(400, kThrottled);
  http.reply(200, "<ok/>");
  auto response = client().call({.operation = "GetChange"});
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().code, ErrorCode::Throttled);
  EXPECT_EQ(http.requests.size(), 1u);
}

TEST_F(ServiceClientTest, TransportErrorMessagesAreRedacted) {
  http.script.push_back(std::unexpected(
      Error{.code = ErrorCode::Transport, .message = "failed X-Amz-Security-Token: abc Signature=deadbeef", .maybe_sent = false}));
  ServiceClient c = client();
  http.script.push_back(http.script.front());
  http.script.push_back(http.script.front());
  auto response = c.call({.operation = "GetChange"});
  ASSERT_FALSE(response.has_value());
  EXPECT_EQ(response.error().message.find("abc"), std::string::npos);
  EXPECT_EQ(response.error().message.find("deadbeef"), std::string::npos);
}

}  // namespace
}  // namespace cutover::aws
