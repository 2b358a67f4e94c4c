#include "tests/lab/common/port53.h"

#include <cstdio>
#include <memory>
#include <string>

namespace cutover::lab {

dns::Result<void> refuse_if_port53_busy(std::string_view range, std::string_view refusal) {
  std::unique_ptr<FILE, int (*)(FILE*)> ss(::popen("ss -Hlnu 'sport = :53'; ss -Hlnt 'sport = :53'", "r"), ::pclose);
  if (!ss) return dns::fail(dns::ErrorCode::Io, "cannot run ss to check port 53");
  char line[512];
  while (std::fgets(line, sizeof line, ss.get())) {
    std::string text = line;
    for (std::string_view busy : {range, std::string_view("0.0.0.0:53"), std::string_view("*:53"), std::string_view("[::]:53")}) {
      if (text.find(busy) != std::string::npos) return dns::fail(dns::ErrorCode::Io, std::string(refusal) + text);
    }
  }
  return {};
}

}  // namespace cutover::lab
