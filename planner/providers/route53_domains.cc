#include "planner/providers/route53_domains.h"

#include <algorithm>
#include <array>

#include "planner/providers/route53_records.h"

namespace cutover::planner {
namespace {

std::string domain_text(const dns::DomainName& domain) { return domain.without_dot(); }

// aws/ promises no secret in its errors; this is the second lock on that
// door, as an error message ends up in the journal and on the screen.
Error without_secret(Error error, const std::string& secret) {
  if (secret.empty()) return error;
  for (auto at = error.message.find(secret); at != std::string::npos; at = error.message.find(secret, at)) {
    error.message.replace(at, secret.size(), "[redacted]");
  }
  return error;
}

bool same_domain(std::string_view listed, const dns::DomainName& domain) {
  auto name = dns::DomainName::parse(listed);
  return name && *name == domain;
}

bool same_set(std::vector<dns::DomainName> a, std::vector<dns::DomainName> b) {
  std::ranges::sort(a);
  std::ranges::sort(b);
  return a == b;
}

}  // namespace

DomainTransfers::OperationStatus operation_status(std::string_view status) {
  using S = DomainTransfers::OperationStatus;
  if (status == "SUBMITTED" || status == "IN_PROGRESS") return S::InProgress;
  if (status == "SUCCESSFUL") return S::Successful;
  if (status == "FAILED" || status == "ERROR") return S::Failed;
  return S::Unknown;
}

std::optional<std::string> transfer_in_progress(const std::vector<aws::domains::Operation>& operations, const dns::DomainName& domain) {
  static constexpr std::array<std::string_view, 3> kTransferTypes{"INTERNAL_TRANSFER_OUT_DOMAIN", "INTERNAL_TRANSFER_IN_DOMAIN",
                                                                  "TRANSFER_OUT_DOMAIN"};
  for (const auto& op : operations) {
    if (std::ranges::find(kTransferTypes, op.type) == kTransferTypes.end()) continue;
    if (operation_status(op.status) != DomainTransfers::OperationStatus::InProgress) continue;
    if (same_domain(op.domain_name, domain)) return op.operation_id;
  }
  return std::nullopt;
}

// ---- Registrar

Route53Registrar::Route53Registrar(std::shared_ptr<aws::Session> session, OperationWait wait)
    : session_(std::move(session)),
      client_(session_->domains()),
      wait_(std::move(wait)),
      clock_(wait_.clock ? wait_.clock : std::make_shared<SystemClock>()) {}

Result<std::vector<dns::DomainName>> Route53Registrar::delegation(const dns::DomainName& domain) {
  auto detail = client_.get_domain_detail(domain_text(domain));
  if (!detail) return std::unexpected(provider_error("reading the registration of " + domain.text(), detail.error()));
  std::vector<dns::DomainName> out;
  for (const auto& ns : detail->nameservers) {
    auto name = dns::DomainName::parse(ns.name);
    if (!name)
      return fail(ErrorCode::Provider, "the registration of " + domain.text() + " has a name server that is not a name: '" + ns.name + "'");
    out.push_back(*name);
  }
  return out;
}

Result<void> Route53Registrar::wait_for(const dns::DomainName& domain, const std::string& operation) {
  const auto until = clock_->now() + wait_.deadline;
  for (;;) {
    auto detail = client_.get_operation_detail(operation);
    if (!detail) return std::unexpected(provider_error("reading operation " + operation, detail.error()));
    auto state = operation_status(detail->status);
    if (state == DomainTransfers::OperationStatus::Successful) return {};
    if (state == DomainTransfers::OperationStatus::Failed) {
      return fail(ErrorCode::Provider, "setting the name servers of " + domain.text() + ": operation " + operation + " " + detail->status +
                                           (detail->message.empty() ? "" : ": " + detail->message));
    }
    if (clock_->now() >= until) {
      return fail(ErrorCode::Provider, "setting the name servers of " + domain.text() + ": operation " + operation + " still " +
                                           detail->status + " after the deadline; run again to wait on");
    }
    clock_->sleep_for(wait_.poll);
  }
}

Result<std::optional<std::string>> Route53Registrar::update_in_progress(const dns::DomainName& domain) {
  auto operations = client_.list_all_operations({.status = {"SUBMITTED", "IN_PROGRESS"}});
  if (!operations) return std::unexpected(provider_error("listing the registrar operations of " + domain.text(), operations.error()));
  for (const auto& op : *operations) {
    if (op.type == "UPDATE_NAMESERVER" && same_domain(op.domain_name, domain)) return std::optional(op.operation_id);
  }
  return std::optional<std::string>{};
}

Result<void> Route53Registrar::set_delegation(const dns::DomainName& domain, const std::vector<dns::DomainName>& nameservers,
                                              std::uint32_t) {
  std::vector<aws::domains::Nameserver> wanted;
  for (const auto& ns : nameservers) wanted.push_back({.name = ns.without_dot()});
  auto operation = client_.update_domain_nameservers(domain_text(domain), wanted);
  if (!operation && operation.error().aws_code == "DuplicateRequest") {
    // An update is still running: most likely ours, from a run that crashed
    // while waiting. Wait it out, then send ours only if it set other names.
    auto running = update_in_progress(domain);
    if (!running) return std::unexpected(running.error());
    if (*running) {
      auto waited = wait_for(domain, **running);
      if (!waited) return waited;
    }
    auto now = delegation(domain);
    if (!now) return std::unexpected(now.error());
    if (same_set(*now, nameservers)) return {};
    operation = client_.update_domain_nameservers(domain_text(domain), wanted);
  }
  if (!operation) return std::unexpected(provider_error("setting the name servers of " + domain.text(), operation.error()));
  return wait_for(domain, *operation);
}

// ---- Transfers

Route53DomainTransfers::Route53DomainTransfers(std::shared_ptr<aws::Session> session, std::optional<std::string> account_id,
                                               OperationWait wait)
    : session_(std::move(session)), client_(session_->domains()), account_id_(std::move(account_id)), wait_(wait) {}

Result<std::string> Route53DomainTransfers::account_id() {
  if (account_id_) return *account_id_;
  auto who = session_->sts().get_caller_identity();
  if (!who) return std::unexpected(provider_error("asking STS which account profile " + session_->profile() + " is", who.error()));
  account_id_ = who->account;
  return *account_id_;
}

Result<bool> Route53DomainTransfers::locked(const dns::DomainName& domain) {
  auto detail = client_.get_domain_detail(domain_text(domain));
  if (!detail) return std::unexpected(provider_error("reading the registration of " + domain.text(), detail.error()));
  return std::ranges::find(detail->status_list, "clientTransferProhibited") != detail->status_list.end();
}

Result<void> Route53DomainTransfers::wait_for(const std::string& operation, const std::string& what) {
  auto done = client_.wait_for_operation(operation, {.interval = wait_.poll, .deadline = wait_.deadline});
  if (!done) return std::unexpected(provider_error(what, done.error()));
  return {};
}

Result<void> Route53DomainTransfers::lock(const dns::DomainName& domain) {
  // Checked first, like the unlock: a rerun, or a lock someone set meanwhile, sends nothing.
  auto is_locked = locked(domain);
  if (!is_locked) return std::unexpected(is_locked.error());
  if (*is_locked) return {};
  const std::string what = "turning on the transfer lock of " + domain.text();
  auto operation = client_.enable_domain_transfer_lock(domain_text(domain));
  if (!operation) return std::unexpected(provider_error(what, operation.error()));
  return wait_for(*operation, what);
}

Result<bool> Route53DomainTransfers::unlock_for_transfer(const dns::DomainName& domain) {
  // Checked first, so a rerun after a crash does not send the call again.
  auto is_locked = locked(domain);
  if (!is_locked) return std::unexpected(is_locked.error());
  if (!*is_locked) return false;
  const std::string what = "turning off the transfer lock of " + domain.text();
  auto operation = client_.disable_domain_transfer_lock(domain_text(domain));
  if (!operation) return std::unexpected(provider_error(what, operation.error()));
  auto done = wait_for(*operation, what);
  if (!done) return std::unexpected(done.error());
  return true;
}

Result<DomainTransfers::Started> Route53DomainTransfers::transfer(const dns::DomainName& domain, const std::string& to_account_id) {
  auto unlocked = unlock_for_transfer(domain);
  if (!unlocked) return std::unexpected(unlocked.error());
  auto started = client_.transfer_domain_to_another_aws_account(domain_text(domain), to_account_id);
  if (!started) {
    auto error = provider_error("transferring " + domain.text() + " to account " + to_account_id, started.error());
    // Refused outright (a 4xx answer): nothing started, so the lock goes back
    // on rather than leave the registration open. After an ambiguous failure
    // it stays off: the transfer may be under way, and a rerun re-checks.
    bool refused = started.error().http_status >= 400 && started.error().http_status < 500 && !started.error().maybe_sent;
    if (*unlocked && refused) {
      if (auto relocked = lock(domain); !relocked) error.message += "; the transfer lock stays off: " + relocked.error().message;
    }
    return std::unexpected(error);
  }
  return Started{.operation_id = started->operation_id, .password = started->password};
}

Result<std::string> Route53DomainTransfers::accept(const dns::DomainName& domain, const std::string& password) {
  auto accepted = client_.accept_domain_transfer_from_another_aws_account(domain_text(domain), password);
  if (!accepted)
    return std::unexpected(without_secret(provider_error("accepting the transfer of " + domain.text(), accepted.error()), password));
  return *accepted;
}

Result<void> Route53DomainTransfers::cancel(const dns::DomainName& domain) {
  auto cancelled = client_.cancel_domain_transfer_to_another_aws_account(domain_text(domain));
  if (!cancelled) return std::unexpected(provider_error("cancelling the transfer of " + domain.text(), cancelled.error()));
  return {};
}

Result<DomainTransfers::OperationStatus> Route53DomainTransfers::status(const std::string& operation_id) {
  auto detail = client_.get_operation_detail(operation_id);
  if (!detail) return std::unexpected(provider_error("reading operation " + operation_id, detail.error()));
  return operation_status(detail->status);
}

Result<bool> Route53DomainTransfers::holds(const dns::DomainName& domain) {
  auto detail = client_.get_domain_detail(domain_text(domain));
  if (detail) return true;
  if (detail.error().aws_code == "InvalidInput" || detail.error().code == aws::ErrorCode::NotFound) return false;
  return std::unexpected(provider_error("reading the registration of " + domain.text(), detail.error()));
}

Result<std::optional<std::string>> Route53DomainTransfers::operation_in_progress(const dns::DomainName& domain) {
  // Filtered by status on the server; by domain and type here, as
  // ListOperations has no domain filter and older models lack the types.
  auto operations = client_.list_all_operations({.status = {"SUBMITTED", "IN_PROGRESS"}});
  if (!operations) return std::unexpected(provider_error("listing the registrar operations of " + domain.text(), operations.error()));
  return transfer_in_progress(*operations, domain);
}

}  // namespace cutover::planner
