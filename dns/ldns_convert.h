#pragma once
// Private to dns/: ldns records to our Record values.

#include <vector>

#include "dns/message.h"
#include "dns/result.h"

// After the std headers: ldns's common.h can redefine bool for C++ otherwise.
#include <ldns/ldns.h>

namespace cutover::dns::detail {

/// A name already converted, reused for owners equal to it (case-insensitively):
/// most records of a reply are owned by the question's name, and converting a
/// name to text is the costliest part of parsing a reply.
struct KnownOwner {
  const ldns_rdf* rdf{nullptr};
  DomainName name{};
};

/// The record in our terms: owner and rdata domain names lower-cased. Fails (Corrupt) on a bad owner.
Result<Record> to_record(const ldns_rr* rr, const KnownOwner* known = nullptr);
/// Every record of a list but OPT; an empty vector for a null list.
Result<std::vector<Record>> to_records(const ldns_rr_list* list, const KnownOwner* known = nullptr);

}  // namespace cutover::dns::detail
