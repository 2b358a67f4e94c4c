#pragma once
// Private to the planner: reads fields of a JSON document while collecting
// every problem with its JSON pointer, so that validation reports all of them
// at once instead of stopping at the first.
//
//   JsonFields in(problems);
//   auto obj = in.object(doc, "");                  // problem if not an object
//   in.allow_only(doc, "", {"domain", "zones"});    // unknown keys are problems
//   auto domain = in.name(doc, "", "domain", Need::Required);

#include <nlohmann/json.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dns/domain_name.h"
#include "planner/result.h"

namespace cutover::planner::detail {

enum class Need { Required, Optional };

/// "/zones" + "a/b" -> "/zones/a~1b" (RFC 6901 escaping).
std::string child_pointer(std::string_view parent, std::string_view key);
std::string child_pointer(std::string_view parent, std::size_t index);

class JsonFields {
 public:
  explicit JsonFields(std::vector<Problem>& problems) : problems_(problems) {}

  void problem(std::string pointer, std::string message);

  /// True when `value` is an object; records a problem otherwise.
  bool is_object(const nlohmann::json& value, std::string_view pointer);
  /// Records a problem for each key of `object` not in `allowed`, naming the allowed ones.
  void allow_only(const nlohmann::json& object, std::string_view pointer, std::initializer_list<std::string_view> allowed);

  std::optional<std::string> string(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need);
  std::optional<dns::DomainName> name(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need);
  std::optional<bool> boolean(const nlohmann::json& object, std::string_view pointer, std::string_view key);
  /// An integer within [min, max]: "5 is below the minimum 30".
  std::optional<std::int64_t> integer(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need,
                                      std::int64_t min, std::int64_t max);
  /// One of `choices`: "must be one of route53, rfc2136".
  std::optional<std::string> choice(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need,
                                    std::initializer_list<std::string_view> choices);
  /// An array of strings (possibly required to be non-empty).
  std::optional<std::vector<std::string>> strings(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need);
  std::optional<std::vector<dns::DomainName>> names(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                                                    Need need);

 private:
  const nlohmann::json* field(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need);
  /// The field when `is_type` holds for it; nullptr when absent (a problem if
  /// required) or of another type (a problem "expected <expected>, found ...").
  const nlohmann::json* typed_field(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need,
                                    bool (*is_type)(const nlohmann::json&), std::string_view expected);
  std::vector<Problem>& problems_;
};

}  // namespace cutover::planner::detail
