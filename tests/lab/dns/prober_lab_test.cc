// The prober against real servers: answers, TCP fallback for a large RRset,
// a dead server reported as unreachable at once, a lame server as refused.

#include <gtest/gtest.h>

#include "dns/prober.h"
#include "tests/lab/dns/dns_lab_test.h"

namespace cutover::lab {
namespace {

using namespace std::chrono_literals;
using A = LabAddresses;

dns::ProbeRequest ask(const char* server, const char* name, dns::RecordType type) {
  return {.server = *dns::parse_server_address(server), .question = {.name = *dns::DomainName::parse(name), .type = type}};
}

class ProberLab : public DnsLabTest {};

TEST_F(ProberLab, AnswersAuthoritativelyFromEveryServer) {
  std::vector<dns::ProbeRequest> requests;
  for (const char* s : {A::kOld1, A::kOld2, A::kNew1, A::kNew2, A::kNew3})
    requests.push_back(ask(s, "www.example.test", dns::RecordType::A));
  auto outcomes = dns::probe(requests);
  ASSERT_TRUE(outcomes.has_value());
  for (const auto& o : *outcomes) {
    ASSERT_EQ(o.kind, dns::OutcomeKind::Answer);
    EXPECT_TRUE(o.reply.authoritative);
    ASSERT_EQ(o.reply.answer.size(), 1u);
    EXPECT_EQ(o.reply.answer[0].rdata, "192.0.2.10");
    EXPECT_EQ(o.reply.answer[0].ttl, 30u);
  }
}

TEST_F(ProberLab, LargeAnswerFallsBackToTcp) {
  std::vector<dns::ProbeRequest> requests{ask(A::kNew1, "big.example.test", dns::RecordType::TXT)};
  auto outcomes = dns::probe(requests, {.edns_udp_size = 1232});
  ASSERT_TRUE(outcomes.has_value());
  const auto& o = (*outcomes)[0];
  ASSERT_EQ(o.kind, dns::OutcomeKind::Answer) << o.detail;
  EXPECT_TRUE(o.reply.via_tcp);
  EXPECT_EQ(o.reply.answer.size(), 14u);
}

TEST_F(ProberLab, DeadServerIsUnreachableAtOnceAndLameServerRefuses) {
  std::vector<dns::ProbeRequest> requests{ask(A::kDead, "www.broken.test", dns::RecordType::A),
                                          ask(A::kDev, "www.broken.test", dns::RecordType::A),
                                          ask(A::kBroken, "www.broken.test", dns::RecordType::A)};
  auto started = std::chrono::steady_clock::now();
  auto outcomes = dns::probe(requests, {.timeout = 1000ms, .attempts = 3});
  auto elapsed = std::chrono::steady_clock::now() - started;
  ASSERT_TRUE(outcomes.has_value());
  // Nothing listens on 127.53.99.1:53: the ICMP port unreachable ends the query, no retries waited out.
  EXPECT_EQ((*outcomes)[0].kind, dns::OutcomeKind::Unreachable) << (*outcomes)[0].detail;
  EXPECT_EQ((*outcomes)[0].attempts, 1);
  EXPECT_LT(elapsed, 500ms);
  EXPECT_EQ((*outcomes)[1].kind, dns::OutcomeKind::Refused);
  EXPECT_EQ((*outcomes)[2].kind, dns::OutcomeKind::Answer);
}

TEST_F(ProberLab, ResolverFollowsTheLabHierarchy) {
  std::vector<dns::ProbeRequest> requests{ask(A::kUnbound, "app.dev.example.test", dns::RecordType::A)};
  requests[0].recursion_desired = true;
  auto outcomes = dns::probe(requests);
  ASSERT_TRUE(outcomes.has_value());
  ASSERT_EQ((*outcomes)[0].kind, dns::OutcomeKind::Answer);
  EXPECT_EQ((*outcomes)[0].reply.answer.back().rdata, "192.0.2.30");
}

}  // namespace
}  // namespace cutover::lab
