#pragma once
// StartedLabTest<Lab>: the fixture of the lab tests that start a fresh lab of
// real servers for each test (DnsLab, KnotPair): started in SetUp, stopped in
// TearDown, so a test never sees what the one before it changed.

#include <gtest/gtest.h>

namespace cutover::lab {

template <class Lab>
class StartedLabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto started = lab_.start();
    ASSERT_TRUE(started.has_value()) << started.error().message;
  }
  void TearDown() override { lab_.stop(); }

  Lab lab_;
};

}  // namespace cutover::lab
