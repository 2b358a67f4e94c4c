// Route 53 Domains against moto behind the lab proxy, including the
// transfer between accounts that the proxy adds (moto lacks it).

#include <gtest/gtest.h>

#include <fstream>

#include "tests/lab/aws_clients/lab_test.h"

namespace cutover::aws::domains {
namespace {

class DomainsLab : public lab::LabTest {
 protected:
  void SetUp() override {
    LabTest::SetUp();
    if (HasFatalFailure()) return;
    lab->seed_domain("old", "cutover-lab.com", {"ns1.old-dns.net", "ns2.old-dns.net"});
    new_session = lab->session("new");
  }
  std::unique_ptr<Session>& old_session = session;  // the sender of the transfers
  std::unique_ptr<Session> new_session;
};

TEST_F(DomainsLab, DetailNameserversAndOperations) {
  Client domains = old_session->domains();
  auto detail = domains.get_domain_detail("cutover-lab.com");
  ASSERT_TRUE(detail.has_value()) << describe(detail.error());
  ASSERT_EQ(detail->nameservers.size(), 2u);
  EXPECT_EQ(detail->nameservers[0].name, "ns1.old-dns.net");

  auto op = domains.update_domain_nameservers("cutover-lab.com", {{"ns-1.awsdns-01.org", {}}, {"ns-2.awsdns-02.net", {}}});
  ASSERT_TRUE(op.has_value()) << describe(op.error());
  auto operation = domains.get_operation_detail(*op);
  ASSERT_TRUE(operation.has_value()) << describe(operation.error());
  EXPECT_EQ(operation->type, "UPDATE_NAMESERVER");
  EXPECT_EQ(domains.get_domain_detail("cutover-lab.com")->nameservers[1].name, "ns-2.awsdns-02.net");

  auto all = domains.list_all_operations({.max_items = 1});
  ASSERT_TRUE(all.has_value()) << describe(all.error());
  EXPECT_GE(all->size(), 1u);

  auto missing = new_session->domains().get_domain_detail("cutover-lab.com");  // not this account's
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().http_status, 400);
}

TEST_F(DomainsLab, TransferToTheOtherAccountAndAccept) {
  lab->configure({{"domain_operation_seconds", 1}});
  auto started = old_session->domains().transfer_domain_to_another_aws_account("cutover-lab.com", lab->account("new"));
  ASSERT_TRUE(started.has_value()) << describe(started.error());
  EXPECT_FALSE(started->password.empty());
  auto out = old_session->domains().wait_for_operation(started->operation_id,
                                                       {.interval = std::chrono::milliseconds(200), .deadline = std::chrono::seconds(20)},
                                                       /*until_customer_action=*/true);
  ASSERT_TRUE(out.has_value()) << describe(out.error());
  EXPECT_EQ(out->status_flag, "PENDING_ACCEPTANCE");

  auto wrong = new_session->domains().accept_domain_transfer_from_another_aws_account("cutover-lab.com", "not-it");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().aws_code, "InvalidInput");
  EXPECT_EQ(wrong.error().message.find(started->password), std::string::npos);

  auto accepted = new_session->domains().accept_domain_transfer_from_another_aws_account("cutover-lab.com", started->password);
  ASSERT_TRUE(accepted.has_value()) << describe(accepted.error());
  auto in = new_session->domains().get_operation_detail(*accepted);
  ASSERT_TRUE(in.has_value());
  EXPECT_EQ(in->type, "INTERNAL_TRANSFER_IN_DOMAIN");
  auto done = new_session->domains().wait_for_operation(*accepted,
                                                        {.interval = std::chrono::milliseconds(200), .deadline = std::chrono::seconds(20)});
  ASSERT_TRUE(done.has_value()) << describe(done.error());
  auto moved = new_session->domains().get_domain_detail("cutover-lab.com");
  ASSERT_TRUE(moved.has_value()) << describe(moved.error());

  // The password never reaches the lab's request log.
  std::ifstream log(lab->env()["log"].get<std::string>());
  std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text.find(started->password), std::string::npos);
}

TEST_F(DomainsLab, RejectAndCancel) {
  auto started = old_session->domains().transfer_domain_to_another_aws_account("cutover-lab.com", lab->account("new"));
  ASSERT_TRUE(started.has_value()) << describe(started.error());
  auto rejected = new_session->domains().reject_domain_transfer_from_another_aws_account("cutover-lab.com");
  ASSERT_TRUE(rejected.has_value()) << describe(rejected.error());
  EXPECT_EQ(old_session->domains().get_operation_detail(started->operation_id)->status, "FAILED");

  auto again = old_session->domains().transfer_domain_to_another_aws_account("cutover-lab.com", lab->account("new"));
  ASSERT_TRUE(again.has_value()) << describe(again.error());
  auto cancelled = old_session->domains().cancel_domain_transfer_to_another_aws_account("cutover-lab.com");
  ASSERT_TRUE(cancelled.has_value()) << describe(cancelled.error());
  EXPECT_TRUE(old_session->domains().get_domain_detail("cutover-lab.com").has_value());  // still the sender's
}

}  // namespace
}  // namespace cutover::aws::domains
