// After an UPDATE: find the serial it produced on the primary, then wait
// until every server of the zone has it. "In sync" means all servers: a
// secondary that lags keeps apply() waiting until the deadline, and the error
// then names each server behind with the serial it has.
#include <string>

#include "dns/soa_serial.h"
#include "planner/providers/record_ops.h"
#include "planner/providers/rfc2136_zone.h"

namespace cutover::planner {
namespace {

std::string describe(const dns::SerialSeen& seen) {
  std::string out = dns::to_string(seen.server);
  return seen.serial ? out + " has serial " + std::to_string(*seen.serial) : out + " " + seen.problem;
}

}  // namespace

Result<std::uint32_t> Rfc2136ZoneProvider::primary_serial() {
  auto seen = dns::soa_serials(std::span(primaries_).first(1), zone_, {.timeout = options_.query_timeout, .attempts = 2});
  if (!seen) return fail(ErrorCode::Provider, seen.error().message);
  if (!seen->front().serial) {
    return fail(ErrorCode::Provider, "zone " + zone_.text() + ": primary " + describe(seen->front()) + " for the SOA");
  }
  return *seen->front().serial;
}

// Servers reply to an UPDATE once it is accepted, but may publish it a little
// later (Knot, LAB-NOTES: up to ~0.7 s): poll for the serial to move. An
// UPDATE that changed nothing leaves the serial alone; that is told apart
// from a slow one by reading the zone and finding the changes already there.
Result<std::uint32_t> Rfc2136ZoneProvider::wait_primary_moved(std::uint32_t before, const std::vector<RrsetChange>& changes) {
  auto deadline = clock_->now() + options_.primary_settle;
  for (;;) {
    auto now = primary_serial();
    if (now && *now != before) return *now;
    if (clock_->now() >= deadline) break;
    clock_->sleep_for(options_.poll_interval);
  }
  auto listed = list();
  if (!listed) return std::unexpected(listed.error());
  if (changes_in_effect(*listed, changes)) return before;
  return fail(ErrorCode::Provider, "zone " + zone_.text() + ": primary " + dns::to_string(primaries_.front()) +
                                       " accepted the UPDATE but its serial stayed " + std::to_string(before) +
                                       " and the changes are not in the zone after " + std::to_string(options_.primary_settle.count()) +
                                       " s");
}

Result<void> Rfc2136ZoneProvider::wait_in_sync(std::uint32_t serial) {
  auto deadline = clock_->now() + options_.sync_timeout;
  std::vector<dns::ServerAddress> behind = servers_;
  std::vector<dns::SerialSeen> last;
  for (;;) {
    auto seen = dns::soa_serials(behind, zone_, {.timeout = options_.query_timeout, .attempts = 2});
    if (!seen) return fail(ErrorCode::Provider, seen.error().message);
    behind.clear();
    last.clear();
    for (auto& s : *seen) {
      if (s.serial && dns::serial_at_least(*s.serial, serial)) continue;
      behind.push_back(s.server);
      last.push_back(std::move(s));
    }
    if (behind.empty()) return {};
    if (clock_->now() >= deadline) break;
    clock_->sleep_for(options_.poll_interval);
  }
  std::string lagging;
  for (const auto& s : last) lagging += (lagging.empty() ? "" : "; ") + describe(s);
  return fail(ErrorCode::Provider, "zone " + zone_.text() + " not in sync after " + std::to_string(options_.sync_timeout.count()) +
                                       " s (primary at serial " + std::to_string(serial) + "): " + lagging);
}

}  // namespace cutover::planner
