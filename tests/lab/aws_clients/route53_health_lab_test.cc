// Route 53 health checks against moto behind the lab proxy: a check read in
// one account and created in another with the same settings, a rerun with
// the same CallerReference adopting it, a calculated check over children,
// delete twice.

#include <gtest/gtest.h>

#include "tests/lab/aws_clients/lab_test.h"

namespace cutover::aws::route53 {
namespace {

class Route53HealthLab : public lab::LabTest {
 protected:
  HealthCheckConfig https_check() const {
    return {.type = "HTTPS_STR_MATCH",
            .ip_address = "192.0.2.10",
            .port = 443,
            .resource_path = "/health",
            .fqdn = "app.example.com",
            .search_string = "ok",
            .request_interval = 10,
            .failure_threshold = 2,
            .measure_latency = true,
            .inverted = false,
            .disabled = false,
            .enable_sni = true};
  }
};

TEST_F(Route53HealthLab, ReadInOneAccountCreatedInAnotherWithTheSameSettings) {
  auto old_check = session->route53().create_health_check("test-source-1", https_check());
  ASSERT_TRUE(old_check.has_value()) << describe(old_check.error());
  auto read = session->route53().get_health_check(old_check->id);
  ASSERT_TRUE(read.has_value()) << describe(read.error());
  EXPECT_EQ(read->caller_reference, "test-source-1");
  EXPECT_EQ(read->config.type, "HTTPS_STR_MATCH");
  EXPECT_EQ(read->config.search_string, "ok");
  EXPECT_EQ(read->config.port, 443);

  auto new_session = lab->session("new");
  ASSERT_NE(new_session, nullptr);
  auto made = new_session->route53().create_health_check("cutover-hc-copy-1", read->config);
  ASSERT_TRUE(made.has_value()) << describe(made.error());
  EXPECT_NE(made->id, old_check->id);
  auto again = new_session->route53().create_health_check("cutover-hc-copy-1", read->config);
  ASSERT_TRUE(again.has_value()) << describe(again.error());
  EXPECT_EQ(again->id, made->id);  // adopted, not a second check
  auto copied = new_session->route53().get_health_check(made->id);
  ASSERT_TRUE(copied.has_value()) << describe(copied.error());
  EXPECT_EQ(copied->config, read->config);

  auto all = new_session->route53().list_all_health_checks();
  ASSERT_TRUE(all.has_value()) << describe(all.error());
  EXPECT_EQ(all->size(), 1u);  // the old account's check is not the new account's

  HealthCheckConfig other = read->config;
  other.search_string = "healthy";
  auto clash = new_session->route53().create_health_check("cutover-hc-copy-1", other);
  ASSERT_FALSE(clash.has_value());
  EXPECT_EQ(clash.error().aws_code, "HealthCheckAlreadyExists");
}

TEST_F(Route53HealthLab, CalculatedCheckOverChildrenAndDeleteTwice) {
  auto child_a = session->route53().create_health_check("test-child-a", {.type = "TCP", .ip_address = "192.0.2.1", .port = 25});
  auto child_b = session->route53().create_health_check("test-child-b", {.type = "TCP", .ip_address = "192.0.2.2", .port = 25});
  ASSERT_TRUE(child_a.has_value() && child_b.has_value());
  auto parent = session->route53().create_health_check(
      "test-parent", {.type = "CALCULATED", .health_threshold = 1, .child_health_checks = {child_a->id, child_b->id}});
  ASSERT_TRUE(parent.has_value()) << describe(parent.error());
  auto read = session->route53().get_health_check(parent->id);
  ASSERT_TRUE(read.has_value()) << describe(read.error());
  EXPECT_EQ(read->config.health_threshold, 1);
  EXPECT_EQ(read->config.child_health_checks, (std::vector<std::string>{child_a->id, child_b->id}));

  ASSERT_TRUE(session->route53().delete_health_check(parent->id).has_value());
  auto twice = session->route53().delete_health_check(parent->id);
  EXPECT_TRUE(twice.has_value()) << describe(twice.error());
  auto gone = session->route53().get_health_check(parent->id);
  ASSERT_FALSE(gone.has_value());
  EXPECT_EQ(gone.error().code, ErrorCode::NotFound);
  auto found = session->route53().find_health_check("test-child-a");
  ASSERT_TRUE(found.has_value()) << describe(found.error());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->id, child_a->id);
}

}  // namespace
}  // namespace cutover::aws::route53
