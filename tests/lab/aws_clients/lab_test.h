#pragma once
// LabTest: the fixture every AWS client lab test starts from, the lab reset
// (no zones, domains, clusters, faults or log left by another test) and a
// session in the "old" account, where most tests act.

#include <gtest/gtest.h>

#include <memory>

#include "aws/session.h"
#include "tests/lab/aws_clients/lab.h"

namespace cutover::aws::lab {

class LabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lab = Lab::open();
    ASSERT_NE(lab, nullptr) << "AWS_LAB_DIR/env.json not found: run under the aws_lab ctest fixture";
    lab->reset();
    session = lab->session("old");
    ASSERT_NE(session, nullptr);
  }

  std::unique_ptr<Lab> lab;
  std::unique_ptr<Session> session;  // the "old" account's, default retries
};

}  // namespace cutover::aws::lab
