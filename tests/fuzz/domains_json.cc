// Route 53 Domains responses (aws/domains, JSON 1.1) and its error bodies.

#include <cstdint>

#include "aws/domains.h"
#include "aws/error_parse.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace domains = cutover::aws::domains;
  auto json = cutover::fuzz::as_text(data, size);
  (void)domains::parse_domain_detail(json);
  (void)domains::parse_operation(json);
  (void)domains::parse_operations_page(json);
  (void)domains::parse_operation_id(json);
  (void)domains::parse_transfer_started(json);
  (void)cutover::aws::parse_error_response({.status = 400, .body = std::string(json)}, cutover::aws::Protocol::Json);
  return 0;
}
