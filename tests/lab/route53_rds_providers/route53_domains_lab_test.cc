// The Route 53 Domains providers against moto behind the lab proxy: the
// registrar reads and sets a domain's name servers; a transfer and its
// accept move the domain from the lab's "old" account to "new", a cancel
// keeps it; the transfer password appears in no error and not in the
// proxy's request log.

#include <gtest/gtest.h>

#include <chrono>

#include "planner/providers/route53_domains.h"
#include "tests/lab/route53_rds_providers/providers_lab.h"

namespace cutover::planner::lab {
namespace {

using Status = DomainTransfers::OperationStatus;

class Route53DomainsLab : public ProvidersLab {
 protected:
  void SetUp() override {
    ProvidersLab::SetUp();
    if (HasFatalFailure()) return;
    lab->seed_domain("old", "cutover-lab.com", {"ns1.old-dns.net", "ns2.old-dns.net"});
  }
  std::vector<dns::DomainName> names(std::initializer_list<std::string_view> texts) {
    std::vector<dns::DomainName> out;
    for (auto t : texts) out.push_back(name(t));
    return out;
  }
  const dns::DomainName domain = name("cutover-lab.com");
};

TEST_F(Route53DomainsLab, RegistrarSetsTheNameServersAndReadsThemBack) {
  Route53Registrar registrar(session("old"), {.poll = std::chrono::milliseconds(50)});
  auto before = registrar.delegation(domain);
  ASSERT_TRUE(before.has_value()) << before.error().message;
  EXPECT_EQ(*before, names({"ns1.old-dns.net", "ns2.old-dns.net"}));

  auto wanted = names({"ns-1.awsdns-01.org", "ns-2.awsdns-02.net", "ns-3.awsdns-03.com", "ns-4.awsdns-04.co.uk"});
  auto set = registrar.set_delegation(domain, wanted, 172800);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(registrar.delegation(domain).value(), wanted);
  EXPECT_GE(count("GetOperationDetail"), 1);  // the operation was checked, not assumed

  // Setting it again (a rerun) is accepted: the first operation is finished.
  ASSERT_TRUE(registrar.set_delegation(domain, wanted, 172800).has_value());

  Route53Registrar elsewhere(session("new"), {.poll = std::chrono::milliseconds(50)});
  auto not_held = elsewhere.delegation(domain);
  ASSERT_FALSE(not_held.has_value());
  EXPECT_EQ(not_held.error().code, ErrorCode::Provider);
  EXPECT_NE(not_held.error().message.find("InvalidInput"), std::string::npos) << not_held.error().message;
}

TEST_F(Route53DomainsLab, ADuplicateRequestWithNothingRunningIsSentAgain) {
  lab->add_fault({{"service", "route53domains"},
                  {"operation", "UpdateDomainNameservers"},
                  {"kind", "error"},
                  {"code", "DuplicateRequest"},
                  {"count", 1}});
  Route53Registrar registrar(session("old"), {.poll = std::chrono::milliseconds(50)});
  auto wanted = names({"ns-1.awsdns-01.org", "ns-2.awsdns-02.net"});
  auto set = registrar.set_delegation(domain, wanted, 0);
  ASSERT_TRUE(set.has_value()) << set.error().message;
  EXPECT_EQ(registrar.delegation(domain).value(), wanted);
  EXPECT_EQ(count("UpdateDomainNameservers"), 2);                           // refused, then sent again
  EXPECT_EQ(count("UpdateDomainNameservers", /*forwarded_only=*/true), 1);  // reached moto once
}

TEST_F(Route53DomainsLab, TransferAndAcceptMoveTheDomainWithoutShowingThePassword) {
  Route53DomainTransfers sender(session("old"));
  Route53DomainTransfers receiver(session("new"));
  auto to = receiver.account_id();  // from STS GetCallerIdentity
  ASSERT_TRUE(to.has_value()) << to.error().message;
  EXPECT_EQ(*to, lab->account("new"));
  EXPECT_EQ(Route53DomainTransfers(session("new"), "222222222222").account_id().value(), "222222222222");
  EXPECT_TRUE(sender.holds(domain).value());
  EXPECT_FALSE(receiver.holds(domain).value());
  EXPECT_EQ(sender.operation_in_progress(domain).value(), std::nullopt);

  auto started = sender.transfer(domain, *to);
  ASSERT_TRUE(started.has_value()) << started.error().message;
  const std::string password = started->password;
  ASSERT_FALSE(password.empty());
  EXPECT_EQ(sender.operation_in_progress(domain).value(), std::optional<std::string>(started->operation_id));
  EXPECT_EQ(sender.status(started->operation_id).value(), Status::InProgress);

  auto wrong = receiver.accept(domain, password + "x");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, ErrorCode::Provider);
  EXPECT_EQ(wrong.error().message.find(password), std::string::npos) << wrong.error().message;
  auto duplicate = sender.transfer(domain, *to);  // refused: one is pending
  ASSERT_FALSE(duplicate.has_value());
  EXPECT_EQ(duplicate.error().message.find(password), std::string::npos);

  auto accepted = receiver.accept(domain, password);
  ASSERT_TRUE(accepted.has_value()) << accepted.error().message;
  EXPECT_TRUE(receiver.holds(domain).value());
  EXPECT_FALSE(sender.holds(domain).value());
  EXPECT_EQ(sender.status(started->operation_id).value(), Status::Successful);
  EXPECT_EQ(receiver.status(*accepted).value(), Status::Successful);
  EXPECT_EQ(sender.operation_in_progress(domain).value(), std::nullopt);
  // The lock the transfer needed off goes back on in the receiving account.
  EXPECT_FALSE(receiver.locked(domain).value());
  ASSERT_TRUE(receiver.lock(domain).has_value());
  EXPECT_TRUE(receiver.locked(domain).value());
  // The registration kept its name servers.
  Route53Registrar registrar(session("new"));
  EXPECT_EQ(registrar.delegation(domain).value(), names({"ns1.old-dns.net", "ns2.old-dns.net"}));

  EXPECT_EQ(log_file_text().find(password), std::string::npos);
  EXPECT_EQ(lab->log().dump().find(password), std::string::npos);
  // The registration was under the transfer lock (the lab registers like
  // Route 53 Domains): it was turned off once, before the transfer.
  EXPECT_EQ(count("DisableDomainTransferLock", /*forwarded_only=*/false), 1);
  std::vector<std::string> order;
  for (const auto& entry : lab->log()) {
    for (const char* op : {"DisableDomainTransferLock", "TransferDomainToAnotherAwsAccount"}) {
      if (entry["operation"] == op) order.emplace_back(op);
    }
  }
  ASSERT_GE(order.size(), 2u);
  EXPECT_EQ(order[0], "DisableDomainTransferLock");
  EXPECT_EQ(order[1], "TransferDomainToAnotherAwsAccount");
}

TEST_F(Route53DomainsLab, LockingALockedDomainSendsNothing) {
  Route53DomainTransfers holder(session("old"));
  ASSERT_TRUE(holder.locked(domain).value());  // the lab registers domains locked
  ASSERT_TRUE(holder.lock(domain).has_value());
  EXPECT_EQ(count("EnableDomainTransferLock"), 0);
}

TEST_F(Route53DomainsLab, ATransferRefusedOutrightPutsTheLockBack) {
  lab->add_fault({{"service", "route53domains"},
                  {"operation", "TransferDomainToAnotherAwsAccount"},
                  {"kind", "error"},
                  {"code", "InvalidInput"},
                  {"status", 400},
                  {"count", 1}});
  Route53DomainTransfers sender(session("old"));
  auto refused = sender.transfer(domain, lab->account("new"));
  ASSERT_FALSE(refused.has_value());
  EXPECT_NE(refused.error().message.find("InvalidInput"), std::string::npos) << refused.error().message;
  EXPECT_TRUE(sender.locked(domain).value()) << "not left unlocked";
  EXPECT_EQ(count("DisableDomainTransferLock"), 1);
  EXPECT_EQ(count("EnableDomainTransferLock"), 1);
}

TEST_F(Route53DomainsLab, AnUnlockedDomainIsTransferredWithoutTouchingTheLock) {
  Route53DomainTransfers sender(session("old"));
  ASSERT_TRUE(sender.transfer(domain, lab->account("new")).has_value());  // unlocks, then transfers
  ASSERT_TRUE(sender.cancel(domain).has_value());
  auto again = sender.transfer(domain, lab->account("new"));  // a second transfer: the lock is off already
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(count("DisableDomainTransferLock", /*forwarded_only=*/false), 1);
  EXPECT_EQ(count("TransferDomainToAnotherAwsAccount", /*forwarded_only=*/false), 2);
}

TEST_F(Route53DomainsLab, AnAcceptedTransferStaysInProgressForTheLabsDelay) {
  lab->configure({{"domain_operation_seconds", 2}});
  Route53DomainTransfers sender(session("old"));
  Route53DomainTransfers receiver(session("new"));
  auto started = sender.transfer(domain, receiver.account_id().value());
  ASSERT_TRUE(started.has_value()) << started.error().message;
  auto accepted = receiver.accept(domain, started->password);
  ASSERT_TRUE(accepted.has_value()) << accepted.error().message;
  EXPECT_EQ(receiver.status(*accepted).value(), Status::InProgress);
  EXPECT_EQ(receiver.operation_in_progress(domain).value(), std::optional<std::string>(*accepted));
  auto until = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (receiver.status(*accepted).value() == Status::InProgress && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(receiver.status(*accepted).value(), Status::Successful);
  EXPECT_TRUE(receiver.holds(domain).value());
}

TEST_F(Route53DomainsLab, CancelKeepsTheDomain) {
  Route53DomainTransfers sender(session("old"));
  auto started = sender.transfer(domain, lab->account("new"));
  ASSERT_TRUE(started.has_value()) << started.error().message;
  auto cancelled = sender.cancel(domain);
  ASSERT_TRUE(cancelled.has_value()) << cancelled.error().message;
  EXPECT_EQ(sender.operation_in_progress(domain).value(), std::nullopt);
  EXPECT_EQ(sender.status(started->operation_id).value(), Status::Failed);
  EXPECT_TRUE(sender.holds(domain).value());
  auto again = sender.cancel(domain);  // nothing left to cancel: the lab says so
  EXPECT_FALSE(again.has_value());
}

}  // namespace
}  // namespace cutover::planner::lab
