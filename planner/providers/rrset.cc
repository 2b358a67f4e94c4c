#include "planner/providers/rrset.h"

namespace cutover::planner {

std::string_view to_string(ChangeKind kind) {
  switch (kind) {
    case ChangeKind::Create: return "CREATE";
    case ChangeKind::Upsert: return "UPSERT";
    case ChangeKind::Delete: return "DELETE";
  }
  return "?";
}

}  // namespace cutover::planner
