#include "planner/providers/private_zone.h"

namespace cutover::planner {

std::string private_zone_reason(const std::string& zone_name) {
  return "hosted zone " + zone_name +
         " is private: only the resolvers inside its VPCs answer for it, and Route 53's name servers answer for the public "
         "zone of that name if any, so cutover has no authoritative server of it to ask; cutover does not verify private "
         "zones yet: leave the zone out of the plan and change it by hand, checking the change through a resolver inside the VPC";
}

}  // namespace cutover::planner
