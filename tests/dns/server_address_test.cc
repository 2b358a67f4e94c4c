#include "dns/server_address.h"

#include <gtest/gtest.h>

namespace cutover::dns {
namespace {

TEST(ServerAddressTest, ParsesEveryDocumentedForm) {
  struct Case {
    const char* text;
    const char* ip;
    int port;
    bool ipv6;
    const char* back;
  };
  const Case cases[] = {
      {"192.0.2.1", "192.0.2.1", 53, false, "192.0.2.1"},
      {"192.0.2.1@5353", "192.0.2.1", 5353, false, "192.0.2.1@5353"},
      {"192.0.2.1:5353", "192.0.2.1", 5353, false, "192.0.2.1@5353"},
      {"2001:db8::1", "2001:db8::1", 53, true, "2001:db8::1"},
      {"[2001:DB8::1]:53", "2001:db8::1", 53, true, "2001:db8::1"},
      {"[2001:db8::1]:5300", "2001:db8::1", 5300, true, "[2001:db8::1]:5300"},
      {"2001:db8::1@5300", "2001:db8::1", 5300, true, "[2001:db8::1]:5300"},
  };
  for (const auto& c : cases) {
    auto parsed = parse_server_address(c.text);
    ASSERT_TRUE(parsed.has_value()) << c.text << ": " << parsed.error().message;
    EXPECT_EQ(parsed->ip, c.ip);
    EXPECT_EQ(parsed->port, c.port);
    EXPECT_EQ(parsed->ipv6, c.ipv6);
    EXPECT_EQ(to_string(*parsed), c.back);
  }
}

TEST(ServerAddressTest, RefusesNamesAndBadPortsNamingTheInput) {
  for (const char* bad : {"", "ns1.example.com", "192.0.2.1@", "192.0.2.1@0", "192.0.2.1@70000", "[2001:db8::1", "[2001:db8::1]x",
                          "192.0.2.300", "192.0.2.1:53x"}) {
    auto parsed = parse_server_address(bad);
    ASSERT_FALSE(parsed.has_value()) << bad;
    EXPECT_EQ(parsed.error().code, ErrorCode::Invalid);
    if (*bad) {
      EXPECT_NE(parsed.error().message.find(bad), std::string::npos) << parsed.error().message;
    }
  }
}

}  // namespace
}  // namespace cutover::dns
