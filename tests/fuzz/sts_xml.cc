// STS responses (aws/sts, Query API) and their error bodies.

#include <cstdint>

#include "aws/error_parse.h"
#include "aws/sts.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto xml = cutover::fuzz::as_text(data, size);
  (void)cutover::aws::parse_assume_role(xml);
  (void)cutover::aws::parse_caller_identity(xml);
  (void)cutover::aws::parse_error_response({.status = 403, .body = std::string(xml)}, cutover::aws::Protocol::Query);
  return 0;
}
