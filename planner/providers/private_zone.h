#pragma once
// Route 53 private hosted zones: only the resolvers inside the zone's VPCs
// answer for one. Route 53's public name servers know nothing of it (they
// may serve a public zone of the same name), so every gate that asks a
// zone's authoritative servers cannot be decided for a private zone.

#include <string>

namespace cutover::planner {

/// Why the servers of private zone `zone_name` cannot be asked, and what the user can do.
std::string private_zone_reason(const std::string& zone_name);

}  // namespace cutover::planner
