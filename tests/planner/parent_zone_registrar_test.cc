// ParentZoneRegistrarProvider over a fake parent zone: what it reads, the
// UPSERT it makes, the TTL it keeps, and the names it refuses.

#include "planner/providers/parent_zone_registrar.h"

#include <gtest/gtest.h>

#include "tests/planner/fakes.h"

namespace cutover::testing {
namespace {

using dns::RecordType;

class ParentZoneRegistrarTest : public ::testing::Test {
 protected:
  ParentZoneRegistrarTest() {
    parent_.add({.name = name("example.test."), .type = RecordType::NS, .ttl = 172800, .values = {"ns1.old.test.", "ns2.old.test."}});
  }
  FakeZone parent_{"test.", {"ns1.tld.test."}};
  planner::ParentZoneRegistrarProvider registrar_{parent_};
};

TEST_F(ParentZoneRegistrarTest, ReadsTheNsRrsetAtTheDomain) {
  auto names = registrar_.delegation(name("example.test."));
  ASSERT_TRUE(names.has_value());
  EXPECT_EQ(*names, (std::vector<dns::DomainName>{name("ns1.old.test."), name("ns2.old.test.")}));
  auto none = registrar_.delegation(name("other.test."));
  ASSERT_TRUE(none.has_value());
  EXPECT_TRUE(none->empty());
}

TEST_F(ParentZoneRegistrarTest, UpsertsKeepingTheTtlWhenGivenZero) {
  ASSERT_TRUE(registrar_.set_delegation(name("example.test."), {name("ns1.new.test.")}, 0).has_value());
  auto ns = parent_.find("example.test.", RecordType::NS);
  ASSERT_TRUE(ns);
  EXPECT_EQ(ns->ttl, 172800u);
  EXPECT_EQ(ns->values, std::vector<std::string>{"ns1.new.test."});
  ASSERT_TRUE(registrar_.set_delegation(name("example.test."), {name("ns1.new.test.")}, 60).has_value());
  EXPECT_EQ(parent_.find("example.test.", RecordType::NS)->ttl, 60u);
  ASSERT_TRUE(registrar_.set_delegation(name("new.test."), {name("ns1.new.test.")}, 0).has_value());
  EXPECT_EQ(parent_.find("new.test.", RecordType::NS)->ttl, planner::ParentZoneRegistrarProvider::kDefaultTtl);
}

TEST_F(ParentZoneRegistrarTest, TheSameSetIsNotAppliedAgain) {
  ASSERT_TRUE(registrar_.set_delegation(name("example.test."), {name("NS2.old.test."), name("ns1.old.test.")}, 0).has_value());
  EXPECT_EQ(parent_.applies, 0);
}

TEST_F(ParentZoneRegistrarTest, RefusesTheApexNamesOutsideAndAnEmptySet) {
  EXPECT_EQ(registrar_.delegation(name("test.")).error().code, planner::ErrorCode::Invalid);
  EXPECT_EQ(registrar_.delegation(name("example.com.")).error().code, planner::ErrorCode::Invalid);
  EXPECT_EQ(registrar_.set_delegation(name("example.test."), {}, 0).error().code, planner::ErrorCode::Invalid);
  EXPECT_EQ(parent_.applies, 0);
}

TEST_F(ParentZoneRegistrarTest, PassesOnTheParentsFailure) {
  parent_.fail_next_apply = true;
  auto set = registrar_.set_delegation(name("example.test."), {name("ns1.new.test.")}, 0);
  ASSERT_FALSE(set.has_value());
  EXPECT_EQ(set.error().code, planner::ErrorCode::Provider);
}

}  // namespace
}  // namespace cutover::testing
