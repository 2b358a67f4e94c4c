// A plan whose gates would ask the name servers of a Route 53 private hosted
// zone is refused by name before anything runs: those servers do not serve
// the zone, so the gates could never be decided.
#include <gtest/gtest.h>

#include <algorithm>

#include "planner/run/private_zone_gates.h"
#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

class PrivateZoneGates : public testing::World {};

TEST_F(PrivateZoneGates, PublicZonesPass) {
  load_example_com("s1-account-move.json");
  EXPECT_TRUE(refuse_private_zone_gates(graph_, providers_).has_value());
}

TEST_F(PrivateZoneGates, EveryGateThatAsksAPrivateZonesServersIsNamedOnceWithTheReasonOnce) {
  load_example_com("s1-account-move.json");
  old_->capabilities_held.private_zone = true;
  auto refused = refuse_private_zone_gates(graph_, providers_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
  EXPECT_EQ(refused.error().message, "the plan's gates cannot be decided for 1 private hosted zone; nothing was run");
  const auto& problems = refused.error().problems;
  ASSERT_GE(problems.size(), 2u);
  EXPECT_TRUE(std::ranges::any_of(problems, [](const Problem& p) {
    return p.message == "step switch.verify-ready: gate [zone-parity] asks the authoritative servers of zone 'old', a private hosted zone";
  }));
  // Gates of the public zone alone, or answered by an API, are not named.
  EXPECT_TRUE(
      std::ranges::none_of(problems, [](const Problem& p) { return p.message.find("zone 'new', a private") != std::string::npos; }));
  EXPECT_EQ(std::ranges::count_if(
                problems, [](const Problem& p) { return p.message.starts_with("zone 'old': hosted zone example.com. is private"); }),
            1);
}

TEST(PrivateZoneGateKinds, ApiAndResolverGatesDoNotAskTheZonesServers) {
  EXPECT_TRUE(asks_zone_servers(GateKind::RecordAnswers));
  EXPECT_TRUE(asks_zone_servers(GateKind::ZoneParity));
  EXPECT_FALSE(asks_zone_servers(GateKind::ResolversAgree));
  EXPECT_FALSE(asks_zone_servers(GateKind::ClusterAvailable));
  EXPECT_FALSE(asks_zone_servers(GateKind::WeightsAre));
}

}  // namespace
}  // namespace cutover::planner
