#pragma once
// Reading a plan file: JSON syntax, then structure (types, ranges, unknown
// keys), then meaning (cross-references between zones, accounts and
// strategies). A plan with any problem is refused whole, with every problem
// listed by its JSON pointer.

#include <filesystem>
#include <string_view>

#include "planner/plan/plan.h"
#include "planner/result.h"

namespace cutover::planner {

/// Parses and validates plan text. On failure the error's code is Invalid and
/// `problems` holds every problem found; a syntax error carries line and column.
Result<Plan> parse_plan(std::string_view text);

/// Reads `path` and parses it. A missing or unreadable file is an Io error.
Result<Plan> load_plan(const std::filesystem::path& path);

}  // namespace cutover::planner
