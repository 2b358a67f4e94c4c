// The cutover binary against the lab, as a person would run it: exit codes
// and the lines that matter in the output.

#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>

#include "dns/prober.h"
#include "tests/lab/common/cli_run.h"
#include "tests/lab/dns/dns_lab_test.h"

namespace cutover::lab {
namespace {

using A = LabAddresses;

CliRun run(const std::string& args) { return run_cli(CUTOVER_BINARY, args); }

// Whether a run exited with `exit_code` and printed each of `texts` (anywhere
// in its output); on failure, says what is missing and shows the output.
::testing::AssertionResult exits_printing(const CliRun& r, int exit_code, std::initializer_list<std::string_view> texts) {
  std::string missing;
  if (r.exit_code != exit_code) missing += "exit code " + std::to_string(r.exit_code) + ", not " + std::to_string(exit_code) + "\n";
  for (std::string_view text : texts) {
    if (r.output.find(text) == std::string::npos) missing += "no \"" + std::string(text) + "\"\n";
  }
  if (missing.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << missing << "in:\n" << r.output;
}

class CliLab : public DnsLabTest {
 protected:
  void SetUp() override {
    DnsLabTest::SetUp();
    hints_ = " --root-hints " + lab_.root_hints();
  }
  std::string hints_;
  const std::string new_set_ = " --expect ns1.new-dns.test ns2.new-dns.test ns3.new-dns.test ns4.new-dns.test";
};

TEST_F(CliLab, CheckDelegationOfACleanZoneExitsZero) {
  auto r = run("check delegation example.test" + hints_);
  EXPECT_TRUE(exits_printing(r, 0, {"verdict: consistent"}));
}

TEST_F(CliLab, CheckDelegationNamesLameAndDeadServers) {
  auto r = run("check delegation broken.test --timeout-ms 200 --attempts 2" + hints_);
  EXPECT_TRUE(exits_printing(
      r, 1, {"LAME_REFUSED: name server ns2.broken.test (127.53.30.1)", "NO_RESPONSE: name server ns3.broken.test (127.53.99.1)"}));
}

TEST_F(CliLab, CheckDelegationOfADsWithoutDnskeyExitsOne) {
  auto r = run("check delegation signed.test --timeout-ms 200 --attempts 2" + hints_);
  EXPECT_TRUE(exits_printing(r, 1,
                             {"DS_WITHOUT_DNSKEY: name server ns1.signed.test (127.53.40.1) serves no DNSKEY, but the parent has DS 12345",
                              "(Zonemaster DS_BUT_NOT_DNSKEY, DS11_DS_BUT_UNSIGNED_ZONE; DNSViz NO_SEP)", "verdict: NOT consistent"}));
}

TEST_F(CliLab, CheckDelegationShowsTheServerLeftOutForWantOfGlue) {
  auto r = run("check delegation noglue.test --timeout-ms 200 --attempts 2" + hints_);
  EXPECT_TRUE(exits_printing(r, 1,
                             {"ns2.noglue.test                      not asked: inside the zone, and the parent gives no address (glue)",
                              "NO_GLUE_FOR_IN_ZONE_NS: name server ns2.noglue.test."}));
}

TEST_F(CliLab, CheckDelegationSaysWhenNoServerCouldBeAsked) {
  // The TLD does not delegate nothere.test: no NS set, so no name server to ask.
  auto r = run("check delegation nothere.test --parent-server " + std::string(A::kTld1) + " --timeout-ms 200 --attempts 2");
  EXPECT_TRUE(exits_printing(r, 1, {"(no name server could be asked: no parent server handed out an NS set)"}));
}

TEST_F(CliLab, CheckParityNamesTheStaleServer) {
  auto r =
      run("check parity --old 127.53.10.1 127.53.10.2 --new 127.53.20.1 127.53.20.2 127.53.20.3 127.53.20.4 "
          "--zone-file " +
          lab_.example_zone_file());
  EXPECT_TRUE(exits_printing(r, 1, {"DIFFERS  127.53.20.4 (new) www.example.test. A"}));
  EXPECT_EQ(r.output.find("DIFFERS  127.53.20.1"), std::string::npos) << r.output;
}

TEST_F(CliLab, CheckParityWithADeadServerIsUndecided) {
  auto r =
      run("check parity --old 127.53.10.1 --new 127.53.20.1 127.53.99.1 --timeout-ms 200 --attempts 2 --format json "
          "--zone-file " +
          lab_.example_zone_file());
  EXPECT_EQ(r.exit_code, 3) << r.output;
  auto json = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.output;
  EXPECT_EQ(json["verdict"], "undecided");
  EXPECT_TRUE(json["differences"].empty());
  EXPECT_FALSE(json["unanswered"].empty());
}

TEST_F(CliLab, StatusBeforeTheSwitchIsNotPropagated) {
  auto r = run("status example.test --resolver 127.53.53.1" + new_set_ + hints_);
  EXPECT_TRUE(exits_printing(r, 1, {"verdict: NOT propagated"}));
}

TEST_F(CliLab, StatusReportsUnboundsCachedOldNsWithEtaThenWatchSeesItGo) {
  std::vector<dns::ProbeRequest> prime{{.server = *dns::parse_server_address(A::kUnbound),
                                        .question = {.name = *dns::DomainName::parse("example.test"), .type = dns::RecordType::NS},
                                        .recursion_desired = true}};
  ASSERT_TRUE(dns::probe(prime).has_value());
  ASSERT_TRUE(lab_.delegate_example_to_new().has_value());
  auto r = run("status example.test --format json --resolver 127.53.53.1" + new_set_ + hints_);
  EXPECT_EQ(r.exit_code, 1) << r.output;
  auto json = nlohmann::json::parse(r.output, nullptr, false);
  ASSERT_FALSE(json.is_discarded()) << r.output;
  EXPECT_EQ(json["propagated"], false);
  ASSERT_TRUE(json["eta_seconds"].is_number()) << r.output;
  int eta = json["eta_seconds"];
  EXPECT_GE(eta, 1);
  EXPECT_LE(eta, 8);
  for (const auto& row : json["rows"]) {
    if (row["role"] == "resolver") {
      EXPECT_EQ(row["ttl"], eta) << r.output;
    }
  }
  auto watched = run("status example.test --watch 1 --resolver 127.53.53.1" + new_set_ + hints_);
  EXPECT_TRUE(exits_printing(watched, 0, {"verdict: propagated", "verdict: NOT propagated"}));
}

}  // namespace
}  // namespace cutover::lab
