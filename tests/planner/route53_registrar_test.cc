// Route53Registrar's wait for its UpdateDomainNameservers operation, over a
// scripted HTTP fake and a fake clock: SUCCESSFUL ends it, FAILED and the
// deadline are Provider errors naming the operation.

#include <gtest/gtest.h>

#include <map>

#include "planner/providers/route53_domains.h"
#include "tests/aws/fakes.h"
#include "tests/planner/fakes.h"

namespace cutover::planner {
namespace {

class Route53RegistrarTest : public ::testing::Test {
 protected:
  // Answers UpdateDomainNameservers with op-1, then GetOperationDetail with
  // `statuses` in turn (the last one repeated).
  std::shared_ptr<aws::Session> session_answering(std::vector<std::string> statuses) {
    install(statuses);
    return session();
  }
  std::shared_ptr<aws::Session> session() {
    auto session = aws::Session::create(
        {.region = "us-east-1",
         .environment = aws::Environment{{"AWS_ACCESS_KEY_ID", "AKIDTEST"}, {"AWS_SECRET_ACCESS_KEY", "secret"}, {"HOME", "/nonexistent"}},
         .http = http,
         .clock = aws_clock});
    EXPECT_TRUE(session.has_value());
    return std::shared_ptr<aws::Session>(std::move(*session));
  }
  static std::string target(const aws::HttpRequest& request) {
    for (const auto& h : request.headers) {
      if (h.name == "X-Amz-Target") return h.value.substr(h.value.find('.') + 1);
    }
    return {};
  }
  void install(std::vector<std::string> statuses) {
    http->handler = [this, statuses](const aws::HttpRequest& request) -> aws::Result<aws::HttpResponse> {
      if (target(request) == "UpdateDomainNameservers") return aws::HttpResponse{.status = 200, .body = R"({"OperationId":"op-1"})"};
      std::string status = statuses[std::min(polls++, statuses.size() - 1)];
      return aws::HttpResponse{
          .status = 200,
          .body = R"({"OperationId":"op-1","Status":")" + status + R"(","Message":"registry said no","Type":"UPDATE_NAMESERVER"})"};
    };
  }
  Route53Registrar registrar(std::shared_ptr<aws::Session> session) {
    return Route53Registrar(std::move(session), {.poll = std::chrono::seconds(5), .deadline = std::chrono::seconds(60), .clock = clock});
  }
  std::vector<dns::DomainName> wanted{dns::DomainName::parse("ns-1.awsdns-01.org").value()};
  dns::DomainName domain{dns::DomainName::parse("example.com").value()};
  std::shared_ptr<aws::testing::FakeHttp> http{std::make_shared<aws::testing::FakeHttp>()};
  std::shared_ptr<aws::testing::FakeClock> aws_clock{std::make_shared<aws::testing::FakeClock>()};
  std::shared_ptr<testing::FakeClock> clock{std::make_shared<testing::FakeClock>()};
  size_t polls{0};
};

TEST_F(Route53RegistrarTest, WaitsUntilTheOperationSucceeds) {
  auto r = registrar(session_answering({"SUBMITTED", "IN_PROGRESS", "SUCCESSFUL"}));
  auto set = r.set_delegation(domain, wanted, 0);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(polls, 3u);
  EXPECT_EQ(clock->slept, std::chrono::seconds(10));
  EXPECT_NE(http->requests[0].body.find(R"("Name":"ns-1.awsdns-01.org")"), std::string::npos) << http->requests[0].body;
}

TEST_F(Route53RegistrarTest, AFailedOperationIsAnErrorWithItsMessage) {
  auto r = registrar(session_answering({"IN_PROGRESS", "FAILED"}));
  auto set = r.set_delegation(domain, wanted, 0);
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, ErrorCode::Provider);
  EXPECT_NE(set.error().message.find("op-1 FAILED: registry said no"), std::string::npos) << set.error().message;
}

TEST_F(Route53RegistrarTest, TheDeadlineEndsTheWait) {
  auto r = registrar(session_answering({"IN_PROGRESS"}));
  auto set = r.set_delegation(domain, wanted, 0);
  ASSERT_FALSE(set.has_value());
  EXPECT_NE(set.error().message.find("still IN_PROGRESS after the deadline"), std::string::npos) << set.error().message;
  EXPECT_EQ(polls, 13u);  // at 0, 5, ..., 60 s
}

TEST_F(Route53RegistrarTest, AnUpdateStillRunningIsWaitedOutNotRepeated) {
  // A crashed run left its update IN_PROGRESS: ours is refused as a duplicate.
  std::map<std::string, int> calls;
  http->handler = [&](const aws::HttpRequest& request) -> aws::Result<aws::HttpResponse> {
    std::string op = target(request);
    int n = calls[op]++;
    if (op == "UpdateDomainNameservers") {
      return aws::HttpResponse{.status = 400, .body = R"({"__type":"DuplicateRequest","message":"in progress"})"};
    }
    if (op == "ListOperations") {
      return aws::HttpResponse{.status = 200, .body = R"({"Operations":[
        {"OperationId":"other","Status":"IN_PROGRESS","Type":"UPDATE_NAMESERVER","DomainName":"example.net","SubmittedDate":1769903940.0},
        {"OperationId":"op-0","Status":"IN_PROGRESS","Type":"UPDATE_NAMESERVER","DomainName":"example.com","SubmittedDate":1769903940.0}]})"};
    }
    if (op == "GetOperationDetail") {
      EXPECT_NE(request.body.find("op-0"), std::string::npos);
      return aws::HttpResponse{
          .status = 200, .body = std::string(R"({"OperationId":"op-0","Status":")") + (n == 0 ? "IN_PROGRESS" : "SUCCESSFUL") + R"("})"};
    }
    return aws::HttpResponse{.status = 200, .body = R"({"DomainName":"example.com","Nameservers":[{"Name":"ns-1.awsdns-01.org"}]})"};
  };
  auto r = registrar(session());
  auto set = r.set_delegation(domain, wanted, 0);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(calls["UpdateDomainNameservers"], 1);  // not sent again: the running update set our names
  EXPECT_EQ(calls["GetOperationDetail"], 2);
  EXPECT_EQ(calls["GetDomainDetail"], 1);
}

}  // namespace
}  // namespace cutover::planner
