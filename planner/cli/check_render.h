#pragma once
// Rendering the delegation and parity reports as text or JSON.

#include <cstddef>
#include <ostream>

#include <nlohmann/json.hpp>

#include "dns/delegation.h"
#include "dns/parity.h"

namespace cutover::cli {

/// Parent and child servers, problems and the verdict of a delegation check.
void render_delegation_text(const dns::DelegationReport& report, std::ostream& out);
nlohmann::json delegation_json(const dns::DelegationReport& report);

/// Totals, every difference (up to `max_listed` in text) and unanswered query, and the verdict.
void render_parity_text(const dns::ParityReport& report, double seconds, std::size_t max_listed, std::ostream& out);
nlohmann::json parity_json(const dns::ParityReport& report, double seconds);

}  // namespace cutover::cli
