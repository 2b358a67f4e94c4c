#include "aws/domains.h"

#include <nlohmann/json.hpp>

#include "aws/paging.h"

namespace cutover::aws::domains {
namespace {

using nlohmann::json;

Result<json> parse_object(std::string_view text) {
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return fail(ErrorCode::Corrupt, "Route 53 Domains response is not a JSON object");
  return value;
}

std::string string_of(const json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string{};
}

// The list at `key` (empty when absent); Corrupt when it is there but not a
// list, rather than read as one: json::value() and iteration would throw, or
// take a string for a list of one (found by tests/fuzz/domains_json).
Result<const json*> list_of(const json& object, const char* key) {
  static const json kEmpty = json::array();
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return &kEmpty;
  if (!it->is_array()) return fail(ErrorCode::Corrupt, std::string("Route 53 Domains response: ") + key + " is not a list");
  return &*it;
}

std::optional<Timestamp> time_of(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_number()) return std::nullopt;
  return from_epoch_seconds(it->get<double>());
}

Operation operation_of(const json& o) {
  return Operation{.operation_id = string_of(o, "OperationId"),
                   .status = string_of(o, "Status"),
                   .message = string_of(o, "Message"),
                   .domain_name = string_of(o, "DomainName"),
                   .type = string_of(o, "Type"),
                   .status_flag = string_of(o, "StatusFlag"),
                   .submitted_date = time_of(o, "SubmittedDate"),
                   .last_updated_date = time_of(o, "LastUpdatedDate")};
}

std::string domain_body(std::string_view domain) { return json{{"DomainName", domain}}.dump(); }

}  // namespace

std::string update_nameservers_body(std::string_view domain, const std::vector<Nameserver>& nameservers) {
  json list = json::array();
  for (const Nameserver& ns : nameservers) {
    json entry{{"Name", ns.name}};
    if (!ns.glue_ips.empty()) entry["GlueIps"] = ns.glue_ips;
    list.push_back(std::move(entry));
  }
  return json{{"DomainName", domain}, {"Nameservers", list}}.dump();
}

std::string list_operations_body(const ListOperationsRequest& request) {
  json body = json::object();
  if (request.submitted_since) {
    body["SubmittedSince"] = std::chrono::duration_cast<std::chrono::seconds>(request.submitted_since->time_since_epoch()).count();
  }
  if (!request.marker.empty()) body["Marker"] = request.marker;
  if (request.max_items) body["MaxItems"] = *request.max_items;
  if (!request.status.empty()) body["Status"] = request.status;
  if (!request.type.empty()) body["Type"] = request.type;
  return body.dump();
}

Result<DomainDetail> parse_domain_detail(std::string_view text) {
  auto o = parse_object(text);
  if (!o) return std::unexpected(o.error());
  DomainDetail out{.domain_name = string_of(*o, "DomainName"),
                   .expiration_date = time_of(*o, "ExpirationDate"),
                   .registrar_name = string_of(*o, "RegistrarName")};
  auto nameservers = list_of(*o, "Nameservers");
  if (!nameservers) return std::unexpected(nameservers.error());
  for (const json& ns : **nameservers) {
    if (!ns.is_object()) return fail(ErrorCode::Corrupt, "Route 53 Domains response: a name server is not an object");
    Nameserver entry{.name = string_of(ns, "Name")};
    auto glue = list_of(ns, "GlueIps");
    if (!glue) return std::unexpected(glue.error());
    for (const json& ip : **glue) {
      if (ip.is_string()) entry.glue_ips.push_back(ip.get<std::string>());
    }
    out.nameservers.push_back(std::move(entry));
  }
  auto statuses = list_of(*o, "StatusList");
  if (!statuses) return std::unexpected(statuses.error());
  for (const json& status : **statuses) {
    if (status.is_string()) out.status_list.push_back(status.get<std::string>());
  }
  if (auto it = o->find("AutoRenew"); it != o->end() && it->is_boolean()) out.auto_renew = it->get<bool>();
  return out;
}

Result<Operation> parse_operation(std::string_view text) {
  auto o = parse_object(text);
  if (!o) return std::unexpected(o.error());
  return operation_of(*o);
}

Result<OperationsPage> parse_operations_page(std::string_view text) {
  auto o = parse_object(text);
  if (!o) return std::unexpected(o.error());
  OperationsPage page{.next_marker = string_of(*o, "NextPageMarker")};
  auto operations = list_of(*o, "Operations");
  if (!operations) return std::unexpected(operations.error());
  for (const json& op : **operations) {
    if (!op.is_object()) return fail(ErrorCode::Corrupt, "Route 53 Domains response: an operation is not an object");
    page.operations.push_back(operation_of(op));
  }
  return page;
}

Result<std::string> parse_operation_id(std::string_view text) {
  auto o = parse_object(text);
  if (!o) return std::unexpected(o.error());
  std::string id = string_of(*o, "OperationId");
  if (id.empty()) return fail(ErrorCode::Corrupt, "response has no OperationId");
  return id;
}

Result<TransferStarted> parse_transfer_started(std::string_view text) {
  auto o = parse_object(text);
  if (!o) return std::unexpected(o.error());
  TransferStarted out{.operation_id = string_of(*o, "OperationId"), .password = string_of(*o, "Password")};
  if (out.operation_id.empty()) return fail(ErrorCode::Corrupt, "transfer response has no OperationId");
  return out;
}

Result<HttpResponse> Client::call(std::string_view operation, std::string body, bool idempotent) const {
  return client_.call(
      {.operation = std::string(operation),
       .method = "POST",
       .path = "/",
       .headers = {{"Content-Type", "application/x-amz-json-1.1"}, {"X-Amz-Target", "Route53Domains_v20140515." + std::string(operation)}},
       .body = std::move(body),
       .idempotent = idempotent});
}

Result<DomainDetail> Client::get_domain_detail(std::string_view domain) const {
  return parse_body(call("GetDomainDetail", domain_body(domain), true), parse_domain_detail);
}

Result<std::string> Client::update_domain_nameservers(std::string_view domain, const std::vector<Nameserver>& nameservers) const {
  return parse_body(call("UpdateDomainNameservers", update_nameservers_body(domain, nameservers), false), parse_operation_id);
}

Result<TransferStarted> Client::transfer_domain_to_another_aws_account(std::string_view domain, std::string_view account_id) const {
  auto body = json{{"DomainName", domain}, {"AccountId", account_id}}.dump();
  return parse_body(call("TransferDomainToAnotherAwsAccount", std::move(body), false), parse_transfer_started);
}

Result<std::string> Client::accept_domain_transfer_from_another_aws_account(std::string_view domain, std::string_view password) const {
  auto body = json{{"DomainName", domain}, {"Password", password}}.dump();
  return parse_body(call("AcceptDomainTransferFromAnotherAwsAccount", std::move(body), false), parse_operation_id);
}

Result<std::string> Client::reject_domain_transfer_from_another_aws_account(std::string_view domain) const {
  return parse_body(call("RejectDomainTransferFromAnotherAwsAccount", domain_body(domain), false), parse_operation_id);
}

Result<std::string> Client::cancel_domain_transfer_to_another_aws_account(std::string_view domain) const {
  return parse_body(call("CancelDomainTransferToAnotherAwsAccount", domain_body(domain), false), parse_operation_id);
}

Result<std::string> Client::disable_domain_transfer_lock(std::string_view domain) const {
  // Idempotent in effect (an unlocked domain stays unlocked), so a retry after an ambiguous failure is safe.
  return parse_body(call("DisableDomainTransferLock", domain_body(domain), true), parse_operation_id);
}

Result<std::string> Client::enable_domain_transfer_lock(std::string_view domain) const {
  return parse_body(call("EnableDomainTransferLock", domain_body(domain), true), parse_operation_id);
}

Result<Operation> Client::get_operation_detail(std::string_view operation_id) const {
  return parse_body(call("GetOperationDetail", json{{"OperationId", operation_id}}.dump(), true), parse_operation);
}

Result<OperationsPage> Client::list_operations(const ListOperationsRequest& request) const {
  return parse_body(call("ListOperations", list_operations_body(request), true), parse_operations_page);
}

Result<std::vector<Operation>> Client::list_all_operations(ListOperationsRequest request) const {
  return collect_pages(
      std::move(request), [this](const ListOperationsRequest& r) { return list_operations(r); }, &OperationsPage::operations,
      &OperationsPage::next_marker);
}

Result<Operation> Client::wait_for_operation(std::string_view operation_id, const PollOptions& options, bool until_customer_action) const {
  std::string id(operation_id);
  return poll_until<Operation>(
      client_.clock(), options, "domain operation " + id, [&] { return get_operation_detail(id); },
      [until_customer_action](const Operation& op) {
        if (op.status == "SUCCESSFUL") return PollVerdict::Done;
        if (op.status == "FAILED" || op.status == "ERROR") return PollVerdict::Failed;
        if (until_customer_action && !op.status_flag.empty()) return PollVerdict::Done;
        return PollVerdict::Continue;
      },
      [](const Operation& op) {
        return op.status + (op.status_flag.empty() ? "" : " (" + op.status_flag + ")") + (op.message.empty() ? "" : ": " + op.message);
      });
}

}  // namespace cutover::aws::domains
