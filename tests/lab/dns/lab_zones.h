#pragma once
// The zone files and server configs of the DNS lab, as text. TTLs are seconds
// long so that cache expiry is observable in a test.

#include <string>
#include <vector>

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

/// One zone served by a knotd instance.
struct KnotZone {
  std::string domain{};
  std::string file{};
};
/// A knotd config listening on `addresses` port 53, serving `zones`, with its state in `dir`.
std::string knot_config(const std::string& dir, const std::vector<std::string>& addresses,
                        const std::vector<KnotZone>& zones);
/// An Unbound config on `address` port 53 using the lab's root hints.
std::string unbound_config(const std::string& dir, const std::string& address);

}  // namespace cutover::lab
