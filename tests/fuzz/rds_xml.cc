// RDS responses (aws/rds_query, Query API): the actions cutover calls.

#include <cstdint>

#include "aws/rds_query.h"
#include "tests/fuzz/fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace rds = cutover::aws::rds;
  auto xml = cutover::fuzz::as_text(data, size);
  (void)rds::parse_cluster_result(xml, "RestoreDBClusterToPointInTime");
  (void)rds::parse_cluster_result(xml, "DeleteDBCluster");
  (void)rds::parse_instance_result(xml, "CreateDBInstance");
  (void)rds::parse_instance_result(xml, "DeleteDBInstance");
  (void)rds::parse_cluster_page(xml);
  (void)rds::parse_instance_page(xml);
  (void)rds::parse_tag_list(xml);
  return 0;
}
