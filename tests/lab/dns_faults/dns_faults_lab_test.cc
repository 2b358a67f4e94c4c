// The fault matrix (DnsFaultsLab, 127.60.0.0/16): `cutover status`, `cutover
// check parity`, `cutover check delegation` and three gates of the live gate
// checker, each against a zone whose one faulty server drops packets, answers
// late, sets TC, lags behind, refuses, fails or answers from another address.
// A verdict of "propagated", "consistent" or "holds" is only ever given on
// complete evidence: otherwise the result is undecided (exit 3) or names the
// faulty server (exit 1). Every case is timed against the retry budget its
// options allow, with a generous factor: a client that waited for a late
// answer, or retried without end, fails; a slow machine does not.
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <string>

#include "planner/gates/live_gate_checker.h"
#include "tests/lab/common/cli_run.h"
#include "tests/lab/dns_faults/dns_faults_lab.h"

namespace cutover::lab {
namespace {

using A = DnsFaultsAddresses;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

// Short waits keep the matrix within its CI budget: 150 ms, then 300 ms (the
// CLI doubles each retry); a gate waits `timeout` per attempt.
constexpr int kTimeoutMs = 150;
constexpr int kAttempts = 2;
constexpr milliseconds kCliQueryBudget{kTimeoutMs * 3};           // 150 + 300
constexpr milliseconds kGateQueryBudget{kTimeoutMs * kAttempts};  // 150 + 150
constexpr int kSlack = 3;                                         // generous: not a speed test
constexpr milliseconds kProcessStart{500};                        // exec, config, output

enum class Verdict { Holds, Names, Undecided };  // exit 0, exit 1 naming the server, exit 3

struct Expectation {
  std::string fault;
  Verdict verdict;
};

// One row per fault: what every command must conclude about its zone.
const std::vector<Expectation>& matrix() {
  static const std::vector<Expectation> rows{
      {"pass", Verdict::Holds},           // the control: the relay itself changes nothing
      {"drop", Verdict::Undecided},       // half the questions never answered: partial evidence
      {"late", Verdict::Undecided},       // answers after the client gave up
      {"tc", Verdict::Holds},             // retried over TCP, which tells the truth
      {"tc-no-tcp", Verdict::Undecided},  // truncated, and TCP is broken
      {"refused", Verdict::Names},        // a lame server
      {"servfail", Verdict::Names},
      {"spoof", Verdict::Undecided},  // answers from another address are not answers
      {"lag", Verdict::Names},        // a secondary serving an older serial
  };
  return rows;
}

int exit_code_of(Verdict v) { return v == Verdict::Holds ? 0 : v == Verdict::Names ? 1 : 3; }

CliRun run(const std::string& args) { return run_cli(CUTOVER_BINARY, args); }

std::string probe_flags() {
  return " --timeout-ms " + std::to_string(kTimeoutMs) + " --attempts " + std::to_string(kAttempts) + " --format json";
}

// The line the matrix is reported by (ctest --output-on-failure, or -V).
void report(const std::string& fault, const std::string& command, const std::string& verdict, milliseconds wall, milliseconds limit) {
  std::cout << "[matrix] " << fault << " | " << command << " | " << verdict << " | " << wall.count() << " ms (limit " << limit.count()
            << " ms)" << std::endl;
}

class DnsFaultsLabTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    lab_ = std::make_unique<DnsFaultsLab>();
    auto started = lab_->start(CUTOVER_PYTHON3, RELAY_SCRIPT);
    ASSERT_TRUE(started.has_value()) << started.error().message;
  }
  static void TearDownTestSuite() { lab_.reset(); }
  void SetUp() override { ASSERT_TRUE(lab_) << "lab not started"; }

  static std::unique_ptr<DnsFaultsLab> lab_;
};

std::unique_ptr<DnsFaultsLab> DnsFaultsLabTest::lab_;

// status www.F.test A: the parent (the TLD) delegates to the good server and
// the faulty one; every authoritative row but the faulty server's must match.
TEST_F(DnsFaultsLabTest, StatusNeverSaysPropagatedOnIncompleteEvidence) {
  for (const auto& row : matrix()) {
    SCOPED_TRACE(row.fault);
    const auto& server = faulty(row.fault);
    auto r = run("status www." + server.zone + " --type A --parent-server " + A::kTld + " --expect 192.0.2.10" + probe_flags());
    auto limit = kSlack * 2 * kCliQueryBudget + kProcessStart;  // the parent, then the authoritative servers
    report(row.fault, "status", "exit " + std::to_string(r.exit_code), r.wall, limit);
    EXPECT_EQ(r.exit_code, exit_code_of(row.verdict)) << r.output;
    EXPECT_LT(r.wall, limit) << r.output;
    auto json = nlohmann::json::parse(r.output, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << r.output;
    int authoritative = 0;
    for (const auto& line : json["rows"]) {
      if (line["role"] != "authoritative") continue;
      ++authoritative;
      bool is_faulty = line["server"] == server.address;
      bool answered = line["outcome"] != "timeout" && line["outcome"] != "network-error";
      if (!is_faulty || row.verdict == Verdict::Holds) {
        EXPECT_TRUE(line["matches"].get<bool>()) << line.dump();
      } else if (row.verdict == Verdict::Names) {
        EXPECT_TRUE(answered && !line["matches"].get<bool>()) << line.dump();
      } else {
        EXPECT_FALSE(answered) << line.dump();
      }
    }
    EXPECT_EQ(authoritative, 2) << r.output;
  }
}

// check parity: the good server is the old side, the faulty one the new;
// every difference and every unanswered query is the faulty server's.
TEST_F(DnsFaultsLabTest, ParityNeverSaysConsistentOnIncompleteEvidence) {
  for (const auto& row : matrix()) {
    SCOPED_TRACE(row.fault);
    const auto& server = faulty(row.fault);
    auto r = run("check parity --old " + std::string(A::kGood) + " --new " + server.address + " --zone-file " + lab_->zone_file(server) +
                 probe_flags());
    auto limit = kSlack * kCliQueryBudget + kProcessStart;  // every question at once
    report(row.fault, "check parity", "exit " + std::to_string(r.exit_code), r.wall, limit);
    EXPECT_EQ(r.exit_code, exit_code_of(row.verdict)) << r.output;
    EXPECT_LT(r.wall, limit) << r.output;
    auto json = nlohmann::json::parse(r.output, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << r.output;
    for (const auto& key : {"differences", "unanswered"}) {
      for (const auto& line : json[key]) EXPECT_EQ(line["server"], server.address) << line.dump();
    }
    EXPECT_EQ(json["differences"].empty(), row.verdict != Verdict::Names) << r.output;
    EXPECT_EQ(json["unanswered"].empty(), row.verdict != Verdict::Undecided) << r.output;
    if (row.fault == "tc") {
      EXPECT_GT(json["tcp"].get<int>(), 0) << r.output;  // the truth came over TCP
    }
    if (row.fault == "drop") {
      // Retries recovered the questions that lost only their first packet:
      // some of the faulty server's answers are in, and still no verdict.
      EXPECT_GT(json["answered"].get<int>(), json["questions"].get<int>()) << r.output;
      EXPECT_GT(json["retries"].get<int>(), 0) << r.output;
    }
  }
}

// check delegation judges the delegation, not the zone's content: a server
// that does not answer is NO_RESPONSE (an error, exit 1; a broken TCP after TC
// a warning that leaves it undecided, exit 3), a refusal or failure is named,
// and the lagging server's older serial is a MULTIPLE_SOA_SERIALS warning on
// an otherwise sound delegation (exit 0). Every problem names the faulty server.
TEST_F(DnsFaultsLabTest, DelegationNamesTheFaultyServer) {
  const std::map<std::string, std::pair<int, std::string>> expected{
      {"pass", {0, ""}},
      {"drop", {1, "NO_RESPONSE"}},
      {"late", {1, "NO_RESPONSE"}},
      {"tc", {0, ""}},
      {"tc-no-tcp", {3, "NO_RESPONSE"}},
      {"refused", {1, "LAME_REFUSED"}},
      {"servfail", {1, "SERVER_ERROR"}},
      {"spoof", {1, "NO_RESPONSE"}},
      {"lag", {0, "MULTIPLE_SOA_SERIALS"}},
  };
  for (const auto& row : matrix()) {
    SCOPED_TRACE(row.fault);
    const auto& server = faulty(row.fault);
    const auto& [exit_code, problem] = expected.at(row.fault);
    auto r = run("check delegation " + server.zone + " --parent-server " + A::kTld + probe_flags());
    auto limit = kSlack * 2 * kCliQueryBudget + kProcessStart;  // the parent, then the zone's servers
    report(row.fault, "check delegation", "exit " + std::to_string(r.exit_code), r.wall, limit);
    EXPECT_EQ(r.exit_code, exit_code) << r.output;
    EXPECT_LT(r.wall, limit) << r.output;
    auto json = nlohmann::json::parse(r.output, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << r.output;
    EXPECT_EQ(json["problems"].empty(), problem.empty()) << r.output;
    for (const auto& p : json["problems"]) {
      EXPECT_EQ(p["code"], problem) << p.dump();
      EXPECT_NE(p["message"].get<std::string>().find(server.address), std::string::npos) << p.dump();
    }
  }
}

// Both sides refuse: two servers that say nothing alike say nothing.
TEST_F(DnsFaultsLabTest, ParityOfTwoRefusingServersIsNotConsistent) {
  const auto& server = faulty("refused");
  auto r =
      run("check parity --old " + server.address + " --new " + A::kRefusedToo + " --zone-file " + lab_->zone_file(server) + probe_flags());
  auto limit = kSlack * kCliQueryBudget + kProcessStart;
  report("refused (old and new)", "check parity", "exit " + std::to_string(r.exit_code), r.wall, limit);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  EXPECT_LT(r.wall, limit) << r.output;
  auto json = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.output;
  ASSERT_FALSE(json["differences"].empty()) << r.output;
  for (const auto& line : json["differences"]) EXPECT_EQ(line["server"], A::kRefusedToo) << line.dump();
}

// One of the two parent servers answers late: the servers it would name are
// not known, so neither an A record nor the delegation is "propagated".
TEST_F(DnsFaultsLabTest, StatusWithALateParentServerIsUndecided) {
  const std::string parents = " --parent-server " + std::string(A::kTld) + " " + A::kLateParent;
  auto limit = kSlack * 2 * kCliQueryBudget + kProcessStart;
  auto a = run("status www.pass.test --type A --expect 192.0.2.10" + parents + probe_flags());
  report("late parent", "status (A)", "exit " + std::to_string(a.exit_code), a.wall, limit);
  EXPECT_EQ(a.exit_code, 3) << a.output;
  EXPECT_LT(a.wall, limit) << a.output;
  auto ns = run("status pass.test --expect ns1.pass.test ns2.pass.test" + parents + probe_flags());
  report("late parent", "status (NS)", "exit " + std::to_string(ns.exit_code), ns.wall, limit);
  EXPECT_EQ(ns.exit_code, 3) << ns.output;
  EXPECT_LT(ns.wall, limit) << ns.output;
  for (const auto* out : {&a.output, &ns.output}) EXPECT_NE(out->find(A::kLateParent), std::string::npos) << *out;
}

// The gates, through the library as `apply` runs them: the old zone on the
// good server, the new zone on the faulty one.
class DnsFaultsGateTest : public DnsFaultsLabTest {
 protected:
  struct Checked {
    planner::GateResult result{};
    milliseconds wall{0};
  };

  Checked check(const FaultyServer& server, const planner::Gate& gate, std::vector<std::string> parents = {}) {
    planner::Plan plan;
    plan.domain = *dns::DomainName::parse(server.zone);
    plan.verification.parent_servers = std::move(parents);
    plan.verification.timeout = milliseconds(kTimeoutMs);
    plan.verification.attempts = kAttempts;
    planner::ProviderSet providers;
    auto spec = fault_zone(server);
    providers.zones["old"] = std::make_unique<ServedZone>(spec);
    spec.servers = {server.address};
    providers.zones["new"] = std::make_unique<ServedZone>(spec);
    planner::LiveGateChecker checker(plan, providers);
    auto started = Clock::now();
    auto result = checker.check(gate, {});
    Checked out{.wall = std::chrono::duration_cast<milliseconds>(Clock::now() - started)};
    EXPECT_TRUE(result.has_value()) << result.error().message;
    if (result) out.result = std::move(*result);
    return out;
  }

  static std::string lines(const planner::GateResult& r) {
    std::string out;
    for (const auto& line : r.evidence) out += line + "\n";
    return out;
  }

  static std::string verdict_of(const planner::GateResult& r) { return r.holds ? "holds" : r.undecided ? "undecided" : "does not hold"; }

  void expect(const Expectation& row, const Checked& c, const std::string& gate, milliseconds limit) {
    const auto& r = c.result;
    report(row.fault, gate, verdict_of(r), c.wall, limit);
    EXPECT_EQ(r.holds, row.verdict == Verdict::Holds) << lines(r);
    EXPECT_EQ(r.undecided, row.verdict == Verdict::Undecided) << lines(r);
    EXPECT_LT(c.wall, limit) << lines(r);
    if (row.verdict == Verdict::Holds) return;
    const auto& address = faulty(row.fault).address;
    bool named = std::ranges::any_of(r.evidence, [&](const std::string& l) { return l.rfind(address, 0) == 0; });
    EXPECT_TRUE(named) << "no evidence line names " << address << "\n" << lines(r);
  }
};

TEST_F(DnsFaultsGateTest, ZoneParityGateNeverHoldsOnIncompleteEvidence) {
  for (const auto& row : matrix()) {
    SCOPED_TRACE(row.fault);
    auto c = check(faulty(row.fault), planner::Gate{.kind = planner::GateKind::ZoneParity, .zones = {"old", "new"}});
    expect(row, c, "gate zone-parity", kSlack * 2 * kGateQueryBudget);
  }
}

TEST_F(DnsFaultsGateTest, RecordAnswersGateNeverHoldsOnIncompleteEvidence) {
  for (const auto& row : matrix()) {
    SCOPED_TRACE(row.fault);
    const auto& server = faulty(row.fault);
    auto c = check(server, planner::Gate{.kind = planner::GateKind::RecordAnswers,
                                         .zones = {"new"},
                                         .name = *dns::DomainName::parse("www." + server.zone),
                                         .type = dns::RecordType::A,
                                         .expected = "192.0.2.10"});
    expect(row, c, "gate record-answers", kSlack * kGateQueryBudget);
  }
}

TEST_F(DnsFaultsGateTest, ParentDelegatesToGateWithALateParentServerIsUndecided) {
  const auto& server = faulty("pass");
  auto c = check(server, planner::Gate{.kind = planner::GateKind::ParentDelegatesTo, .expected = "old"}, {A::kTld, A::kLateParent});
  auto limit = kSlack * kGateQueryBudget;
  report("late parent", "gate parent-delegates-to", verdict_of(c.result), c.wall, limit);
  EXPECT_FALSE(c.result.holds) << lines(c.result);
  EXPECT_TRUE(c.result.undecided) << lines(c.result);
  EXPECT_LT(c.wall, limit) << lines(c.result);
  bool named = std::ranges::any_of(c.result.evidence, [](const std::string& l) { return l.find(A::kLateParent) != std::string::npos; });
  EXPECT_TRUE(named) << lines(c.result);
}

}  // namespace
}  // namespace cutover::lab
