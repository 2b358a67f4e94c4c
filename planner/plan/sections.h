#pragma once
// Private to the planner: the readers of each section of the plan file, used
// by plan_parser.cc. Each one records problems and returns what it could read.

#include <nlohmann/json.hpp>

#include "planner/plan/json_fields.h"
#include "planner/plan/plan.h"

namespace cutover::planner::detail {

void read_accounts(JsonFields& in, const nlohmann::json& doc, Plan& plan);
void read_zones(JsonFields& in, const nlohmann::json& doc, Plan& plan);
void read_registrar(JsonFields& in, const nlohmann::json& doc, Plan& plan);
void read_settings(JsonFields& in, const nlohmann::json& doc, Plan& plan);
void read_strategies(JsonFields& in, const nlohmann::json& doc, Plan& plan);

/// The "weighted-shift" strategy (weighted_shift_section.cc): read, and checked against the plan.
Strategy read_weighted_shift(JsonFields& in, const nlohmann::json& value, const std::string& at);
void check_weighted_shift(JsonFields& in, const Plan& plan, std::size_t index, const WeightedShift& strategy);

/// Cross-reference checks on a structurally valid plan.
void check_meaning(JsonFields& in, const Plan& plan);

// The `records` strategy (records_section.cc).
Strategy read_records(JsonFields& in, const nlohmann::json& value, const std::string& at);
void check_records(JsonFields& in, const Plan& plan, std::size_t index, const BulkRecords& strategy);

}  // namespace cutover::planner::detail
