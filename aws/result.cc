#include "aws/result.h"

namespace cutover::aws {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::Invalid: return "invalid";
    case ErrorCode::Auth: return "auth";
    case ErrorCode::Throttled: return "throttled";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::Conflict: return "conflict";
    case ErrorCode::Service: return "service";
    case ErrorCode::Transport: return "transport";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::Io: return "io";
  }
  return "unknown";
}

std::string describe(const Error& error) {
  std::string out = error.aws_code.empty() ? std::string(to_string(error.code)) : error.aws_code;
  if (error.http_status != 0) out += " (HTTP " + std::to_string(error.http_status) + ")";
  out += ": " + error.message;
  if (!error.request_id.empty()) out += " [request " + error.request_id + "]";
  return out;
}

}  // namespace cutover::aws
