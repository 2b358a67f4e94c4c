#pragma once
// Private to dns/: ldns records to our Record values.

#include <cstdint>
#include <span>
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

/// The RDATA of `rr` in wire form, uncompressed, letter case as held.
std::vector<std::uint8_t> rdata_wire(const ldns_rr* rr);
/// RFC 3597's generic text for RDATA: "\\# <length> <hex>" ("\\# 0" when empty).
std::string generic_rdata_text(std::span<const std::uint8_t> wire);
/// The RDATA that `text` stands for as RDATA of `type`: the generic form is
/// decoded here, anything else parsed by ldns. Fails (Invalid) with ldns's
/// reason or a bad generic form.
Result<std::vector<std::uint8_t>> rdata_from_text(RecordType type, const std::string& text);
/// The text of `record` that stands for its RDATA exactly: its presentation
/// form when that parses back to the same RDATA (domain names aside, which
/// are lower-cased), else the generic form.
std::string faithful_rdata_text(const Record& record);

/// `wire` (RDATA of `type`) with the domain names inside it lower-cased, and
/// nothing else changed: the form in which RDATA compares (RFC 4343). Which
/// fields are names comes from ldns's descriptor of the type; RDATA that does
/// not parse as the type is returned unchanged.
std::vector<std::uint8_t> fold_rdata_names(RecordType type, std::span<const std::uint8_t> wire);

}  // namespace cutover::dns::detail
