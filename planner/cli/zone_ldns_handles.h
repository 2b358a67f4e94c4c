#pragma once
// Private to the zone commands: ldns and stdio handles owned by unique_ptr
// with stateless deleters (the dns/ module keeps its own; cli code must not
// reach into dns/ internals).

#include <ldns/ldns.h>

#include <cstdio>
#include <cstdlib>
#include <memory>

namespace cutover::cli::detail {

template <auto Free>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept { Free(p); }
};

inline void free_chars(char* p) noexcept { std::free(p); }
inline void close_file(std::FILE* f) noexcept { std::fclose(f); }

using LdnsZonePtr = std::unique_ptr<ldns_zone, FreeWith<&ldns_zone_deep_free>>;
using LdnsRrPtr = std::unique_ptr<ldns_rr, FreeWith<&ldns_rr_free>>;
using LdnsRdfPtr = std::unique_ptr<ldns_rdf, FreeWith<&ldns_rdf_deep_free>>;
using CString = std::unique_ptr<char, FreeWith<&free_chars>>;
using File = std::unique_ptr<std::FILE, FreeWith<&close_file>>;

}  // namespace cutover::cli::detail
