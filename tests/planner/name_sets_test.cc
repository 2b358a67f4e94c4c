#include "planner/providers/name_sets.h"

#include <gtest/gtest.h>

#include "tests/planner/fakes.h"

namespace cutover::planner {
namespace {

using cutover::testing::name;

TEST(NameSets, SameNamesIgnoresOrderCaseAndDuplicates) {
  EXPECT_TRUE(same_names({name("ns2.x.test"), name("ns1.x.test")}, {name("NS1.x.test."), name("ns2.x.test"), name("ns1.x.test")}));
  EXPECT_TRUE(same_names({}, {}));
}

TEST(NameSets, AMissingOrExtraNameIsADifferentSet) {
  EXPECT_FALSE(same_names({name("ns1.x.test")}, {name("ns1.x.test"), name("ns2.x.test")}));
  EXPECT_FALSE(same_names({}, {name("ns1.x.test")}));
  EXPECT_FALSE(same_names({name("ns1.x.test")}, {name("ns1.y.test")}));
}

}  // namespace
}  // namespace cutover::planner
