#include "dns/domain_name.h"

#include <cctype>

namespace cutover::dns {
namespace {

constexpr std::size_t kMaxLabel = 63;
constexpr std::size_t kMaxName = 255;

char lower(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Length in wire octets of one presentation label, honouring \X and \DDD escapes.
Result<std::size_t> wire_length(std::string_view label, std::string_view whole) {
  std::size_t octets = 0;
  for (std::size_t i = 0; i < label.size(); ++i, ++octets) {
    if (label[i] != '\\') continue;
    if (i + 1 >= label.size()) return fail(ErrorCode::Invalid, "bad escape at end of name '" + std::string(whole) + "'");
    bool decimal = std::isdigit(static_cast<unsigned char>(label[i + 1]));
    if (decimal) {
      bool three_digits = i + 3 < label.size() && std::isdigit(static_cast<unsigned char>(label[i + 2])) &&
                          std::isdigit(static_cast<unsigned char>(label[i + 3]));
      if (!three_digits) return fail(ErrorCode::Invalid, "bad \\DDD escape in name '" + std::string(whole) + "'");
      i += 3;
    } else {
      i += 1;
    }
  }
  return octets;
}

}  // namespace

Result<DomainName> DomainName::parse(std::string_view text) {
  if (text.empty()) return fail(ErrorCode::Invalid, "empty domain name");
  if (text == ".") return DomainName{};
  std::string lowered;
  lowered.reserve(text.size() + 1);
  for (char c : text) lowered.push_back(lower(c));
  if (lowered.back() != '.') lowered.push_back('.');
  std::size_t total = 1;
  std::size_t start = 0;
  while (start < lowered.size()) {
    std::size_t end = start;
    while (end < lowered.size() && lowered[end] != '.') end += lowered[end] == '\\' ? 2 : 1;
    if (end >= lowered.size()) end = lowered.size() - 1;
    std::string_view label(lowered.data() + start, end - start);
    if (label.empty()) return fail(ErrorCode::Invalid, "empty label in domain name '" + std::string(text) + "'");
    auto octets = wire_length(label, text);
    if (!octets) return std::unexpected(octets.error());
    if (*octets > kMaxLabel) {
      return fail(ErrorCode::Invalid, "label longer than 63 octets in domain name '" + std::string(text) + "'");
    }
    total += *octets + 1;
    start = end + 1;
  }
  if (total > kMaxName) return fail(ErrorCode::Invalid, "domain name longer than 255 octets: '" + std::string(text) + "'");
  return DomainName{std::move(lowered)};
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
