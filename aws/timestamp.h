#pragma once
// AWS timestamps: ISO 8601 UTC in XML ("2026-02-01T00:59:00Z", with or
// without fractional seconds) and epoch seconds in JSON.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace cutover::aws {

/// Point in time as AWS APIs report it.
using Timestamp = std::chrono::system_clock::time_point;

/// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z" (also "+00:00"); nullopt when
/// malformed or outside the years 1900 to 2200.
std::optional<Timestamp> parse_iso8601(std::string_view text);

/// "2026-01-31T23:59:00Z" (whole seconds).
std::string format_iso8601(Timestamp time);

/// Epoch seconds (JSON numbers, possibly fractional) to a Timestamp; nullopt
/// outside the years 1900 to 2200 (and for NaN or infinity).
std::optional<Timestamp> from_epoch_seconds(double seconds);

}  // namespace cutover::aws
