#pragma once
// Each lab owns a loopback range; starting its servers over someone else's
// (another lab, a leftover server, a system resolver on the wildcard) would
// make tests pass or fail for the wrong reasons, so a lab refuses instead.

#include <string_view>

#include "dns/result.h"

namespace cutover::lab {

/// Succeeds if nothing listens on port 53 (UDP or TCP) of an address starting
/// with `range` (e.g. "127.53.") or of the wildcard. Otherwise fails with Io:
/// `refusal` followed by the listening socket's `ss` line.
dns::Result<void> refuse_if_port53_busy(std::string_view range, std::string_view refusal);

}  // namespace cutover::lab
