// Health checks across accounts: the checks a copy's sets name are read with
// their children, recreated in the target account children first (a rerun
// adopts them), the copied sets name the copies, the undo deletes exactly
// what the plan made, checks that cannot move are refused by name before
// anything runs, and the parity gate compares checks by configuration.

#include "planner/providers/health_checks.h"

#include <gtest/gtest.h>

#include "planner/gates/gate_parts.h"
#include "planner/run/action_runner.h"
#include "planner/run/secrets.h"
#include "tests/planner/copy_world.h"

namespace cutover::planner {
namespace {

using testing::FakeHealthChecks;
using testing::FakeZone;
using testing::name;

HealthCheckConfig http(std::string ip) {
  return {
      .type = "HTTP", .ip_address = std::move(ip), .port = 80, .resource_path = "/health", .request_interval = 30, .failure_threshold = 3};
}

Rrset failover(std::string_view owner, std::string id, Failover role, std::string check) {
  Rrset set{.name = name(owner), .type = dns::RecordType::A, .ttl = 60, .values = {role == Failover::Primary ? "192.0.2.1" : "192.0.2.2"}};
  set.routing = Routing{.set_identifier = std::move(id), .failover = role};
  set.health_check_id = std::move(check);
  return set;
}

TEST(HealthCheckTree, ReadsChildrenAndOrdersThemFirst) {
  FakeHealthChecks account("old-");
  std::string a = account.add(http("192.0.2.1"));
  std::string b = account.add(http("192.0.2.2"));
  std::string calc = account.add({.type = "CALCULATED", .health_threshold = 1, .child_health_checks = {a, b}});
  auto tree = read_check_tree({calc, "gone"}, account);
  ASSERT_TRUE(tree.has_value()) << tree.error().message;
  EXPECT_EQ(tree->size(), 4u);
  EXPECT_FALSE(tree->at("gone").has_value());
  auto order = creation_order(*tree);
  ASSERT_EQ(order.size(), 3u);
  EXPECT_EQ(order.back(), calc);
  EXPECT_FALSE(recreation_obstacle(calc, *tree).has_value());
  auto missing = recreation_obstacle("gone", *tree);
  ASSERT_TRUE(missing.has_value());
  EXPECT_EQ(missing->why, "health check gone does not exist in the source account");
}

TEST(HealthCheckTree, AlarmsAndRoutingControlsCannotMove) {
  FakeHealthChecks account("old-");
  std::string alarm =
      account.add({.type = "CLOUDWATCH_METRIC", .alarm = aws::route53::AlarmIdentifier{.region = "eu-west-1", .name = "5xx"}});
  std::string calc = account.add({.type = "CALCULATED", .health_threshold = 1, .child_health_checks = {alarm}});
  auto tree = read_check_tree({calc}, account).value();
  auto obstacle = recreation_obstacle(calc, tree);
  ASSERT_TRUE(obstacle.has_value());
  EXPECT_EQ(obstacle->why, "calculated health check " + calc + " counts on a child that cannot be recreated: health check " + alarm +
                               " watches CloudWatch alarm '5xx' (eu-west-1), which belongs to the source account and is not recreated");
  EXPECT_NE(obstacle->remedy.find("recreate the alarm"), std::string::npos);
}

TEST(HealthCheckTree, SameCheckComparesConfigurationsNotIds) {
  FakeHealthChecks old_account("old-");
  FakeHealthChecks new_account("new-");
  std::string a = old_account.add(http("192.0.2.1"));
  std::string calc = old_account.add({.type = "CALCULATED", .health_threshold = 1, .child_health_checks = {a}});
  std::string a2 = new_account.add(http("192.0.2.1"));
  std::string calc2 = new_account.add({.type = "CALCULATED", .health_threshold = 1, .child_health_checks = {a2}});
  std::string other = new_account.add(http("192.0.2.9"));
  std::string calc3 = new_account.add({.type = "CALCULATED", .health_threshold = 1, .child_health_checks = {other}});
  auto old_tree = read_check_tree({calc}, old_account).value();
  auto new_tree = read_check_tree({calc2, calc3}, new_account).value();
  EXPECT_TRUE(same_check(calc, old_tree, calc2, new_tree));
  EXPECT_FALSE(same_check(calc, old_tree, calc3, new_tree));  // a child watches another address
  EXPECT_FALSE(same_check(calc, old_tree, "missing", new_tree));
}

// A Route 53-like world of two accounts: zone "old" in one, "new" in the other.
class HealthCheckCopy : public testing::CopyWorld {
 protected:
  void SetUp() override {
    from_->account_checks = &old_account_;
    to_->account_checks = &new_account_;
    to_->capabilities_held.account = "222222222222";
    child_ = old_account_.add(http("192.0.2.1"));
    calc_ = old_account_.add({.type = "CALCULATED", .health_threshold = 1, .child_health_checks = {child_}});
    from_->add(failover("app.example.com", "primary", Failover::Primary, calc_));
    from_->add(failover("app.example.com", "secondary", Failover::Secondary, ""));
    copy_.health_check_prefix = "cutover-hc-0000abcd-";
  }
  std::string copy_of(const std::string& source_id) const {
    for (const auto& [id, check] : new_account_.checks) {
      if (check.first == copy_.health_check_prefix + source_id) return id;
    }
    return "";
  }
  FakeHealthChecks old_account_{"old-"};
  FakeHealthChecks new_account_{"new-"};
  std::string child_{};
  std::string calc_{};
};

TEST_F(HealthCheckCopy, RecreatedChildrenFirstThenTheCopiedSetsNameTheCopies) {
  EXPECT_FALSE(runner_.in_effect(CopyHealthChecks{.copy = copy_}).value());
  auto refused = runner_.run(copy_);  // the records cannot go before their checks
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("health checks " + calc_ + " have no copy in the target account yet"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(to_->applies, 0);

  auto made = runner_.run(CopyHealthChecks{.copy = copy_});
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_EQ(made->how, "2 health checks recreated in the target account");
  std::string child_copy = copy_of(child_);
  std::string calc_copy = copy_of(calc_);
  ASSERT_FALSE(child_copy.empty());
  ASSERT_FALSE(calc_copy.empty());
  EXPECT_EQ(made->data.at("health_check." + calc_), calc_copy);
  EXPECT_EQ(new_account_.checks.at(calc_copy).second.child_health_checks, std::vector<std::string>{child_copy});
  EXPECT_EQ(new_account_.checks.at(child_copy).second, old_account_.checks.at(child_).second);

  auto again = runner_.run(CopyHealthChecks{.copy = copy_});  // a rerun adopts them
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->how, "0 health checks recreated in the target account (2 there already)");
  EXPECT_EQ(new_account_.creates, 2);
  EXPECT_TRUE(runner_.in_effect(CopyHealthChecks{.copy = copy_}).value());

  auto copied = runner_.run(copy_);
  ASSERT_TRUE(copied.has_value()) << copied.error().message;
  auto primary = to_->list().value();
  auto set = find_rrset(primary, RrsetKey{.name = name("app.example.com"), .type = dns::RecordType::A, .set_identifier = "primary"});
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->health_check_id, calc_copy);
  EXPECT_TRUE(runner_.in_effect(copy_).value());

  // The parity gate's comparison: the same configuration under other ids holds; another one does not.
  live::CheckTrees trees{.old_checks = read_check_tree({calc_}, old_account_).value(),
                         .new_checks = read_check_tree({calc_copy}, new_account_).value()};
  auto source = find_rrset(from_->list().value(), key_of(*set)).value();
  EXPECT_EQ(live::content_difference(source, *set, trees), "");
  new_account_.checks.at(child_copy).second.ip_address = "192.0.2.99";
  trees.new_checks = read_check_tree({calc_copy}, new_account_).value();
  EXPECT_EQ(live::content_difference(source, *set, trees),
            "health check " + calc_ + " (CALCULATED 1 of 1) -> " + calc_copy + " (CALCULATED 1 of 1)");

  // The undo deletes what the plan made, the calculated check first, and nothing else.
  std::string by_hand = new_account_.add(http("198.51.100.1"));
  DeleteHealthChecks undo{.zone = "new", .reference_prefix = copy_.health_check_prefix};
  EXPECT_FALSE(runner_.in_effect(undo).value());
  auto deleted = runner_.run(undo);
  ASSERT_TRUE(deleted.has_value()) << deleted.error().message;
  EXPECT_EQ(deleted->how, "2 health checks deleted");
  EXPECT_EQ(new_account_.removed, (std::vector<std::string>{calc_copy, child_copy}));
  EXPECT_TRUE(new_account_.checks.contains(by_hand));
  EXPECT_TRUE(runner_.in_effect(undo).value());
}

TEST_F(HealthCheckCopy, CheckOnAnAlarmIsRefusedByNameBeforeAnythingIsMade) {
  std::string alarm =
      old_account_.add({.type = "CLOUDWATCH_METRIC", .alarm = aws::route53::AlarmIdentifier{.region = "us-east-1", .name = "errors"}});
  from_->add(failover("api.example.com", "primary", Failover::Primary, alarm));
  auto made = runner_.run(CopyHealthChecks{.copy = copy_});
  ASSERT_FALSE(made.has_value());
  EXPECT_EQ(made.error().code, ErrorCode::Invalid);
  EXPECT_NE(made.error().message.find("api.example.com. A set 'primary': uses health check " + alarm +
                                      " watches CloudWatch alarm 'errors' (us-east-1)"),
            std::string::npos)
      << made.error().message;
  EXPECT_EQ(new_account_.creates, 0);
}

TEST_F(HealthCheckCopy, SameAccountKeepsTheIds) {
  to_->capabilities_held.account = from_->capabilities_held.account;
  auto made = runner_.run(CopyHealthChecks{.copy = copy_});
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_EQ(made->how, "no health check to recreate");
  ASSERT_TRUE(runner_.run(copy_).has_value());
  auto set =
      find_rrset(to_->list().value(), RrsetKey{.name = name("app.example.com"), .type = dns::RecordType::A, .set_identifier = "primary"});
  ASSERT_TRUE(set.has_value());
  EXPECT_EQ(set->health_check_id, calc_);
  EXPECT_EQ(new_account_.creates, 0);
}

}  // namespace
}  // namespace cutover::planner
