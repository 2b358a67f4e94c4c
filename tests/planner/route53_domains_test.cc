// The pure half of the Route 53 Domains providers: what an operation status
// means, and which operation counts as a transfer in progress.

#include <gtest/gtest.h>

#include "planner/providers/route53_domains.h"

namespace cutover::planner {
namespace {

using Status = DomainTransfers::OperationStatus;

TEST(Route53DomainsStatus, MapsEveryDocumentedStatus) {
  struct Case {
    std::string text;
    Status status;
  };
  const Case cases[] = {
      {"SUBMITTED", Status::InProgress},
      {"IN_PROGRESS", Status::InProgress},
      {"SUCCESSFUL", Status::Successful},
      {"FAILED", Status::Failed},
      {"ERROR", Status::Failed},
      {"SOMETHING_NEW", Status::Unknown},
      {"", Status::Unknown},
  };
  for (const auto& c : cases) EXPECT_EQ(operation_status(c.text), c.status) << c.text;
}

TEST(Route53DomainsStatus, OnlyUnfinishedTransfersOfTheDomainCount) {
  auto domain = dns::DomainName::parse("example.com").value();
  std::vector<aws::domains::Operation> ops{
      {.operation_id = "nameservers", .status = "IN_PROGRESS", .domain_name = "example.com", .type = "UPDATE_NAMESERVER"},
      {.operation_id = "other-domain", .status = "IN_PROGRESS", .domain_name = "example.net", .type = "INTERNAL_TRANSFER_OUT_DOMAIN"},
      {.operation_id = "done", .status = "SUCCESSFUL", .domain_name = "example.com", .type = "INTERNAL_TRANSFER_OUT_DOMAIN"},
  };
  EXPECT_EQ(transfer_in_progress(ops, domain), std::nullopt);

  ops.push_back({.operation_id = "out",
                 .status = "IN_PROGRESS",
                 .domain_name = "Example.COM",
                 .type = "INTERNAL_TRANSFER_OUT_DOMAIN",
                 .status_flag = "PENDING_ACCEPTANCE"});
  EXPECT_EQ(transfer_in_progress(ops, domain), std::optional<std::string>("out"));

  std::vector<aws::domains::Operation> accepted{
      {.operation_id = "in", .status = "SUBMITTED", .domain_name = "example.com", .type = "INTERNAL_TRANSFER_IN_DOMAIN"}};
  EXPECT_EQ(transfer_in_progress(accepted, domain), std::optional<std::string>("in"));
}

}  // namespace
}  // namespace cutover::planner
