#include "dns/result.h"

namespace cutover::dns {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::Invalid: return "invalid";
    case ErrorCode::Timeout: return "timeout";
    case ErrorCode::Network: return "network";
    case ErrorCode::Refused: return "refused";
    case ErrorCode::Corrupt: return "corrupt";
    case ErrorCode::NotFound: return "not-found";
    case ErrorCode::Io: return "io";
    case ErrorCode::Protocol: return "protocol";
  }
  return "unknown";
}

}  // namespace cutover::dns
