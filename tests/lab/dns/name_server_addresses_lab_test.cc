// resolve_addresses_via against the lab: name server names that exist only in
// the lab's own root and TLD, looked up through its Unbound (what a Route 53
// zone in the lab relies on: the system resolver knows nothing of them).

#include <gtest/gtest.h>

#include "dns/domain_name.h"
#include "planner/providers/name_server_addresses.h"
#include "tests/lab/dns/dns_lab_test.h"

namespace cutover::lab {
namespace {

using namespace std::chrono_literals;
using A = LabAddresses;

class NameServerAddressesLab : public DnsLabTest {
 protected:
  dns::ProbeOptions quick_{.timeout = 300ms, .attempts = 2};
};

TEST_F(NameServerAddressesLab, ResolvesThroughTheResolverInOrder) {
  auto got = planner::resolve_addresses_via({name("ns2.new-dns.test."), name("ns1.new-dns.test.")}, {A::kUnbound}, quick_);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  EXPECT_EQ(*got, (std::vector<std::string>{A::kNew2, A::kNew1}));
}

TEST_F(NameServerAddressesLab, ANameWithoutAddressIsAnErrorNamingIt) {
  auto got = planner::resolve_addresses_via({name("ns1.new-dns.test."), name("nowhere.new-dns.test.")}, {A::kUnbound}, quick_);
  ASSERT_FALSE(got.has_value());
  EXPECT_NE(got.error().message.find("nowhere.new-dns.test."), std::string::npos) << got.error().message;
  EXPECT_NE(got.error().message.find("nxdomain"), std::string::npos) << got.error().message;
}

TEST_F(NameServerAddressesLab, ADeadResolverIsPassedOver) {
  auto got = planner::resolve_addresses_via({name("ns1.new-dns.test.")}, {A::kDead, A::kUnbound}, quick_);
  ASSERT_TRUE(got.has_value()) << got.error().message;
  EXPECT_EQ(*got, (std::vector<std::string>{A::kNew1}));
}

TEST_F(NameServerAddressesLab, NoResolverAtAllIsRefused) {
  auto got = planner::resolve_addresses_via({name("ns1.new-dns.test.")}, {}, quick_);
  ASSERT_FALSE(got.has_value());
  EXPECT_NE(got.error().message.find("no resolver"), std::string::npos) << got.error().message;
}

}  // namespace
}  // namespace cutover::lab
