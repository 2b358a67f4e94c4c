// The streamed parity comparison on outcomes built by hand, delivered in any
// order: a difference among many agreeing answers is found and named, a
// missing answer leaves the verdict undecided, the reference is the first old
// server whatever the arrival order, and a question is forgotten once judged.

#include "dns/parity_compare.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <utility>
#include <vector>

namespace cutover::dns::detail {
namespace {

std::vector<ServerAddress> addresses(const std::string& prefix, int count) {
  std::vector<ServerAddress> out;
  for (int i = 1; i <= count; ++i) out.push_back(*parse_server_address(prefix + std::to_string(i)));
  return out;
}

QuestionList names(int count) {
  QuestionList out;
  for (int i = 0; i < count; ++i)
    out.push_back({.name = *DomainName::parse("n" + std::to_string(i) + ".example.test"), .type = RecordType::A});
  return out;
}

Outcome answer(const Question& q, const std::string& address, std::uint32_t ttl = 300) {
  Outcome outcome{.kind = OutcomeKind::Answer};
  outcome.reply.authoritative = true;
  outcome.reply.answer.push_back(Record{.name = q.name, .type = RecordType::A, .ttl = ttl, .rdata = address});
  return outcome;
}

Outcome timeout() { return Outcome{.kind = OutcomeKind::Timeout, .detail = "no reply after 3 attempts"}; }

struct Delivery {
  std::size_t server{0};
  std::size_t question{0};
  Outcome outcome{};
};

// Every (server, question) pair, in a shuffled order.
std::vector<Delivery> shuffled(std::vector<Delivery> deliveries) {
  std::mt19937 random(7);
  std::ranges::shuffle(deliveries, random);
  return deliveries;
}

class ParityCompareTest : public ::testing::Test {
 protected:
  std::vector<ServerAddress> old_ = addresses("192.0.2.", 3);
  std::vector<ServerAddress> new_ = addresses("198.51.100.", 3);
  ParityReport report_{};
};

TEST_F(ParityCompareTest, ADifferenceAmongManyEqualAnswersIsReported) {
  QuestionList questions = names(2000);
  ParityComparator compare(old_, new_, questions, TtlRule::Ignore, report_);
  std::vector<Delivery> all;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    for (std::size_t s = 0; s < 6; ++s) all.push_back({s, q, answer(questions[q], s == 4 && q == 1234 ? "192.0.2.99" : "192.0.2.1")});
  }
  for (auto& d : shuffled(std::move(all))) compare.add(d.server, d.question, d.outcome);
  compare.finish();
  EXPECT_EQ(compare.open(), 0u);
  EXPECT_EQ(report_.answered, 12000u);
  EXPECT_TRUE(report_.unanswered.empty());
  ASSERT_EQ(report_.differences.size(), 1u);
  const auto& d = report_.differences[0];
  EXPECT_EQ(d.server, new_[1]);
  EXPECT_TRUE(d.server_is_new);
  EXPECT_EQ(d.question.name.text(), "n1234.example.test.");
  EXPECT_EQ(d.reference_server, old_[0]);
  EXPECT_EQ(d.expected.records, std::vector<std::string>{"n1234.example.test. a 192.0.2.1"});
  EXPECT_EQ(d.actual.records, std::vector<std::string>{"n1234.example.test. a 192.0.2.99"});
  EXPECT_EQ(parity_verdict(report_), Verdict::NotConsistent);
}

TEST_F(ParityCompareTest, AgreeingAnswersEverywhereAreConsistent) {
  QuestionList questions = names(50);
  ParityComparator compare(old_, new_, questions, TtlRule::Ignore, report_);
  for (std::size_t q = 0; q < questions.size(); ++q) {
    for (std::size_t s = 0; s < 6; ++s) compare.add(s, q, answer(questions[q], "192.0.2.1"));
    EXPECT_EQ(compare.open(), 0u);  // judged and forgotten as soon as the last server answered
  }
  compare.finish();
  EXPECT_EQ(report_.answered, 300u);
  EXPECT_EQ(parity_verdict(report_), Verdict::Consistent);
}

TEST_F(ParityCompareTest, ATimeoutAmongEqualAnswersIsUndecided) {
  QuestionList questions = names(500);
  ParityComparator compare(old_, new_, questions, TtlRule::Ignore, report_);
  std::vector<Delivery> all;
  for (std::size_t q = 0; q < questions.size(); ++q) {
    for (std::size_t s = 0; s < 6; ++s) all.push_back({s, q, s == 5 && q == 42 ? timeout() : answer(questions[q], "192.0.2.1")});
  }
  for (auto& d : shuffled(std::move(all))) compare.add(d.server, d.question, d.outcome);
  compare.finish();
  EXPECT_TRUE(report_.differences.empty());
  ASSERT_EQ(report_.unanswered.size(), 1u);
  EXPECT_EQ(report_.unanswered[0].server, new_[2]);
  EXPECT_EQ(report_.unanswered[0].question.name.text(), "n42.example.test.");
  EXPECT_EQ(report_.unanswered[0].kind, OutcomeKind::Timeout);
  EXPECT_EQ(report_.answered, 2999u);
  EXPECT_EQ(parity_verdict(report_), Verdict::Undecided);
}

TEST_F(ParityCompareTest, AnOutcomeThatNeverCameIsUnansweredNotDropped) {
  QuestionList questions = names(100);
  ParityComparator compare(old_, new_, questions, TtlRule::Ignore, report_);
  for (std::size_t q = 0; q < questions.size(); ++q) {
    if (q == 99) continue;  // never asked at all
    for (std::size_t s = 0; s < 6; ++s) {
      if (q == 7 && s == 0) continue;  // the reference server's outcome never arrives
      compare.add(s, q, answer(questions[q], "192.0.2.1"));
    }
  }
  EXPECT_EQ(compare.open(), 1u);  // question 7 waits for old server 1
  compare.finish();
  EXPECT_EQ(compare.open(), 0u);
  EXPECT_TRUE(report_.differences.empty());
  ASSERT_EQ(report_.unanswered.size(), 7u);  // 1 for question 7, 6 for question 99
  EXPECT_EQ(report_.unanswered[0].server, old_[0]);
  EXPECT_EQ(report_.unanswered[0].question.name.text(), "n7.example.test.");
  EXPECT_NE(report_.unanswered[0].detail.find("no outcome"), std::string::npos);
  EXPECT_EQ(report_.unanswered[6].question.name.text(), "n99.example.test.");
  EXPECT_EQ(report_.answered, 99u * 6 - 1);
  EXPECT_EQ(parity_verdict(report_), Verdict::Undecided);
}

TEST_F(ParityCompareTest, TheReferenceIsTheFirstOldServerThatAnsweredWhateverArrivedFirst) {
  QuestionList questions = names(1);
  Question q = questions[0];
  ParityComparator compare(old_, new_, questions, TtlRule::Ignore, report_);
  // Old 1 timed out, so old 2 is the reference; old 3 and new 1 disagree with it.
  compare.add(3, 0, answer(q, "192.0.2.7"));
  compare.add(5, 0, answer(q, "192.0.2.1"));
  compare.add(2, 0, answer(q, "192.0.2.7"));
  compare.add(4, 0, answer(q, "192.0.2.1"));
  compare.add(1, 0, answer(q, "192.0.2.1"));
  EXPECT_TRUE(report_.differences.empty());  // not judged before old 1 is heard from
  compare.add(0, 0, timeout());
  EXPECT_EQ(compare.open(), 0u);
  ASSERT_EQ(report_.differences.size(), 2u);
  EXPECT_EQ(report_.differences[0].server, old_[2]);  // in server order
  EXPECT_EQ(report_.differences[1].server, new_[0]);
  for (const auto& d : report_.differences) EXPECT_EQ(d.reference_server, old_[1]);
  ASSERT_EQ(report_.unanswered.size(), 1u);
  EXPECT_EQ(report_.unanswered[0].server, old_[0]);
  EXPECT_EQ(report_.answered, 5u);
  EXPECT_EQ(parity_verdict(report_), Verdict::NotConsistent);
}

TEST_F(ParityCompareTest, ALongerTtlDiffersUnderNotLonger) {
  QuestionList questions = names(3);
  ParityComparator compare(old_, new_, questions, TtlRule::NotLonger, report_);
  for (std::size_t q = 0; q < 3; ++q) {
    for (std::size_t s = 0; s < 6; ++s) compare.add(s, q, answer(questions[q], "192.0.2.1", s == 3 && q == 2 ? 86400 : 300));
  }
  compare.finish();
  ASSERT_EQ(report_.differences.size(), 1u);
  EXPECT_EQ(report_.differences[0].actual.ttl, 86400u);
  EXPECT_EQ(report_.differences[0].expected.ttl, 300u);
}

// Every server refuses (the fault lab's "both refuse" case): no answer to
// compare, so not consistent, and each refusal but the reference is named.
TEST_F(ParityCompareTest, EveryServerRefusingIsNotConsistent) {
  QuestionList questions = names(2);
  ParityComparator compare(old_, new_, questions, TtlRule::Ignore, report_);
  for (std::size_t q = 0; q < questions.size(); ++q) {
    for (std::size_t s = 0; s < 6; ++s) compare.add(s, q, Outcome{.kind = OutcomeKind::Refused});
  }
  compare.finish();
  EXPECT_EQ(report_.differences.size(), 10u);
  EXPECT_EQ(parity_verdict(report_), Verdict::NotConsistent);
}

TEST_F(ParityCompareTest, NoOldServerRespondingIsUndecidedNotConsistent) {
  QuestionList questions = names(1);
  ParityComparator compare(old_, new_, questions, TtlRule::Ignore, report_);
  for (std::size_t s = 0; s < 6; ++s) compare.add(s, 0, s < 3 ? timeout() : answer(questions[0], "192.0.2.1"));
  compare.finish();
  EXPECT_TRUE(report_.differences.empty());
  EXPECT_EQ(report_.unanswered.size(), 3u);
  EXPECT_EQ(report_.answered, 3u);
  EXPECT_EQ(parity_verdict(report_), Verdict::Undecided);
}

}  // namespace
}  // namespace cutover::dns::detail
