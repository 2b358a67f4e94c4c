// SOA serials: the field read from presentation rdata, and RFC 1982 order.

#include "dns/soa_serial.h"

#include <gtest/gtest.h>

namespace cutover::dns {
namespace {

TEST(SoaSerial, ReadsTheThirdField) {
  EXPECT_EQ(parse_soa_serial("ns1.example.test. hostmaster.example.test. 2024010101 7200 3600 1209600 300"), 2024010101u);
  EXPECT_EQ(parse_soa_serial("a. b. 4294967295 1 1 1 1"), 4294967295u);
  EXPECT_EQ(parse_soa_serial("a. b."), std::nullopt);
  EXPECT_EQ(parse_soa_serial("a. b. 12x 1 1 1 1"), std::nullopt);
  EXPECT_EQ(parse_soa_serial("a. b. 4294967296 1 1 1 1"), std::nullopt);
}

TEST(SoaSerial, ComparesInSerialArithmetic) {
  EXPECT_TRUE(serial_at_least(5, 5));
  EXPECT_TRUE(serial_at_least(6, 5));
  EXPECT_FALSE(serial_at_least(4, 5));
  EXPECT_TRUE(serial_at_least(2, 4294967290u));  // wrapped past 2^32: later
  EXPECT_FALSE(serial_at_least(4294967290u, 2));
}

}  // namespace
}  // namespace cutover::dns
