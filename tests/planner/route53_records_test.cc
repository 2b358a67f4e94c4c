// Route 53 record sets of every kind to Rrsets and back: aliases (to AWS
// resources and to a record of the same zone), every routing policy, health
// checks; a listed set, written back as a change, is the set Route 53 holds.

#include "planner/providers/route53_records.h"

#include <gtest/gtest.h>

namespace cutover::planner {
namespace {

namespace r53 = aws::route53;

dns::DomainName name(std::string_view text) { return dns::DomainName::parse(text).value(); }

const r53::HostedZoneId kOldZone{"ZOLD123"};
const r53::HostedZoneId kNewZone{"ZNEW456"};

struct Kind {
  std::string what;
  r53::RecordSet listed;
};

const Kind kKinds[] = {
    {"simple", {.name = "www.example.com.", .type = "A", .ttl = 300, .values = {"192.0.2.1", "192.0.2.2"}}},
    {"apex alias to an ELB",
     {.name = "example.com.",
      .type = "A",
      .alias = r53::AliasTarget{"Z32O12XQLNTSW2", "dualstack.my-lb-1.eu-west-1.elb.amazonaws.com.", true}}},
    {"alias to CloudFront",
     {.name = "cdn.example.com.", .type = "AAAA", .alias = r53::AliasTarget{"Z2FDTNDATAQYW2", "d1.cloudfront.net.", false}}},
    {"weighted", {.name = "w.example.com.", .type = "A", .set_identifier = "blue", .weight = 10, .ttl = 60, .values = {"192.0.2.10"}}},
    {"weighted alias",
     {.name = "w2.example.com.",
      .type = "A",
      .set_identifier = "b",
      .weight = 0,
      .alias = r53::AliasTarget{"Z2FDTNDATAQYW2", "d2.cloudfront.net.", false}}},
    {"latency",
     {.name = "api.example.com.", .type = "A", .set_identifier = "eu", .region = "eu-west-1", .ttl = 60, .values = {"192.0.2.20"}}},
    {"failover primary with a health check",
     {.name = "app.example.com.",
      .type = "A",
      .set_identifier = "primary",
      .failover = "PRIMARY",
      .ttl = 60,
      .values = {"192.0.2.30"},
      .health_check_id = "abcdef11-2222-3333-4444-555555fedcba"}},
    {"failover secondary",
     {.name = "app.example.com.",
      .type = "A",
      .set_identifier = "secondary",
      .failover = "SECONDARY",
      .ttl = 60,
      .values = {"192.0.2.31"}}},
    {"geolocation continent",
     {.name = "geo.example.com.",
      .type = "A",
      .set_identifier = "eu",
      .geo_location = r53::GeoLocation{"EU", "", ""},
      .ttl = 60,
      .values = {"192.0.2.40"}}},
    {"geolocation subdivision",
     {.name = "geo.example.com.",
      .type = "A",
      .set_identifier = "us-ca",
      .geo_location = r53::GeoLocation{"", "US", "CA"},
      .ttl = 60,
      .values = {"192.0.2.41"}}},
    {"geolocation default",
     {.name = "geo.example.com.",
      .type = "A",
      .set_identifier = "default",
      .geo_location = r53::GeoLocation{"", "*", ""},
      .ttl = 60,
      .values = {"192.0.2.42"}}},
    {"multivalue",
     {.name = "mv.example.com.",
      .type = "A",
      .set_identifier = "mv-1",
      .multi_value_answer = true,
      .ttl = 60,
      .values = {"192.0.2.50"},
      .health_check_id = "hc-2"}},
    {"geoproximity by region",
     {.name = "gp.example.com.",
      .type = "A",
      .set_identifier = "r",
      .ttl = 60,
      .values = {"192.0.2.60"},
      .geo_proximity = r53::GeoProximityLocation{.aws_region = "us-east-1", .bias = -20}}},
    {"geoproximity by coordinates",
     {.name = "gp.example.com.",
      .type = "A",
      .set_identifier = "c",
      .ttl = 60,
      .values = {"192.0.2.61"},
      .geo_proximity = r53::GeoProximityLocation{.latitude = "49.22", .longitude = "-74.01"}}},
    {"cidr",
     {.name = "ip.example.com.",
      .type = "A",
      .set_identifier = "office",
      .ttl = 60,
      .values = {"192.0.2.70"},
      .cidr_routing = r53::CidrRoutingConfig{"c-1", "office"}}},
    {"traffic policy",
     {.name = "tp.example.com.", .type = "A", .ttl = 60, .values = {"192.0.2.80"}, .traffic_policy_instance_id = "tpi-1"}},
    {"same-zone alias", {.name = "www2.example.com.", .type = "A", .alias = r53::AliasTarget{"ZOLD123", "www.example.com.", false}}},
};

TEST(Route53RecordKinds, EveryKindRoundTripsThroughAnRrset) {
  for (const auto& kind : kKinds) {
    auto rrset = rrset_from_route53(kind.listed, kOldZone);
    ASSERT_TRUE(rrset.has_value()) << kind.what;
    for (auto action : {ChangeKind::Create, ChangeKind::Upsert, ChangeKind::Delete}) {
      auto change = change_to_route53({.kind = action, .rrset = *rrset}, kOldZone);
      EXPECT_EQ(change.record, kind.listed) << kind.what;  // a DELETE must match what Route 53 holds exactly
    }
  }
}

TEST(Route53RecordKinds, RoutingAndAliasesAreDescribedInOurTerms) {
  auto failover = rrset_from_route53(kKinds[6].listed, kOldZone).value();
  ASSERT_TRUE(failover.routing.has_value());
  EXPECT_EQ(failover.set_identifier(), "primary");
  EXPECT_EQ(failover.routing->failover, Failover::Primary);
  EXPECT_EQ(failover.health_check_id, "abcdef11-2222-3333-4444-555555fedcba");

  auto geo_default = rrset_from_route53(kKinds[10].listed, kOldZone).value();
  EXPECT_EQ(geo_default.routing->geolocation->country, "*");

  auto elb = rrset_from_route53(kKinds[1].listed, kOldZone).value();
  ASSERT_TRUE(elb.alias.has_value());
  EXPECT_FALSE(elb.alias->same_zone);
  EXPECT_EQ(elb.alias->hosted_zone_id, "Z32O12XQLNTSW2");
  EXPECT_EQ(elb.alias->name, name("dualstack.my-lb-1.eu-west-1.elb.amazonaws.com"));
  EXPECT_TRUE(elb.alias->evaluate_target_health);
  EXPECT_EQ(elb.ttl, 0u);
  EXPECT_TRUE(elb.values.empty());
  EXPECT_FALSE(elb.routing.has_value());

  EXPECT_EQ(rrset_from_route53(kKinds[15].listed, kOldZone)->traffic_policy_instance_id, "tpi-1");
  EXPECT_EQ(rrset_from_route53(kKinds[14].listed, kOldZone)->routing->cidr->collection_id, "c-1");
}

TEST(Route53RecordKinds, ASameZoneAliasPointsAtTheZoneItIsCopiedInto) {
  r53::RecordSet listed = kKinds[16].listed;
  listed.alias->hosted_zone_id = "/hostedzone/ZOLD123";  // ids compare bare
  auto alias = rrset_from_route53(listed, kOldZone).value();
  ASSERT_TRUE(alias.alias.has_value());
  EXPECT_TRUE(alias.alias->same_zone);
  EXPECT_TRUE(alias.alias->hosted_zone_id.empty());
  auto copied = change_to_route53({.kind = ChangeKind::Create, .rrset = alias}, kNewZone);
  EXPECT_EQ(copied.record.alias->hosted_zone_id, "ZNEW456");
  EXPECT_FALSE(copied.record.ttl.has_value());  // an alias goes without TTL and values
  EXPECT_TRUE(copied.record.values.empty());
  // The same alias listed from the new zone is identical to the one from the old.
  EXPECT_EQ(rrset_from_route53(copied.record, kNewZone).value(), alias);
}

TEST(Route53RecordKinds, AnAliasToAnotherZoneKeepsItsId) {
  auto elsewhere = rrset_from_route53(kKinds[2].listed, kOldZone).value();
  EXPECT_EQ(change_to_route53({.kind = ChangeKind::Create, .rrset = elsewhere}, kNewZone).record.alias->hosted_zone_id, "Z2FDTNDATAQYW2");
}

TEST(Route53RecordKinds, UnknownFailoverValuesAreErrors) {
  r53::RecordSet odd{
      .name = "a.example.com.", .type = "A", .set_identifier = "x", .failover = "TERTIARY", .ttl = 60, .values = {"192.0.2.1"}};
  auto got = rrset_from_route53(odd, kOldZone);
  ASSERT_FALSE(got.has_value());
  EXPECT_EQ(got.error().code, ErrorCode::Provider);
  EXPECT_NE(got.error().message.find("TERTIARY"), std::string::npos);
}

TEST(Route53RecordKinds, Route53TypesAreTheDocumentedOnes) {
  EXPECT_TRUE(route53_accepts(dns::RecordType::NAPTR));
  EXPECT_TRUE(route53_accepts(dns::RecordType::HTTPS));
  EXPECT_FALSE(route53_accepts(dns::RecordType::LOC));
  EXPECT_FALSE(route53_accepts(dns::RecordType::DNAME));
}

}  // namespace
}  // namespace cutover::planner
