#include "planner/providers/rrset.h"

namespace cutover::planner {

std::string_view to_string(Failover failover) {
  switch (failover) {
    case Failover::Primary: return "PRIMARY";
    case Failover::Secondary: return "SECONDARY";
  }
  return "?";
}

const std::string& Rrset::set_identifier() const {
  static const std::string kNone;
  return routing ? routing->set_identifier : kNone;
}

RrsetKey key_of(const Rrset& rrset) { return RrsetKey{.name = rrset.name, .type = rrset.type, .set_identifier = rrset.set_identifier()}; }

std::string describe(const RrsetKey& key) {
  std::string out = key.name.text() + " " + std::string(dns::to_string(key.type));
  if (!key.set_identifier.empty()) out += " set '" + key.set_identifier + "'";
  return out;
}

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Create: return "CREATE";
    case ChangeKind::Upsert: return "UPSERT";
    case ChangeKind::Delete: return "DELETE";
  }
  return "?";
}

}  // namespace cutover::planner
