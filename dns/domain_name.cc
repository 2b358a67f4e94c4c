#include "dns/domain_name.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace cutover::dns {
namespace {

constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxName = 255;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// The octets of one presentation label, honouring \X and \DDD escapes.
Result<std::string> label_octets(std::string_view label, std::string_view whole) {
  std::string octets;
  for (std::size_t i = 0; i < label.size(); ++i) {
    if (label[i] != '\\') {
      octets.push_back(label[i]);
      continue;
    }
    if (i + 1 >= label.size()) return fail(ErrorCode::Invalid, "bad escape at end of name '" + std::string(whole) + "'");
    if (!std::isdigit(static_cast<unsigned char>(label[i + 1]))) {
      octets.push_back(label[++i]);
      continue;
    }
    bool three_digits = i + 3 < label.size() && std::isdigit(static_cast<unsigned char>(label[i + 2])) &&
                        std::isdigit(static_cast<unsigned char>(label[i + 3]));
    int value = three_digits ? (label[i + 1] - '0') * 100 + (label[i + 2] - '0') * 10 + (label[i + 3] - '0') : 256;
    if (value > 255) return fail(ErrorCode::Invalid, "bad \\DDD escape in name '" + std::string(whole) + "'");
    octets.push_back(static_cast<char>(value));
    i += 3;
  }
  return octets;
}

// One spelling per label, so that names equal on the wire are equal here:
// letters lower-cased (also when written \065), the characters presentation
// form gives a meaning (. \ " ( ) ; @ $) as \X, other printable ASCII as
// itself, everything else as \DDD. "\@", "\064" and "@" inside a label are
// one name.
std::string canonical_label(std::string_view octets) {
  std::string out;
  for (char raw : octets) {
    auto c = static_cast<unsigned char>(lower(raw));
    if (c <= 0x20 || c >= 0x7f) {
      char digits[5];
      std::snprintf(digits, sizeof digits, "\\%03u", static_cast<unsigned>(c));
      out += digits;
    } else if (c == '.' || c == '\\' || c == '"' || c == '(' || c == ')' || c == ';' || c == '@' || c == '$') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

}  // namespace

Result<DomainName> DomainName::parse(std::string_view text) {
  if (text.empty()) return fail(ErrorCode::Invalid, "empty domain name");
  if (text == ".") return DomainName{};
  std::string canonical;
  canonical.reserve(text.size() + 1);
  std::size_t total = 1;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = start;
    while (end < text.size() && text[end] != '.') end += text[end] == '\\' ? 2 : 1;
    end = std::min(end, text.size());
    std::string_view label = text.substr(start, end - start);
    if (label.empty()) return fail(ErrorCode::Invalid, "empty label in domain name '" + std::string(text) + "'");
    auto octets = label_octets(label, text);
    if (!octets) return std::unexpected(octets.error());
    if (octets->size() > kMaxLabel) {
      return fail(ErrorCode::Invalid, "label longer than 63 octets in domain name '" + std::string(text) + "'");
    }
    total += octets->size() + 1;
    canonical += canonical_label(*octets) + ".";
    start = end + 1;
  }
  if (total > kMaxName) return fail(ErrorCode::Invalid, "domain name longer than 255 octets: '" + std::string(text) + "'");
  return DomainName{std::move(canonical)};
}

std::string DomainName::without_dot() const {
  if (is_root()) return ".";
  return text_.substr(0, text_.size() - 1);
}

std::vector<std::string> DomainName::labels() const {
  std::vector<std::string> out;
  if (is_root()) return out;
  std::size_t start = 0;
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\\') {
      ++i;
      continue;
    }
    if (text_[i] == '.') {
      out.push_back(text_.substr(start, i - start));
      start = i + 1;
    }
  }
  return out;
}

std::size_t DomainName::label_count() const { return labels().size(); }

bool DomainName::is_subdomain_of(const DomainName& ancestor) const {
  if (ancestor.is_root()) return true;
  if (text_.size() < ancestor.text_.size()) return false;
  if (!text_.ends_with(ancestor.text_)) return false;
  if (text_.size() == ancestor.text_.size()) return true;
  // The suffix must start at a label boundary: "xexample.com." is not below "example.com.".
  std::size_t boundary = text_.size() - ancestor.text_.size();
  return text_[boundary - 1] == '.' && (boundary < 2 || text_[boundary - 2] != '\\');
}

DomainName DomainName::parent() const {
  if (is_root()) return *this;
  auto parts = labels();
  if (parts.size() == 1) return DomainName{};
  std::string rest;
  for (std::size_t i = 1; i < parts.size(); ++i) rest += parts[i] + ".";
  return DomainName{std::move(rest)};
}

Result<DomainName> DomainName::prepend(std::string_view label) const {
  std::string joined(label);
  joined += is_root() ? "." : "." + text_;
  return parse(joined);
}

}  // namespace cutover::dns
