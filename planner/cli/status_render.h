#pragma once
// Rendering a propagation report: a table people read at a glance, or JSON.

#include <chrono>
#include <ostream>

#include <nlohmann/json.hpp>

#include "dns/propagation.h"

namespace cutover::cli {

/// The report as a table (server, role, answer, TTL, match), the verdict and the ETA.
void render_status_text(const dns::PropagationReport& report, std::chrono::system_clock::time_point checked_at, std::ostream& out);
/// The report as JSON, ETA both in seconds and as an ISO 8601 UTC time.
nlohmann::json status_json(const dns::PropagationReport& report, std::chrono::system_clock::time_point checked_at);

/// "2026-11-22T05:30:12Z".
std::string iso_utc(std::chrono::system_clock::time_point at);

}  // namespace cutover::cli
