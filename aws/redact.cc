#include "aws/redact.h"

#include <strings.h>
#include <array>
#include <regex>

namespace cutover::aws {
namespace {

struct Rule {
  std::regex pattern;
  std::string replacement;
};

const std::array<Rule, 5>& rules() {
  // Built once; std::regex is slow to compile but fine to share read-only.
  static const std::array<Rule, 5> kRules = {{
      {std::regex(R"re((Signature=)[0-9a-fA-F]+)re"), "$1***"},
      {std::regex(R"re((X-Amz-Security-Token[=:]\s*)[^&\s,]+)re", std::regex::icase), "$1***"},
      {std::regex(R"re((<(SecretAccessKey|SessionToken|Password)>)[^<]*(</))re"), "$1***$3"},
      {std::regex(R"re(("(Password|SecretAccessKey|SessionToken|secret_access_key|session_token)"\s*:\s*")(\\.|[^"\\])*")re"), "$1***\""},
      {std::regex(R"re((\b(aws_secret_access_key|aws_session_token)\s*=\s*)\S+)re"), "$1***"},
  }};
  return kRules;
}

}  // namespace

bool is_secret_header(std::string_view name) {
  auto equals = [name](std::string_view secret) {
    return name.size() == secret.size() && strncasecmp(name.data(), secret.data(), name.size()) == 0;
  };
  return equals("Authorization") || equals("X-Amz-Security-Token") || equals("Proxy-Authorization");
}

std::vector<Header> redact_headers(const std::vector<Header>& headers) {
  std::vector<Header> out = headers;
  for (Header& header : out) {
    if (is_secret_header(header.name)) header.value = std::string(kRedacted);
  }
  return out;
}

std::string redact_text(std::string_view text) {
  std::string out(text);
  for (const Rule& rule : rules()) out = std::regex_replace(out, rule.pattern, rule.replacement);
  return out;
}

}  // namespace cutover::aws
