#pragma once
// Private to dns/ (and its tests): one UpdateRecord as the ldns record that
// goes into the update section.

#include "dns/ldns_handles.h"
#include "dns/result.h"
#include "dns/update.h"

namespace cutover::dns::detail {

/// The record with its class (IN add, ANY delete RRset, NONE delete record)
/// and RDATA as one opaque field: `wire` as given, else `rdata` parsed (the
/// RFC 3597 generic form decoded here). Fails (Invalid) naming owner and type.
Result<LdnsRr> to_ldns_rr(const UpdateRecord& record);

}  // namespace cutover::dns::detail
