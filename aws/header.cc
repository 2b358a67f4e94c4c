#include "aws/header.h"

#include <strings.h>

namespace cutover::aws {

std::optional<std::string> find_header(const std::vector<Header>& headers, std::string_view name) {
  for (const Header& header : headers) {
    if (header.name.size() == name.size() && strncasecmp(header.name.data(), name.data(), name.size()) == 0) {
      return header.value;
    }
  }
  return std::nullopt;
}

}  // namespace cutover::aws
