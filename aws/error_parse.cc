#include "aws/error_parse.h"

#include <tinyxml2.h>
#include <nlohmann/json.hpp>

#include <array>

#include "aws/redact.h"
#include "aws/retry.h"
#include "aws/xml.h"

namespace cutover::aws {
namespace {

bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

constexpr std::array<std::string_view, 12> kAuthCodes = {"AccessDenied",
                                                         "AccessDeniedException",
                                                         "InvalidClientTokenId",
                                                         "UnrecognizedClientException",
                                                         "SignatureDoesNotMatch",
                                                         "InvalidSignatureException",
                                                         "IncompleteSignature",
                                                         "ExpiredToken",
                                                         "ExpiredTokenException",
                                                         "RequestExpired",
                                                         "MissingAuthenticationToken",
                                                         "AuthFailure"};

void parse_xml(const HttpResponse& response, Error& error) {
  tinyxml2::XMLDocument doc;
  if (doc.Parse(response.body.data(), response.body.size()) != tinyxml2::XML_SUCCESS) return;
  const tinyxml2::XMLElement* root = doc.RootElement();
  if (!root) return;
  if (local_name(root) == "ErrorResponse") {
    const tinyxml2::XMLElement* body = child(root, "Error");
    error.aws_code = child_text(body, "Code");
    error.message = child_text(body, "Message");
    error.request_id = child_text(root, "RequestId");
  } else if (local_name(root) == "InvalidChangeBatch") {
    error.aws_code = "InvalidChangeBatch";
    for (const auto* m : children(child(root, "Messages"), "Message")) {
      if (!error.message.empty()) error.message += "; ";
      error.message += text_of(m);
    }
    error.request_id = child_text(root, "RequestId");
  } else if (const auto* body = child(root, "Error")) {  // other roots holding <Error>
    error.aws_code = child_text(body, "Code");
    error.message = child_text(body, "Message");
  }
}

void parse_json(const HttpResponse& response, Error& error) {
  auto json = nlohmann::json::parse(response.body, nullptr, /*allow_exceptions=*/false);
  if (!json.is_object()) return;
  std::string type = json.value("__type", json.value("code", std::string{}));
  // botocore keeps what follows the last '#' and precedes the first ':'.
  if (auto hash = type.rfind('#'); hash != std::string::npos) type = type.substr(hash + 1);
  if (auto colon = type.find(':'); colon != std::string::npos) type = type.substr(0, colon);
  error.aws_code = type;
  error.message = json.value("message", json.value("Message", std::string{}));
}

}  // namespace

ErrorCode classify_aws_code(std::string_view code, int status) {
  if (is_throttling_code(code) && code != "PriorRequestNotComplete") return ErrorCode::Throttled;
  if (std::ranges::find(kAuthCodes, code) != kAuthCodes.end()) return ErrorCode::Auth;
  if (contains(code, "NotFound") || code.starts_with("NoSuch")) return ErrorCode::NotFound;
  if (contains(code, "AlreadyExists") || contains(code, "State") || code == "PriorRequestNotComplete" || code == "HostedZoneNotEmpty" ||
      code == "DuplicateRequest" || code == "ConflictingDomainExists") {
    return ErrorCode::Conflict;
  }
  if (code.starts_with("Invalid") || code.starts_with("Missing") || code == "ValidationError" || code == "MalformedPolicyDocument" ||
      code == "TLDRulesViolation" || code == "UnsupportedTLD") {
    return ErrorCode::Invalid;
  }
  if (status == 404) return ErrorCode::NotFound;
  if (status == 401 || status == 403) return ErrorCode::Auth;
  if (status == 409) return ErrorCode::Conflict;
  if (status == 429) return ErrorCode::Throttled;
  return ErrorCode::Service;
}

Error parse_error_response(const HttpResponse& response, Protocol protocol) {
  Error error{.http_status = response.status};
  if (protocol == Protocol::Json) {
    parse_json(response, error);
    error.request_id = find_header(response.headers, "x-amzn-RequestId").value_or("");
  } else {
    parse_xml(response, error);
    if (error.request_id.empty()) {
      error.request_id = find_header(response.headers, "x-amzn-RequestId").value_or("");
    }
  }
  if (error.message.empty()) error.message = "HTTP " + std::to_string(response.status) + " without an error message";
  error.message = redact_text(error.message);
  error.code = classify_aws_code(error.aws_code, response.status);
  return error;
}

}  // namespace cutover::aws
