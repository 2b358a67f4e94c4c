// Retries against the lab's injected faults, checked in the lab's request
// log: a throttled call is retried and succeeds; a call that keeps failing
// stops at the attempt limit with a clear error; a non-idempotent call that
// failed ambiguously (the lab applied it, then answered 503) is not sent again.

#include <gtest/gtest.h>

#include <map>

#include "tests/lab/aws_clients/lab_test.h"

namespace cutover::aws {
namespace {

// The base's session makes at most 3 attempts (Lab::session's default), the limit these tests count.
class RetryLab : public lab::LabTest {
 protected:
  size_t count(const std::string& operation) {
    size_t n = 0;
    for (const auto& entry : lab->log()) n += entry["operation"] == operation;
    return n;
  }
};

TEST_F(RetryLab, ThrottledCallIsRetriedAndSucceeds) {
  lab->add_fault({{"service", "route53"}, {"operation", "ListHostedZonesByName"}, {"kind", "throttle"}, {"count", 2}});
  auto zones = session->route53().list_hosted_zones_by_name();
  ASSERT_TRUE(zones.has_value()) << describe(zones.error());
  EXPECT_EQ(count("ListHostedZonesByName"), 3u);
}

TEST_F(RetryLab, RetryAfterIsHonoured) {
  lab->add_fault({{"service", "sts"}, {"kind", "throttle"}, {"count", 1}, {"retry_after", 1}});
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(session->sts().get_caller_identity().has_value());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(950));
}

TEST_F(RetryLab, KeepsFailingStopsAtTheLimitWithAClearError) {
  lab->add_fault({{"service", "rds"}, {"operation", "DescribeDBClusters"}, {"kind", "status"}, {"status", 503}, {"count", 10}});
  auto clusters = session->rds().describe_db_clusters();
  ASSERT_FALSE(clusters.has_value());
  EXPECT_EQ(clusters.error().http_status, 503);
  EXPECT_EQ(clusters.error().aws_code, "ServiceUnavailable");
  EXPECT_NE(clusters.error().message.find("gave up after 3 attempts"), std::string::npos) << clusters.error().message;
  EXPECT_EQ(count("DescribeDBClusters"), 3u);
}

TEST_F(RetryLab, NonIdempotentIsNotSentTwiceAfterAnAmbiguousFailure) {
  auto zone = session->route53().create_hosted_zone({.name = "retry.example", .caller_reference = "cutover-retry-1"});
  ASSERT_TRUE(zone.has_value()) << describe(zone.error());
  lab->add_fault({{"service", "route53"},
                  {"operation", "ChangeResourceRecordSets"},
                  {"kind", "status"},
                  {"status", 503},
                  {"after", true},
                  {"count", 5}});
  auto info = session->route53().change_resource_record_sets(
      zone->zone.id, {{route53::ChangeAction::Create, {.name = "a.retry.example.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}}}});
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().http_status, 503);

  lab->add_fault(
      {{"service", "rds"}, {"operation", "CreateDBInstance"}, {"kind", "status"}, {"status", 500}, {"after", true}, {"count", 5}});
  auto instance = session->rds().create_db_instance({.instance_id = "i-1", .instance_class = "db.t3.medium", .engine = "postgres"});
  ASSERT_FALSE(instance.has_value());

  // No mutating call reached moto twice: every idempotency key appears once.
  std::map<std::string, int> seen;
  for (const auto& entry : lab->log()) {
    if (entry.value("mutating", false) && entry["idempotency_key"].is_string()) ++seen[entry["idempotency_key"]];
  }
  EXPECT_EQ(count("ChangeResourceRecordSets"), 1u);
  EXPECT_EQ(count("CreateDBInstance"), 1u);
  for (const auto& [key, n] : seen) EXPECT_EQ(n, 1) << key;
}

TEST_F(RetryLab, ConnectionResetOnAnIdempotentReadIsRetried) {
  lab->add_fault({{"service", "route53"}, {"operation", "ListHostedZonesByName"}, {"kind", "reset"}, {"count", 1}});
  auto zones = session->route53().list_hosted_zones_by_name();
  ASSERT_TRUE(zones.has_value()) << describe(zones.error());
}

}  // namespace
}  // namespace cutover::aws
