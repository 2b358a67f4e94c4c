#pragma once
// Private to dns/: ldns records to our Record values.

#include <vector>

#include "dns/message.h"
#include "dns/result.h"

// After the std headers: ldns's common.h can redefine bool for C++ otherwise.
#include <ldns/ldns.h>

namespace cutover::dns::detail {

/// The record in our terms: owner and rdata domain names lower-cased. Fails (Corrupt) on a bad owner.
Result<Record> to_record(const ldns_rr* rr);
/// Every record of a list but OPT; an empty vector for a null list.
Result<std::vector<Record>> to_records(const ldns_rr_list* list);

}  // namespace cutover::dns::detail
