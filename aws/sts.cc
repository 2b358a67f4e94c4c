#include "aws/sts.h"

#include "aws/query_request.h"
#include "aws/timestamp.h"
#include "aws/xml.h"

namespace cutover::aws {
namespace {

constexpr std::string_view kVersion = "2011-06-15";

QueryRequest assume_role_request(const AssumeRoleRequest& request) {
  QueryRequest query("AssumeRole", kVersion);
  query.add("RoleArn", request.role_arn).add("RoleSessionName", request.session_name);
  if (request.duration) query.add("DurationSeconds", std::to_string(request.duration->count()));
  if (!request.external_id.empty()) query.add("ExternalId", request.external_id);
  return query;
}

}  // namespace

std::string assume_role_body(const AssumeRoleRequest& request) { return assume_role_request(request).body(); }

Result<AssumedRole> parse_assume_role(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  auto root = parse_root(doc, xml, "AssumeRoleResponse");
  if (!root) return std::unexpected(root.error());
  const auto* result = child(*root, "AssumeRoleResult");
  const auto* creds = child(result, "Credentials");
  AssumedRole out{.credentials = {.access_key_id = child_text(creds, "AccessKeyId"),
                                  .secret_access_key = child_text(creds, "SecretAccessKey"),
                                  .session_token = child_text(creds, "SessionToken")},
                  .arn = text_of(descend(result, "AssumedRoleUser/Arn")),
                  .assumed_role_id = text_of(descend(result, "AssumedRoleUser/AssumedRoleId"))};
  if (out.credentials.access_key_id.empty() || out.credentials.secret_access_key.empty()) {
    return fail(ErrorCode::Corrupt, "AssumeRole response has no credentials");
  }
  if (auto expiration = parse_iso8601(child_text(creds, "Expiration"))) out.credentials.expiration = *expiration;
  return out;
}

Result<CallerIdentity> parse_caller_identity(std::string_view xml) {
  tinyxml2::XMLDocument doc;
  auto root = parse_root(doc, xml, "GetCallerIdentityResponse");
  if (!root) return std::unexpected(root.error());
  const auto* result = child(*root, "GetCallerIdentityResult");
  CallerIdentity out{.account = child_text(result, "Account"), .arn = child_text(result, "Arn"), .user_id = child_text(result, "UserId")};
  if (out.account.empty()) return fail(ErrorCode::Corrupt, "GetCallerIdentity response has no Account");
  return out;
}

Result<AssumedRole> StsClient::assume_role(const AssumeRoleRequest& request) const {
  auto response = client_.call(assume_role_request(request).call(/*idempotent=*/true));
  if (!response) return std::unexpected(response.error());
  return parse_assume_role(response->body);
}

Result<CallerIdentity> StsClient::get_caller_identity() const {
  auto response = client_.call(QueryRequest("GetCallerIdentity", kVersion).call(/*idempotent=*/true));
  if (!response) return std::unexpected(response.error());
  return parse_caller_identity(response->body);
}

}  // namespace cutover::aws
