// TSIG key files (dns/tsig_key): the BIND syntax tsig-keygen writes.

#include <cstdint>
#include <cstdlib>

#include "dns/tsig_key.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto key = cutover::dns::parse_tsig_key(cutover::fuzz::as_text(data, size), "fuzz.key");
  // A key that reads is one ldns can sign with.
  if (key && (!cutover::dns::is_supported_tsig_algorithm(key->algorithm) || key->secret.empty())) std::abort();
  return 0;
}
