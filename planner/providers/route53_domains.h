#pragma once
// Route 53 Domains as the plan's registrar (a domain's delegation) and as the
// registration side of a transfer between two AWS accounts.
//
//   Route53Registrar registrar(session, {});
//   registrar.set_delegation(domain, zone.nameservers().value(), 0);  // returns when SUCCESSFUL
//   Route53DomainTransfers old_side(old_session, {}), new_side(new_session, {});
//   auto started = old_side.transfer(domain, new_side.account_id().value());
//   new_side.accept(domain, started->password);   // the password is never logged or put in an error
//
// Every registrar call is one operation at the registry: these classes never
// re-send one blindly (aws/domains.h), and they poll GetOperationDetail.

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/domains.h"
#include "aws/session.h"
#include "planner/clock.h"
#include "planner/providers/registrar.h"

namespace cutover::planner {

/// How a registrar operation is waited for.
struct OperationWait {
  std::chrono::milliseconds poll{std::chrono::seconds{5}};
  std::chrono::milliseconds deadline{std::chrono::minutes{30}};
  std::shared_ptr<Clock> clock{};  // else the system clock
};

/// What an operation status string means for us: SUBMITTED and IN_PROGRESS
/// are InProgress, SUCCESSFUL Successful, FAILED and ERROR (it needs a
/// person, per the API reference) Failed, anything else Unknown.
DomainTransfers::OperationStatus operation_status(std::string_view status);

/// The id of the first transfer of `domain` (between accounts, or out of
/// Route 53) among `operations` that is not finished; nullopt when none is.
/// Other kinds of operation (a name-server update) are not transfers.
std::optional<std::string> transfer_in_progress(const std::vector<aws::domains::Operation>& operations, const dns::DomainName& domain);

/// Route 53 Domains as the Registrar of the domains of one account (the
/// plan's Route53DomainsRegistrar entry names which account).
class Route53Registrar final : public Registrar {
 public:
  /// Keeps `session` alive; sends nothing until a method is called.
  Route53Registrar(std::shared_ptr<aws::Session> session, OperationWait wait = {});

  /// GetDomainDetail's name servers; Provider error (AWS InvalidInput) when
  /// the account does not hold the domain.
  Result<std::vector<dns::DomainName>> delegation(const dns::DomainName& domain) override;
  /// UpdateDomainNameservers (no glue), then GetOperationDetail every
  /// wait.poll until SUCCESSFUL; Provider error on FAILED/ERROR or when the
  /// deadline passes. On DuplicateRequest (an update still running, e.g. from
  /// a crashed run) that update is waited out first and ours is sent only if
  /// the names differ. `ttl` is ignored: the registry chooses it.
  Result<void> set_delegation(const dns::DomainName& domain, const std::vector<dns::DomainName>& nameservers, std::uint32_t ttl) override;

 private:
  Result<void> wait_for(const dns::DomainName& domain, const std::string& operation);
  Result<std::optional<std::string>> update_in_progress(const dns::DomainName& domain);

  std::shared_ptr<aws::Session> session_{};
  aws::domains::Client client_;
  OperationWait wait_{};
  std::shared_ptr<Clock> clock_{};
};

/// Route 53 Domains transfers for one account.
class Route53DomainTransfers final : public DomainTransfers {
 public:
  /// `account_id`: the plan's, else asked of STS GetCallerIdentity once.
  /// `wait`: how the transfer lock's removal is waited for.
  Route53DomainTransfers(std::shared_ptr<aws::Session> session, std::optional<std::string> account_id = {}, OperationWait wait = {});

  Result<std::string> account_id() override;
  /// TransferDomainToAnotherAwsAccount; the password is returned, never logged.
  /// A domain under the transfer lock (clientTransferProhibited in
  /// GetDomainDetail) is unlocked first (DisableDomainTransferLock, waited
  /// SUCCESSFUL), the first step of the Developer Guide's procedure.
  Result<Started> transfer(const dns::DomainName& domain, const std::string& to_account_id) override;
  /// AcceptDomainTransferFromAnotherAwsAccount; the error never holds the password.
  Result<std::string> accept(const dns::DomainName& domain, const std::string& password) override;
  /// CancelDomainTransferToAnotherAwsAccount.
  Result<void> cancel(const dns::DomainName& domain) override;
  /// GetOperationDetail's status, mapped by operation_status().
  Result<OperationStatus> status(const std::string& operation_id) override;
  /// True when GetDomainDetail answers in this account; false on InvalidInput
  /// (Route 53 Domains' answer for a domain the account does not hold).
  Result<bool> holds(const dns::DomainName& domain) override;
  /// ListOperations (SUBMITTED, IN_PROGRESS) narrowed by transfer_in_progress().
  Result<std::optional<std::string>> operation_in_progress(const dns::DomainName& domain) override;
  /// clientTransferProhibited in GetDomainDetail's StatusList.
  Result<bool> locked(const dns::DomainName& domain) override;
  /// EnableDomainTransferLock, waited SUCCESSFUL.
  Result<void> lock(const dns::DomainName& domain) override;

 private:
  /// True when it turned the lock off (false: it was off already).
  Result<bool> unlock_for_transfer(const dns::DomainName& domain);
  Result<void> wait_for(const std::string& operation, const std::string& what);

  std::shared_ptr<aws::Session> session_{};
  aws::domains::Client client_;
  std::optional<std::string> account_id_{};
  OperationWait wait_{};
};

}  // namespace cutover::planner
