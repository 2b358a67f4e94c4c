// Route 53 responses (aws/route53_xml, rest-xml), and its error bodies
// (aws/error_parse). Every parser is given the same body: a seed of one
// response mutates into the others.

#include <cstdint>

#include "aws/error_parse.h"
#include "aws/route53_xml.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace route53 = cutover::aws::route53;
  auto xml = cutover::fuzz::as_text(data, size);
  (void)route53::parse_zone_details(xml, "CreateHostedZoneResponse");
  (void)route53::parse_zone_details(xml, "GetHostedZoneResponse");
  (void)route53::parse_change_info(xml, "ChangeResourceRecordSetsResponse");
  (void)route53::parse_change_info(xml, "GetChangeResponse");
  (void)route53::parse_zone_page(xml);
  (void)route53::parse_record_page(xml);
  (void)cutover::aws::parse_error_response({.status = 400, .body = std::string(xml)}, cutover::aws::Protocol::RestXml);
  return 0;
}
