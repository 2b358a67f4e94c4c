#pragma once
// Private to dns/: owning handles for ldns objects. A stateless deleter
// templated on the free function keeps each handle pointer-sized and makes it
// impossible to create one without its deleter (STYLE.md, "C handles").

#include <ldns/ldns.h>

#include <memory>

namespace cutover::dns::detail {

template <auto Free>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};

template <class T, auto Free>
using CHandle = std::unique_ptr<T, FreeWith<Free>>;

using LdnsPacket = CHandle<ldns_pkt, &ldns_pkt_free>;
using LdnsRdf = CHandle<ldns_rdf, &ldns_rdf_deep_free>;
using LdnsRrList = CHandle<ldns_rr_list, &ldns_rr_list_deep_free>;
using LdnsZone = CHandle<ldns_zone, &ldns_zone_deep_free>;
using LdnsRr = CHandle<ldns_rr, &ldns_rr_free>;

// ldns_buffer_free is a macro-free function in ldns; wrap it for the handle.
inline void free_buffer(ldns_buffer* b) noexcept { ldns_buffer_free(b); }
using LdnsBuffer = CHandle<ldns_buffer, &free_buffer>;

}  // namespace cutover::dns::detail
