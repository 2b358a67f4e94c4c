// ProbeEngine on canned packets and a fake clock: matching by id, server and
// question; retries with backoff; TCP fallback on TC; windows and rate limits.

#include "dns/probe_engine.h"

#include <gtest/gtest.h>

#include "dns/wire.h"
#include "tests/dns/canned_reply.h"

namespace cutover::dns::detail {
namespace {

using namespace std::chrono_literals;
using test::CannedReply;
using test::wire_of;

const ProbeEngine::TimePoint kT0{};

Question question(const char* name, RecordType type = RecordType::A) { return Question{.name = *DomainName::parse(name), .type = type}; }

class ProbeEngineTest : public ::testing::Test {
 protected:
  ProbeEngine make(ProbeOptions options = {.timeout = 100ms, .backoff = 2.0, .attempts = 3}, std::size_t servers = 1) {
    return ProbeEngine(options, servers, 42);
  }
  std::size_t add(ProbeEngine& engine, std::size_t server, const Question& q) {
    auto wire = build_query(q, {});
    EXPECT_TRUE(wire.has_value());
    return engine.submit(server, engine.prepare(q, *wire));
  }
  std::vector<ProbeEngine::Send> sends(ProbeEngine& engine, ProbeEngine::TimePoint now) {
    std::vector<ProbeEngine::Send> out;
    engine.poll_sends(now, out, 1000);
    return out;
  }
  std::vector<ProbeEngine::Completed> completed(ProbeEngine& engine) {
    std::vector<ProbeEngine::Completed> out;
    engine.take_completed(out);
    return out;
  }
  CannedReply answer_for(std::uint16_t id) { return CannedReply{.id = id, .answer = {"www.example.test. 300 IN A 192.0.2.1"}}; }
  // Asks big.example.test TXT and answers its UDP query with TC set, as a
  // server does when the answer is too large: the engine should turn to TCP.
  std::size_t add_truncated_over_udp(ProbeEngine& engine) {
    auto token = add(engine, 0, question("big.example.test", RecordType::TXT));
    auto out = sends(engine, kT0);
    CannedReply truncated{.qname = "big.example.test.", .qtype = LDNS_RR_TYPE_TXT, .id = out[0].id, .tc = true};
    engine.on_datagram(0, wire_of(truncated), kT0 + 1ms);
    return token;
  }
};

TEST_F(ProbeEngineTest, MatchesReplyByIdAndQuestion) {
  auto engine = make();
  add(engine, 0, question("www.example.test"));
  auto out = sends(engine, kT0);
  ASSERT_EQ(out.size(), 1u);
  engine.on_datagram(0, wire_of(answer_for(out[0].id)), kT0 + 7ms);
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].outcome.kind, OutcomeKind::Answer);
  ASSERT_EQ(done[0].outcome.reply.answer.size(), 1u);
  EXPECT_EQ(done[0].outcome.reply.answer[0].rdata, "192.0.2.1");
  EXPECT_EQ(done[0].outcome.reply.answer[0].ttl, 300u);
  EXPECT_TRUE(done[0].outcome.reply.authoritative);
  EXPECT_EQ(done[0].outcome.rtt, 7ms);
  EXPECT_EQ(done[0].outcome.attempts, 1);
  EXPECT_TRUE(engine.done());
}

TEST_F(ProbeEngineTest, IgnoresWrongIdWrongQuestionAndWrongServer) {
  auto engine = make({.timeout = 100ms}, 2);
  add(engine, 0, question("www.example.test"));
  auto out = sends(engine, kT0);
  ASSERT_EQ(out.size(), 1u);
  std::uint16_t id = out[0].id;
  engine.on_datagram(0, wire_of(answer_for(static_cast<std::uint16_t>(id + 1))), kT0 + 1ms);
  CannedReply other = answer_for(id);
  other.qname = "mail.example.test.";
  engine.on_datagram(0, wire_of(other), kT0 + 2ms);
  engine.on_datagram(1, wire_of(answer_for(id)), kT0 + 3ms);  // right id, other server
  CannedReply query_not_reply = answer_for(id);
  query_not_reply.qr = false;
  engine.on_datagram(0, wire_of(query_not_reply), kT0 + 4ms);
  EXPECT_TRUE(completed(engine).empty());
  EXPECT_EQ(engine.stats().unmatched, 2u);
  EXPECT_EQ(engine.stats().mismatched, 2u);
  engine.on_datagram(0, wire_of(answer_for(id)), kT0 + 5ms);
  EXPECT_EQ(completed(engine).size(), 1u);
}

TEST_F(ProbeEngineTest, QuestionMatchIsCaseInsensitive) {
  auto engine = make();
  add(engine, 0, question("www.example.test"));
  auto out = sends(engine, kT0);
  CannedReply reply = answer_for(out[0].id);
  reply.qname = "WWW.Example.TEST.";
  engine.on_datagram(0, wire_of(reply), kT0 + 1ms);
  EXPECT_EQ(completed(engine).size(), 1u);
}

TEST_F(ProbeEngineTest, IgnoresGarbageAndKeepsWaiting) {
  auto engine = make();
  add(engine, 0, question("www.example.test"));
  auto out = sends(engine, kT0);
  std::vector<std::uint8_t> short_packet{0x12, 0x34, 0x81};
  engine.on_datagram(0, short_packet, kT0 + 1ms);
  auto truncated_bytes = wire_of(answer_for(out[0].id));
  truncated_bytes.resize(truncated_bytes.size() - 3);  // cut inside the answer record
  engine.on_datagram(0, truncated_bytes, kT0 + 1ms);
  EXPECT_EQ(engine.stats().malformed, 2u);
  EXPECT_TRUE(completed(engine).empty());
  engine.on_datagram(0, wire_of(answer_for(out[0].id)), kT0 + 2ms);
  EXPECT_EQ(completed(engine).size(), 1u);
}

TEST_F(ProbeEngineTest, RetriesWithBackoffThenTimesOut) {
  auto engine = make({.timeout = 100ms, .backoff = 2.0, .attempts = 3});
  add(engine, 0, question("www.example.test"));
  ASSERT_EQ(sends(engine, kT0).size(), 1u);
  EXPECT_TRUE(sends(engine, kT0 + 99ms).empty());
  EXPECT_EQ(engine.next_wakeup(), kT0 + 100ms);
  auto second = sends(engine, kT0 + 100ms);  // first timeout: resend
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(engine.next_wakeup(), kT0 + 300ms);  // second attempt waits 200 ms
  EXPECT_TRUE(sends(engine, kT0 + 299ms).empty());
  auto third = sends(engine, kT0 + 300ms);
  ASSERT_EQ(third.size(), 1u);
  EXPECT_TRUE(completed(engine).empty());
  EXPECT_TRUE(sends(engine, kT0 + 700ms).empty());  // third waits 400 ms: gives up
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].outcome.kind, OutcomeKind::Timeout);
  EXPECT_EQ(done[0].outcome.attempts, 3);
  EXPECT_EQ(engine.stats().retries, 2u);
  EXPECT_TRUE(engine.done());
}

TEST_F(ProbeEngineTest, ReplyToRetryCompletesAndLateReplyToFirstIsIgnored) {
  auto engine = make();
  add(engine, 0, question("www.example.test"));
  auto first = sends(engine, kT0);
  auto second = sends(engine, kT0 + 100ms);
  ASSERT_EQ(second.size(), 1u);
  if (first[0].id != second[0].id) {
    engine.on_datagram(0, wire_of(answer_for(first[0].id)), kT0 + 110ms);
    EXPECT_TRUE(completed(engine).empty());
  }
  engine.on_datagram(0, wire_of(answer_for(second[0].id)), kT0 + 120ms);
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].outcome.attempts, 2);
  EXPECT_EQ(done[0].outcome.rtt, 20ms);
}

TEST_F(ProbeEngineTest, TruncatedReplyFallsBackToTcp) {
  auto engine = make();
  auto token = add_truncated_over_udp(engine);
  EXPECT_TRUE(completed(engine).empty());
  auto tcp = engine.take_tcp_requests();
  ASSERT_EQ(tcp, std::vector<std::size_t>{token});
  EXPECT_TRUE(sends(engine, kT0 + 1s).empty());  // no UDP timeout while TCP is pending
  CannedReply full{.qname = "big.example.test.",
                   .qtype = LDNS_RR_TYPE_TXT,
                   .id = 7,
                   .answer = {"big.example.test. 60 IN TXT \"part one\"", "big.example.test. 60 IN TXT \"part two\""}};
  engine.on_tcp_reply(token, wire_of(full), kT0 + 2ms);
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].outcome.kind, OutcomeKind::Answer);
  EXPECT_TRUE(done[0].outcome.reply.via_tcp);
  EXPECT_EQ(done[0].outcome.reply.answer.size(), 2u);
}

TEST_F(ProbeEngineTest, FailedTcpIsANetworkErrorNotAnAnswer) {
  auto engine = make();
  auto token = add_truncated_over_udp(engine);
  ASSERT_EQ(engine.take_tcp_requests().size(), 1u);
  engine.on_tcp_error(token, "connection refused");
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].outcome.kind, OutcomeKind::NetworkError);
  EXPECT_NE(done[0].outcome.detail.find("connection refused"), std::string::npos);
}

TEST_F(ProbeEngineTest, IcmpUnreachableEndsTheQueryAndTheServersQueueAtOnce) {
  auto engine = make({.timeout = 100ms, .attempts = 3, .max_in_flight_per_server = 1}, 2);
  auto first = add(engine, 0, question("www.example.test"));
  auto queued = add(engine, 0, question("mail.example.test"));
  auto other = add(engine, 1, question("www.example.test"));
  auto out = sends(engine, kT0);
  ASSERT_EQ(out.size(), 2u);  // one per server: the window of server 0 holds one
  std::uint16_t id0 = out[0].server == 0 ? out[0].id : out[1].id;
  engine.on_unreachable(0, static_cast<std::uint16_t>(id0 + 1), "port unreachable");  // not an id in flight: ignored
  EXPECT_TRUE(completed(engine).empty());
  engine.on_unreachable(0, id0, "port unreachable (ICMP): nothing listens there");
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 2u);
  for (const auto& d : done) {
    EXPECT_TRUE(d.token == first || d.token == queued);
    EXPECT_EQ(d.outcome.kind, OutcomeKind::Unreachable);
    EXPECT_NE(d.outcome.detail.find("port unreachable"), std::string::npos);
    EXPECT_FALSE(responded(d.outcome.kind));
  }
  EXPECT_FALSE(engine.finished());  // the other server's query still waits
  std::uint16_t id1 = out[0].server == 1 ? out[0].id : out[1].id;
  engine.on_datagram(1, wire_of(answer_for(id1)), kT0 + 1ms);
  done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].token, other);
  EXPECT_EQ(done[0].outcome.kind, OutcomeKind::Answer);
  EXPECT_TRUE(engine.done());
}

TEST_F(ProbeEngineTest, ClassifiesRcodesAndReferrals) {
  struct Case {
    CannedReply reply;
    OutcomeKind expected;
  };
  std::vector<Case> cases = {
      {CannedReply{.rcode = LDNS_RCODE_REFUSED}, OutcomeKind::Refused},
      {CannedReply{.rcode = LDNS_RCODE_NXDOMAIN}, OutcomeKind::NxDomain},
      {CannedReply{.rcode = LDNS_RCODE_SERVFAIL}, OutcomeKind::ServerFailure},
      {CannedReply{.aa = true, .authority = {"example.test. 60 IN SOA ns1.example.test. h.example.test. 1 2 3 4 5"}}, OutcomeKind::NoData},
      {CannedReply{.aa = false, .authority = {"example.test. 60 IN NS ns1.example.test."}}, OutcomeKind::Referral},
  };
  for (const auto& c : cases) {
    auto engine = make();
    add(engine, 0, question("www.example.test"));
    auto out = sends(engine, kT0);
    CannedReply reply = c.reply;
    reply.id = out[0].id;
    engine.on_datagram(0, wire_of(reply), kT0 + 1ms);
    auto done = completed(engine);
    ASSERT_EQ(done.size(), 1u);
    EXPECT_EQ(done[0].outcome.kind, c.expected) << to_string(c.expected);
  }
}

TEST_F(ProbeEngineTest, KeepsWindowPerServerAndRoundRobins) {
  auto engine = make({.timeout = 100ms, .max_in_flight_per_server = 2}, 2);
  for (int i = 0; i < 5; ++i) {
    add(engine, 0, question("www.example.test"));
    add(engine, 1, question("www.example.test"));
  }
  auto out = sends(engine, kT0);
  ASSERT_EQ(out.size(), 4u);
  EXPECT_NE(out[0].server, out[1].server);
  EXPECT_TRUE(sends(engine, kT0 + 1ms).empty());
  engine.on_datagram(out[0].server, wire_of(answer_for(out[0].id)), kT0 + 2ms);
  auto refill = sends(engine, kT0 + 2ms);
  ASSERT_EQ(refill.size(), 1u);
  EXPECT_EQ(refill[0].server, out[0].server);
}

TEST_F(ProbeEngineTest, LimitsRatePerServer) {
  auto engine = make({.timeout = 1s, .max_rate_per_server = 10});
  for (int i = 0; i < 3; ++i) add(engine, 0, question("www.example.test"));
  EXPECT_EQ(sends(engine, kT0 + 1s).size(), 1u);
  EXPECT_TRUE(sends(engine, kT0 + 1s + 50ms).empty());
  EXPECT_EQ(engine.next_wakeup(), kT0 + 1s + 100ms);
  EXPECT_EQ(sends(engine, kT0 + 1s + 100ms).size(), 1u);
}

TEST_F(ProbeEngineTest, SendErrorEndsAsNetworkError) {
  auto engine = make();
  auto token = add(engine, 0, question("www.example.test"));
  sends(engine, kT0);
  engine.on_send_error(token, "send: Network is unreachable");
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].outcome.kind, OutcomeKind::NetworkError);
  EXPECT_FALSE(responded(done[0].outcome.kind));
}

}  // namespace
}  // namespace cutover::dns::detail

namespace cutover::dns::detail {
namespace {

TEST(ProbeEngineGiveUp, SilentServerQueueIsDroppedAsTimeouts) {
  using namespace std::chrono_literals;
  ProbeEngine engine({.timeout = 100ms, .attempts = 1, .max_in_flight_per_server = 2, .give_up_after = 2}, 1, 1);
  auto q = Question{.name = *DomainName::parse("www.example.test"), .type = RecordType::A};
  auto p = engine.prepare(q, *build_query(q, {}));
  for (int i = 0; i < 10; ++i) engine.submit(0, p);
  std::vector<ProbeEngine::Send> sends;
  engine.poll_sends(ProbeEngine::TimePoint{}, sends, 100);
  ASSERT_EQ(sends.size(), 2u);
  sends.clear();
  engine.poll_sends(ProbeEngine::TimePoint{} + 100ms, sends, 100);
  EXPECT_TRUE(sends.empty());  // both timed out: the other 8 are dropped, not sent
  std::vector<ProbeEngine::Completed> done;
  engine.take_completed(done);
  ASSERT_EQ(done.size(), 10u);
  for (const auto& d : done) EXPECT_EQ(d.outcome.kind, OutcomeKind::Timeout);
  EXPECT_TRUE(engine.done());
}

// Slots are recycled once taken, so a long run keeps only the queries alive.
TEST_F(ProbeEngineTest, ATakenTokenIsReusedAndItsOldDeadlineDoesNotTouchTheNewQuery) {
  auto engine = make({.timeout = 100ms, .backoff = 2.0, .attempts = 2});
  auto q = question("www.example.test");
  auto first = engine.submit(0, engine.prepare(q, *build_query(q, {}), 7));
  auto out = sends(engine, kT0);
  ASSERT_EQ(out.size(), 1u);
  engine.on_datagram(0, wire_of(answer_for(out[0].id)), kT0 + 1ms);
  auto done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].tag, 7u);
  EXPECT_EQ(done[0].server, 0u);
  EXPECT_EQ(engine.open_questions(), 0u);  // the question's wire went with its last query
  // The slot comes back; the first query's deadline (at 100 ms) must not expire the new one (sent at 50 ms).
  auto second = engine.submit(0, engine.prepare(q, *build_query(q, {}), 8));
  EXPECT_EQ(second, first);
  auto resent = sends(engine, kT0 + 50ms);
  ASSERT_EQ(resent.size(), 1u);
  EXPECT_TRUE(sends(engine, kT0 + 100ms).empty());  // no retry yet: its own deadline is 150 ms
  EXPECT_EQ(engine.stats().retries, 0u);
  engine.on_datagram(0, wire_of(answer_for(resent[0].id)), kT0 + 120ms);
  done = completed(engine);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].tag, 8u);
  EXPECT_EQ(done[0].outcome.kind, OutcomeKind::Answer);
  EXPECT_EQ(done[0].outcome.attempts, 1);
  EXPECT_TRUE(engine.done());
}

TEST_F(ProbeEngineTest, HungryWhileAQueueIsShort) {
  auto engine = make({.timeout = 100ms, .max_in_flight_per_server = 1}, 2);
  EXPECT_TRUE(engine.hungry(2));
  add(engine, 0, question("www.example.test"));
  add(engine, 0, question("www.example.test"));
  EXPECT_TRUE(engine.hungry(2));  // server 1 has nothing queued
  add(engine, 1, question("www.example.test"));
  add(engine, 1, question("www.example.test"));
  EXPECT_FALSE(engine.hungry(2));
  EXPECT_EQ(engine.open_questions(), 4u);
  sends(engine, kT0);  // one leaves each queue
  EXPECT_TRUE(engine.hungry(2));
}

// Submitting as the queues drain must not bring a given-up server back: its
// later queries end at once, as the queued ones did.
TEST(ProbeEngineGiveUp, QueriesSubmittedAfterGivingUpEndAtOnce) {
  using namespace std::chrono_literals;
  ProbeEngine engine({.timeout = 100ms, .attempts = 1, .max_in_flight_per_server = 2, .give_up_after = 2}, 2, 1);
  auto q = Question{.name = *DomainName::parse("www.example.test"), .type = RecordType::A};
  auto p = engine.prepare(q, *build_query(q, {}));
  engine.submit(0, p);
  engine.submit(0, p);
  std::vector<ProbeEngine::Send> sends;
  engine.poll_sends(ProbeEngine::TimePoint{}, sends, 100);
  ASSERT_EQ(sends.size(), 2u);
  sends.clear();
  engine.poll_sends(ProbeEngine::TimePoint{} + 100ms, sends, 100);  // both time out: server 0 is given up
  auto later = engine.submit(0, p);
  auto alive = engine.submit(1, p);
  sends.clear();
  engine.poll_sends(ProbeEngine::TimePoint{} + 101ms, sends, 100);
  ASSERT_EQ(sends.size(), 1u);  // only to server 1
  EXPECT_EQ(sends[0].token, alive);
  std::vector<ProbeEngine::Completed> done;
  engine.take_completed(done);
  ASSERT_EQ(done.size(), 3u);
  EXPECT_EQ(done[2].token, later);
  EXPECT_EQ(done[2].outcome.kind, OutcomeKind::Timeout);
  EXPECT_NE(done[2].outcome.detail.find("not sent"), std::string::npos) << done[2].outcome.detail;
  EXPECT_FALSE(engine.finished());
}

TEST(ProbeEngineGiveUp, EveryServerGivenUpStillWantsTheRestSubmitted) {
  using namespace std::chrono_literals;
  ProbeEngine engine({.timeout = 100ms, .attempts = 1, .max_in_flight_per_server = 1, .give_up_after = 1}, 1, 1);
  auto q = Question{.name = *DomainName::parse("www.example.test"), .type = RecordType::A};
  engine.submit(0, engine.prepare(q, *build_query(q, {})));
  std::vector<ProbeEngine::Send> sends;
  engine.poll_sends(ProbeEngine::TimePoint{}, sends, 100);
  EXPECT_FALSE(engine.hungry(0));
  engine.poll_sends(ProbeEngine::TimePoint{} + 100ms, sends, 100);
  EXPECT_TRUE(engine.hungry(0));  // nobody left to ask: the caller submits the rest, which end at once
}

}  // namespace
}  // namespace cutover::dns::detail
