#pragma once
// Who holds a domain's delegation: Route 53 Domains, or the NS RRset of the
// domain in a parent zone held by a DNS provider (sub-delegation, the lab's TLD).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "planner/result.h"

namespace cutover::planner {

class Registrar {
 public:
  virtual ~Registrar() = default;
  /// The name servers the registrar delegates `domain` to.
  virtual Result<std::vector<dns::DomainName>> delegation(const dns::DomainName& domain) = 0;
  /// Sets them and returns when the registrar reports the change done.
  /// `ttl` is used where the registrar lets us choose it (a parent zone), else ignored.
  virtual Result<void> set_delegation(const dns::DomainName& domain, const std::vector<dns::DomainName>& nameservers,
                                      std::uint32_t ttl) = 0;
};

/// The registration side of Route 53 Domains for one account: moving a
/// domain between accounts. The password is a secret: callers never log it.
class DomainTransfers {
 public:
  virtual ~DomainTransfers() = default;

  struct Started {
    std::string operation_id{};
    std::string password{};  // secret
  };
  enum class OperationStatus { InProgress, Successful, Failed, Unknown };

  /// This account's 12-digit id (STS GetCallerIdentity when not configured).
  virtual Result<std::string> account_id() = 0;
  virtual Result<Started> transfer(const dns::DomainName& domain, const std::string& to_account_id) = 0;
  virtual Result<std::string> accept(const dns::DomainName& domain, const std::string& password) = 0;
  virtual Result<void> cancel(const dns::DomainName& domain) = 0;
  virtual Result<OperationStatus> status(const std::string& operation_id) = 0;
  /// True when this account holds the registration of `domain`.
  virtual Result<bool> holds(const dns::DomainName& domain) = 0;
  /// The id of an operation in progress for `domain`, if any.
  virtual Result<std::optional<std::string>> operation_in_progress(const dns::DomainName& domain) = 0;
  /// True when the registration is under the transfer lock.
  virtual Result<bool> locked(const dns::DomainName& domain) = 0;
  /// Turns the transfer lock on; returns once it is in effect.
  virtual Result<void> lock(const dns::DomainName& domain) = 0;
};

}  // namespace cutover::planner
