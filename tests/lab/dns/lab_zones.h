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
/// signed.test: a DS at the parent, no DNSKEY in the zone.
std::string signed_zone();
/// A zone on the broken.test server publishing one DNSKEY (goodkey.test: the key its DS names;
/// wrongkey.test: another key than the DS names).
std::string key_zone(const std::string& zone, const std::string& dnskey);
/// The DNSKEY goodkey.test publishes (tag 2532) and the one wrongkey.test publishes (tag 61496).
inline constexpr const char* kGoodkeyDnskey =
    "257 3 13 aW+iuXMZJGOAo60ENk2DAkFd1+eaZkhUveaySKHxkIW80iUCDMy/NRxMjWe9VHVn34gYw3MZ7PiJNEMJABctmA==";
inline constexpr const char* kWrongkeyDnskey =
    "257 3 13 C8tZc7Y1QAOZMC2HCfm/M+GZzC9QH3QS4MJsYDG97lyH3JFCPirjClJH7siL4sJ2LdY6cngQBuSTwz6l3tO/Xg==";
/// noglue.test: NS ns1 (glue at the TLD) and ns2 (inside the zone, no glue; the zone has its address).
std::string noglue_zone();

}  // namespace cutover::lab
