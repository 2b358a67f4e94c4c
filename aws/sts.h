#pragma once
// STS (Query API, Version 2011-06-15): AssumeRole and GetCallerIdentity.
// Bodies are built and parsed by free functions, testable without HTTP.

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "aws/credentials.h"
#include "aws/result.h"
#include "aws/service_client.h"

namespace cutover::aws {

/// Input of AssumeRole.
struct AssumeRoleRequest {
  std::string role_arn{};
  std::string session_name{};
  std::string external_id{};                       // empty: not sent
  std::optional<std::chrono::seconds> duration{};  // absent: the service default (1 h)
};

/// The temporary credentials and who they act as.
struct AssumedRole {
  Credentials credentials{};  // with session token and expiration
  std::string arn{};          // arn:aws:sts::N:assumed-role/Role/session
  std::string assumed_role_id{};
};

/// Who the credentials belong to.
struct CallerIdentity {
  std::string account{};
  std::string arn{};
  std::string user_id{};
};

/// The form body of AssumeRole.
std::string assume_role_body(const AssumeRoleRequest& request);
/// Parses AssumeRoleResponse; Corrupt when a credential field is missing.
Result<AssumedRole> parse_assume_role(std::string_view xml);
/// Parses GetCallerIdentityResponse.
Result<CallerIdentity> parse_caller_identity(std::string_view xml);

/// STS calls over a ServiceClient.
class StsClient {
 public:
  explicit StsClient(ServiceClient client) : client_(std::move(client)) {}

  /// Temporary credentials for the role, or the error (AccessDenied is Auth).
  Result<AssumedRole> assume_role(const AssumeRoleRequest& request) const;
  /// The account and ARN of the calling credentials.
  Result<CallerIdentity> get_caller_identity() const;

 private:
  ServiceClient client_;
};

}  // namespace cutover::aws
