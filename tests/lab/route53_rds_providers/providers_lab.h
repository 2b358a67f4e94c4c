#pragma once
// The AWS lab for the planner's providers: a reset lab and, per lab account
// ("old" 111111111111, "new" 222222222222), the Session a plan's account
// entry would give (session_for), so the tests go through the same factory
// as the CLI.

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "planner/providers/aws_providers.h"
#include "tests/lab/aws_clients/lab.h"

namespace cutover::planner::lab {

class ProvidersLab : public ::testing::Test {
 protected:
  void SetUp() override {
    lab = aws::lab::Lab::open();
    ASSERT_NE(lab, nullptr) << "AWS_LAB_DIR/env.json not found: run under the aws_lab ctest fixture";
    lab->reset();
    sessions = std::make_unique<AwsSessions>(lab->environment());
  }

  /// The plan's account entry for a lab profile.
  Account account(const std::string& profile) const {
    return Account{.profile = profile, .region = "us-east-1", .endpoint_url = lab->env()["AWS_ENDPOINT_URL"].get<std::string>()};
  }
  std::shared_ptr<aws::Session> session(const std::string& profile) {
    auto s = sessions->get(profile, account(profile));
    EXPECT_TRUE(s.has_value()) << (s ? "" : s.error().message);
    return s ? *s : nullptr;
  }
  /// The request log file as text (for "this secret never appears").
  std::string log_file_text() const {
    std::ifstream in(lab->env()["log"].get<std::string>());
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  /// How many logged requests match an operation (and, when given, were forwarded to moto).
  int count(const std::string& operation, bool forwarded_only = false) {
    int n = 0;
    for (const auto& entry : lab->log()) {
      if (entry["operation"] != operation) continue;
      if (forwarded_only && !entry["forwarded"].get<bool>()) continue;
      ++n;
    }
    return n;
  }

  std::unique_ptr<aws::lab::Lab> lab;
  std::unique_ptr<AwsSessions> sessions;
};

inline dns::DomainName name(std::string_view text) { return dns::DomainName::parse(text).value(); }

}  // namespace cutover::planner::lab
