#include "dns/server_address.h"

#include <arpa/inet.h>

#include <charconv>

namespace cutover::dns {
namespace {

Result<std::uint16_t> parse_port(std::string_view port, std::string_view whole) {
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc{} || end != port.data() + port.size() || value == 0 || value > 65535) {
    return fail(ErrorCode::Invalid, "bad port in server address '" + std::string(whole) + "'");
  }
  return static_cast<std::uint16_t>(value);
}

// Canonical text of an IP literal, or nullopt-like failure when it is not one.
Result<ServerAddress> parse_ip(std::string_view ip, std::string_view whole) {
  std::string text(ip);
  char canonical[INET6_ADDRSTRLEN] = {};
  unsigned char bytes[16] = {};
  if (inet_pton(AF_INET, text.c_str(), bytes) == 1) {
    inet_ntop(AF_INET, bytes, canonical, sizeof canonical);
    return ServerAddress{.ip = canonical, .port = 53, .ipv6 = false};
  }
  if (inet_pton(AF_INET6, text.c_str(), bytes) == 1) {
    inet_ntop(AF_INET6, bytes, canonical, sizeof canonical);
    return ServerAddress{.ip = canonical, .port = 53, .ipv6 = true};
  }
  return fail(ErrorCode::Invalid,
              "not an IP address: '" + std::string(whole) + "' (expected e.g. 192.0.2.1, 192.0.2.1@5353, [2001:db8::1]:53)");
}

}  // namespace

Result<ServerAddress> parse_server_address(std::string_view text) {
  if (text.empty()) return fail(ErrorCode::Invalid, "empty server address");
  std::string_view ip = text;
  std::string_view port;
  if (text.front() == '[') {
    auto close = text.find(']');
    if (close == std::string_view::npos) return fail(ErrorCode::Invalid, "missing ']' in server address '" + std::string(text) + "'");
    ip = text.substr(1, close - 1);
    auto rest = text.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':' && rest.front() != '@') {
        return fail(ErrorCode::Invalid, "unexpected text after ']' in server address '" + std::string(text) + "'");
      }
      port = rest.substr(1);
      if (port.empty()) return fail(ErrorCode::Invalid, "empty port in server address '" + std::string(text) + "'");
    }
  } else if (auto at = text.find('@'); at != std::string_view::npos) {
    ip = text.substr(0, at);
    port = text.substr(at + 1);
    if (port.empty()) return fail(ErrorCode::Invalid, "empty port in server address '" + std::string(text) + "'");
  } else if (auto colon = text.find(':'); colon != std::string_view::npos && text.find(':', colon + 1) == std::string_view::npos) {
    // Exactly one colon: IPv4 with a port. Two or more: a bare IPv6 literal.
    ip = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  auto address = parse_ip(ip, text);
  if (!address) return address;
  if (!port.empty()) {
    auto number = parse_port(port, text);
    if (!number) return std::unexpected(number.error());
    address->port = *number;
  }
  return address;
}

std::string to_string(const ServerAddress& address) {
  if (address.port == 53) return address.ip;
  if (address.ipv6) return "[" + address.ip + "]:" + std::to_string(address.port);
  return address.ip + "@" + std::to_string(address.port);
}

}  // namespace cutover::dns
