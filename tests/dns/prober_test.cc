// The prober's socket driver against a fake server on a loopback port of its
// own: IPv4 and IPv6, a port other than 53, many queries in flight, TCP
// fallback after a truncated reply, a silent server and a closed port.

#include "dns/prober.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>

#include "tests/dns/fake_dns_server.h"

namespace cutover::dns {
namespace {

using namespace std::chrono_literals;
using test::FakeDnsServer;

ProbeRequest ask(const std::string& server, const std::string& name) {
  return ProbeRequest{.server = *parse_server_address(server), .question = {.name = *DomainName::parse(name), .type = RecordType::A}};
}

TEST(ProberTest, AnswersOverIpv4OnItsOwnPort) {
  FakeDnsServer server({.family = AF_INET});
  ASSERT_NE(server.port(), 0);
  std::vector<ProbeRequest> requests{ask("127.0.0.1@" + std::to_string(server.port()), "www.example.test")};
  auto outcomes = probe(requests, {.timeout = 500ms});
  ASSERT_TRUE(outcomes.has_value());
  ASSERT_EQ((*outcomes)[0].kind, OutcomeKind::Answer) << (*outcomes)[0].detail;
  EXPECT_EQ((*outcomes)[0].reply.answer.at(0).rdata, "192.0.2.1");
}

TEST(ProberTest, AnswersOverIpv6) {
  FakeDnsServer server({.family = AF_INET6});
  if (server.port() == 0) GTEST_SKIP() << "no IPv6 loopback on this host";
  std::vector<ProbeRequest> requests{ask("[::1]:" + std::to_string(server.port()), "www.example.test")};
  auto outcomes = probe(requests, {.timeout = 500ms});
  ASSERT_TRUE(outcomes.has_value());
  EXPECT_EQ((*outcomes)[0].kind, OutcomeKind::Answer) << (*outcomes)[0].detail;
}

TEST(ProberTest, ManyQueriesInFlightAreEachMatchedToTheirQuestion) {
  FakeDnsServer server({.family = AF_INET});
  ASSERT_NE(server.port(), 0);
  std::vector<Question> questions;
  for (int i = 0; i < 2000; ++i) {
    questions.push_back({.name = *DomainName::parse("n" + std::to_string(i) + ".example.test"), .type = RecordType::A});
  }
  std::vector<ServerAddress> servers{*parse_server_address("127.0.0.1@" + std::to_string(server.port()))};
  std::vector<int> seen(questions.size(), 0);
  std::size_t answered = 0;
  ProbeTotals totals;
  auto ran = probe_matrix(
      servers, questions, {.timeout = 1s, .max_in_flight_per_server = 200}, false,
      [&](std::size_t, std::size_t q, Outcome&& o) {
        seen[q] += 1;
        if (o.kind == OutcomeKind::Answer && o.reply.answer.at(0).name == questions[q].name) ++answered;
      },
      &totals);
  ASSERT_TRUE(ran.has_value());
  EXPECT_EQ(answered, questions.size());
  EXPECT_TRUE(std::ranges::all_of(seen, [](int n) { return n == 1; }));
  EXPECT_GE(totals.replies, questions.size());
  EXPECT_GE(totals.sent, questions.size());
}

// More questions than probe_matrix keeps open at once (16,384), and a silent
// server beside a live one: every (server, question) ends exactly once, the
// live server answers them all, and the silent one, once given up, costs no
// retry schedule for the questions submitted after it was.
TEST(ProberTest, MatrixLongerThanItsWindowWithASilentServer) {
  FakeDnsServer live({.family = AF_INET});
  FakeDnsServer silent({.family = AF_INET, .silent = true});
  ASSERT_NE(live.port(), 0);
  ASSERT_NE(silent.port(), 0);
  QuestionList questions;
  for (int i = 0; i < 20000; ++i)
    questions.push_back({.name = *DomainName::parse("n" + std::to_string(i) + ".example.test"), .type = RecordType::A});
  std::vector<ServerAddress> servers{*parse_server_address("127.0.0.1@" + std::to_string(live.port())),
                                     *parse_server_address("127.0.0.1@" + std::to_string(silent.port()))};
  std::vector<std::array<int, 2>> seen(questions.size(), {0, 0});
  std::size_t answered = 0;
  std::size_t timed_out = 0;
  auto started = std::chrono::steady_clock::now();
  auto ran = probe_matrix(servers, questions, {.timeout = 50ms, .attempts = 2, .max_in_flight_per_server = 64}, false,
                          [&](std::size_t s, std::size_t q, Outcome&& o) {
                            seen[q][s] += 1;
                            if (s == 0 && o.kind == OutcomeKind::Answer && o.reply.answer.at(0).name == questions[q].name) ++answered;
                            if (s == 1 && o.kind == OutcomeKind::Timeout) ++timed_out;
                          });
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(ran.has_value());
  EXPECT_EQ(answered, questions.size());
  EXPECT_EQ(timed_out, questions.size());
  EXPECT_TRUE(std::ranges::all_of(seen, [](const auto& n) { return n[0] == 1 && n[1] == 1; }));
  EXPECT_LT(silent.udp_queries(), 200);  // the first ones and their retries, then nothing
  EXPECT_LT(elapsed, 20s);
}

TEST(ProberTest, TruncatedUdpReplyIsRepeatedOverTcp) {
  FakeDnsServer server({.family = AF_INET, .truncate_udp = true});
  ASSERT_NE(server.port(), 0);
  std::vector<ProbeRequest> requests{ask("127.0.0.1:" + std::to_string(server.port()), "big.example.test")};
  auto outcomes = probe(requests, {.timeout = 500ms});
  ASSERT_TRUE(outcomes.has_value());
  const auto& o = (*outcomes)[0];
  ASSERT_EQ(o.kind, OutcomeKind::Answer) << o.detail;
  EXPECT_TRUE(o.reply.via_tcp);
  EXPECT_FALSE(o.reply.truncated);
}

TEST(ProberTest, SilentServerTimesOutAfterEveryAttempt) {
  FakeDnsServer server({.family = AF_INET, .silent = true});
  ASSERT_NE(server.port(), 0);
  std::vector<ProbeRequest> requests{ask("127.0.0.1@" + std::to_string(server.port()), "www.example.test")};
  auto started = std::chrono::steady_clock::now();
  auto outcomes = probe(requests, {.timeout = 50ms, .backoff = 2.0, .attempts = 3});
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(outcomes.has_value());
  EXPECT_EQ((*outcomes)[0].kind, OutcomeKind::Timeout);
  // 50 + 100 + 200 ms of retries; the driver once slept a further second
  // after the last timeout, waiting on nothing.
  EXPECT_LT(elapsed, 900ms);
  EXPECT_EQ((*outcomes)[0].attempts, 3);
  EXPECT_EQ(server.udp_queries(), 3);
}

TEST(ProberTest, ClosedPortFailsAtOnceInsteadOfTimingOut) {
  // A port nothing listens on: bind one, note it, close it. Loopback answers
  // with ICMP port unreachable, which must end the query at once.
  int port = 0;
  {
    FakeDnsServer server({.family = AF_INET});
    port = server.port();
  }
  ASSERT_NE(port, 0);
  std::vector<ProbeRequest> requests{ask("127.0.0.1@" + std::to_string(port), "www.example.test"),
                                     ask("127.0.0.1@" + std::to_string(port), "mail.example.test")};
  auto started = std::chrono::steady_clock::now();
  auto outcomes = probe(requests, {.timeout = 1000ms, .attempts = 3});
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(outcomes.has_value());
  for (const auto& o : *outcomes) {
    EXPECT_EQ(o.kind, OutcomeKind::Unreachable) << o.detail;
    EXPECT_NE(o.detail.find("port unreachable"), std::string::npos) << o.detail;
  }
  EXPECT_LT(elapsed, 500ms);  // the retry schedule alone is 1 + 2 + 4 s
}

}  // namespace
}  // namespace cutover::dns
