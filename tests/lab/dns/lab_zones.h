#pragma once
// The zone files of the DNS lab, as text (its server configs come from
// tests/lab/common/server_configs.h). TTLs are seconds long so that cache
// expiry is observable in a test.

#include <string>

namespace cutover::lab {

/// NS TTL of example.test at the TLD and in both provider zones: Unbound keeps it this long.
inline constexpr int kExampleNsTtl = 8;

std::string root_zone();
std::string root_hints();
/// The TLD `test.`; `example_to_new` delegates example.test to the new servers.
std::string tld_zone(bool example_to_new, int serial);
/// example.test as the old provider serves it (NS ns1/ns2.example.test).
std::string old_example_zone();
/// example.test as the new provider serves it; `stale` serves www with the old address 192.0.2.99.
std::string new_example_zone(bool stale);
std::string dev_zone();
std::string broken_zone();
std::string signed_zone();

}  // namespace cutover::lab
