// check_parity against the lab: old provider vs new provider over the names
// of the zone file, with one new server stale and, separately, one dead.

#include <gtest/gtest.h>

#include "dns/parity.h"
#include "tests/lab/dns/dns_lab_test.h"

namespace cutover::lab {
namespace {

using namespace std::chrono_literals;
using A = LabAddresses;

std::vector<dns::ServerAddress> addresses(std::initializer_list<const char*> list) {
  std::vector<dns::ServerAddress> out;
  for (const char* a : list) out.push_back(*dns::parse_server_address(a));
  return out;
}

class ParityLab : public DnsLabTest {
 protected:
  void SetUp() override {
    DnsLabTest::SetUp();
    if (HasFatalFailure()) return;
    auto zone = dns::read_zone_file(lab_.example_zone_file());
    ASSERT_TRUE(zone.has_value()) << zone.error().message;
    questions_ = dns::parity_questions(*zone);
  }
  std::vector<dns::Question> questions_;
};

TEST_F(ParityLab, NamesExactlyTheStaleServer) {
  auto report = dns::check_parity({.old_servers = addresses({A::kOld1, A::kOld2}),
                                   .new_servers = addresses({A::kNew1, A::kNew2, A::kNew3, A::kNewStale}),
                                   .questions = questions_});
  ASSERT_TRUE(report.has_value()) << report.error().message;
  EXPECT_GE(report->questions, 7u);
  EXPECT_EQ(report->answered, report->queries);
  EXPECT_TRUE(report->unanswered.empty());
  EXPECT_GE(report->totals.tcp, 6u);  // big.example.test TXT over TCP from each server
  ASSERT_EQ(report->differences.size(), 1u);
  const auto& d = report->differences[0];
  EXPECT_EQ(dns::to_string(d.server), A::kNewStale);
  EXPECT_TRUE(d.server_is_new);
  EXPECT_EQ(d.question.name.text(), "www.example.test.");
  EXPECT_EQ(d.question.type, dns::RecordType::A);
  EXPECT_EQ(d.expected.records, std::vector<std::string>{"www.example.test. a 192.0.2.10"});
  EXPECT_EQ(d.actual.records, std::vector<std::string>{"www.example.test. a 192.0.2.99"});
  EXPECT_EQ(report->verdict, dns::Verdict::NotConsistent);
}

TEST_F(ParityLab, AgreeingServersAreConsistent) {
  auto report = dns::check_parity(
      {.old_servers = addresses({A::kOld1, A::kOld2}), .new_servers = addresses({A::kNew1, A::kNew2, A::kNew3}), .questions = questions_});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->differences.empty());
  EXPECT_EQ(report->verdict, dns::Verdict::Consistent);
}

TEST_F(ParityLab, DeadServerIsUnansweredNeverAgreeing) {
  auto report = dns::check_parity({.old_servers = addresses({A::kOld1}),
                                   .new_servers = addresses({A::kNew1, A::kDead}),
                                   .questions = questions_,
                                   .probe = {.timeout = 200ms, .attempts = 2}});
  ASSERT_TRUE(report.has_value());
  EXPECT_TRUE(report->differences.empty());
  EXPECT_EQ(report->unanswered.size(), questions_.size());
  for (const auto& u : report->unanswered) EXPECT_EQ(dns::to_string(u.server), A::kDead);
  EXPECT_EQ(report->answered, 2 * questions_.size());
  EXPECT_EQ(report->verdict, dns::Verdict::Undecided);
}

}  // namespace
}  // namespace cutover::lab
