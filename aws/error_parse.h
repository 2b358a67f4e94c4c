#pragma once
// AWS error responses turned into Error values: the XML shapes of Route 53,
// RDS and STS (ErrorResponse, and Route 53's InvalidChangeBatch), the JSON
// shape of Route 53 Domains, and the mapping of AWS codes to ErrorCode.

#include <string_view>

#include "aws/http.h"
#include "aws/result.h"

namespace cutover::aws {

/// Which wire format a service speaks (decides how its errors are shaped).
enum class Protocol { RestXml, Query, Json };

/// The ErrorCode for an AWS error code and HTTP status ("NoSuchHostedZone" -> NotFound).
ErrorCode classify_aws_code(std::string_view aws_code, int http_status);

/// The Error of a non-2xx response. An empty or unparseable body still gives
/// an Error carrying the HTTP status. Messages are redacted.
Error parse_error_response(const HttpResponse& response, Protocol protocol);

}  // namespace cutover::aws
