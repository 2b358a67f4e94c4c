#pragma once
// An HTTP header as our types carry it (requests to sign, responses read).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cutover::aws {

/// One HTTP header as sent (name in any case; repeated names allowed).
struct Header {
  std::string name{};
  std::string value{};
};

/// The first header named `name` (case-insensitive); nullopt when absent.
std::optional<std::string> find_header(const std::vector<Header>& headers, std::string_view name);

}  // namespace cutover::aws
