#pragma once
// DomainName: a normalised, absolute DNS name compared case-insensitively,
// like PowerDNS's DNSName. Text is converted only at the edges (plan JSON,
// command line, packets); inside, names are values of this type.

#include <compare>
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dns/result.h"

namespace cutover::dns {

class DomainName {
 public:
  /// The root name ".".
  DomainName() = default;

  /// Parses presentation text ("Example.COM", "example.com.", "\052.x.com").
  /// Fails on an empty label, a label over 63 octets, a name over 255 octets,
  /// or a bad escape; the message names the input.
  static Result<DomainName> parse(std::string_view text);

  /// The name in presentation form, lower-cased, with the trailing dot.
  const std::string& text() const { return text_; }
  /// The name without the trailing dot ("example.com"); "." for the root.
  std::string without_dot() const;

  /// Labels from the leftmost: "www.example.com." -> {"www","example","com"}.
  std::vector<std::string> labels() const;
  std::size_t label_count() const;
  bool is_root() const { return text_ == "."; }

  /// True when this name equals `ancestor` or lies below it.
  bool is_subdomain_of(const DomainName& ancestor) const;
  /// The name one label up; the root's parent is the root.
  DomainName parent() const;
  /// `label` + "." + this name; fails if the result is not a valid name.
  Result<DomainName> prepend(std::string_view label) const;

  friend bool operator==(const DomainName&, const DomainName&) = default;
  friend std::strong_ordering operator<=>(const DomainName&, const DomainName&) = default;

 private:
  // QuestionList keeps text() verbatim and rebuilds names from it without parsing.
  friend class QuestionList;
  explicit DomainName(std::string lowered) : text_(std::move(lowered)) {}
  std::string text_{"."};
};

}  // namespace cutover::dns

template <>
struct std::hash<cutover::dns::DomainName> {
  std::size_t operator()(const cutover::dns::DomainName& name) const noexcept { return std::hash<std::string>{}(name.text()); }
};
