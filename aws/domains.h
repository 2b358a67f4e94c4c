#pragma once
// Route 53 Domains (JSON 1.1, us-east-1 only): domain details, name servers,
// the transfer between AWS accounts, and operation tracking. Bodies are built
// and parsed by free functions, testable without HTTP.
//
// A transfer password is a secret: it is returned to the caller and sent in
// the Accept body, and never appears in an error, an event or a log.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/result.h"
#include "aws/service_client.h"
#include "aws/timestamp.h"
#include "aws/waiting.h"

namespace cutover::aws::domains {

/// A registrar name server, with glue only for hosts inside the domain.
struct Nameserver {
  std::string name{};
  std::vector<std::string> glue_ips{};
  friend bool operator==(const Nameserver&, const Nameserver&) = default;
};

/// What GetDomainDetail tells cutover.
struct DomainDetail {
  std::string domain_name{};
  std::vector<Nameserver> nameservers{};
  std::vector<std::string> status_list{};
  std::optional<bool> auto_renew{};
  std::optional<Timestamp> expiration_date{};
  std::string registrar_name{};
};

/// A registrar operation (GetOperationDetail, ListOperations). Enum-like
/// fields stay strings: AWS adds values over time.
struct Operation {
  std::string operation_id{};
  std::string status{};  // SUBMITTED IN_PROGRESS ERROR SUCCESSFUL FAILED
  std::string message{};
  std::string domain_name{};
  std::string type{};         // UPDATE_NAMESERVER, INTERNAL_TRANSFER_OUT_DOMAIN, ...
  std::string status_flag{};  // PENDING_ACCEPTANCE, ...
  std::optional<Timestamp> submitted_date{};
  std::optional<Timestamp> last_updated_date{};
};

/// The start of a transfer to another account: the operation and the password
/// the receiving account needs (secret).
struct TransferStarted {
  std::string operation_id{};
  std::string password{};
};

/// Filters of ListOperations (all optional).
struct ListOperationsRequest {
  std::optional<Timestamp> submitted_since{};
  std::string marker{};
  std::optional<int> max_items{};
  std::vector<std::string> status{};
  std::vector<std::string> type{};
};

/// One page of ListOperations.
struct OperationsPage {
  std::vector<Operation> operations{};
  std::string next_marker{};  // empty on the last page
};

/// Request bodies.
std::string update_nameservers_body(std::string_view domain, const std::vector<Nameserver>& nameservers);
std::string list_operations_body(const ListOperationsRequest& request);

/// Response parsers (Corrupt on a body that is not the expected JSON).
Result<DomainDetail> parse_domain_detail(std::string_view json);
Result<Operation> parse_operation(std::string_view json);
Result<OperationsPage> parse_operations_page(std::string_view json);
Result<std::string> parse_operation_id(std::string_view json);
Result<TransferStarted> parse_transfer_started(std::string_view json);

/// Route 53 Domains calls. Calls that start a registrar operation are never
/// re-sent after an ambiguous failure (each send would start another one).
class Client {
 public:
  explicit Client(ServiceClient client) : client_(std::move(client)) {}

  /// The domain as registered in this account; InvalidInput when it is not.
  Result<DomainDetail> get_domain_detail(std::string_view domain) const;
  /// Replaces the name servers; returns the operation id.
  Result<std::string> update_domain_nameservers(std::string_view domain, const std::vector<Nameserver>& nameservers) const;
  /// Sender: starts the transfer to account_id (12 digits).
  Result<TransferStarted> transfer_domain_to_another_aws_account(std::string_view domain, std::string_view account_id) const;
  /// Receiver: accepts with the sender's password; returns the operation id.
  Result<std::string> accept_domain_transfer_from_another_aws_account(std::string_view domain, std::string_view password) const;
  /// Receiver: refuses the transfer.
  Result<std::string> reject_domain_transfer_from_another_aws_account(std::string_view domain) const;
  /// Sender: withdraws the transfer before it is accepted.
  Result<std::string> cancel_domain_transfer_to_another_aws_account(std::string_view domain) const;
  /// DisableDomainTransferLock: removes clientTransferProhibited; returns the OperationId.
  Result<std::string> disable_domain_transfer_lock(std::string_view domain) const;
  /// EnableDomainTransferLock: sets clientTransferProhibited; returns the OperationId.
  Result<std::string> enable_domain_transfer_lock(std::string_view domain) const;
  /// One operation.
  Result<Operation> get_operation_detail(std::string_view operation_id) const;
  /// One page of operations.
  Result<OperationsPage> list_operations(const ListOperationsRequest& request = {}) const;
  /// Every operation matching the filters, following NextPageMarker.
  Result<std::vector<Operation>> list_all_operations(ListOperationsRequest request = {}) const;
  /// Polls GetOperationDetail until SUCCESSFUL (returned), FAILED or ERROR
  /// (Error "WaitFailed" with the operation's message), or, when
  /// `until_customer_action`, until a StatusFlag such as PENDING_ACCEPTANCE
  /// appears (returned). "WaitTimeout" after the deadline.
  Result<Operation> wait_for_operation(std::string_view operation_id, const PollOptions& options = {},
                                       bool until_customer_action = false) const;

 private:
  Result<HttpResponse> call(std::string_view operation, std::string body, bool idempotent) const;
  ServiceClient client_;
};

}  // namespace cutover::aws::domains
