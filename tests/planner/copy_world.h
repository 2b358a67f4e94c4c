#pragma once
// Two fake zones of example.com, "old" and "new", an action runner over them
// and a copy from one to the other: the setting of the copy action's tests.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "planner/run/action_runner.h"
#include "planner/run/secrets.h"
#include "tests/planner/fakes.h"

namespace cutover::testing {

class CopyWorld : public ::testing::Test {
 protected:
  CopyWorld() {
    auto from = std::make_unique<FakeZone>("example.com", std::vector<std::string>{"ns1.old."});
    auto to = std::make_unique<FakeZone>("example.com", std::vector<std::string>{"ns1.new."});
    from_ = from.get();
    to_ = to.get();
    providers_.zones["old"] = std::move(from);
    providers_.zones["new"] = std::move(to);
  }
  planner::Plan plan_{};
  planner::ProviderSet providers_{};
  FakeZone* from_{nullptr};
  FakeZone* to_{nullptr};
  planner::SecretStore secrets_ = planner::SecretStore::open(std::nullopt).value();
  planner::RunFacts run_{.run_date = "20261203"};
  planner::ActionRunner runner_{plan_, providers_, secrets_, run_};
  planner::CopyRecords copy_{.from_zone = "old", .to_zone = "new"};
};

}  // namespace cutover::testing
