#include "planner/plan/json_fields.h"

#include <algorithm>

namespace cutover::planner::detail {
namespace {

std::string type_name(const nlohmann::json& value) {
  if (value.is_number_integer()) return "an integer";
  if (value.is_number()) return "a number";
  if (value.is_string()) return "a string";
  if (value.is_boolean()) return "a boolean";
  if (value.is_array()) return "an array";
  if (value.is_object()) return "an object";
  return "null";
}

std::string joined(std::initializer_list<std::string_view> words) {
  std::string out;
  for (auto word : words) {
    if (!out.empty()) out += ", ";
    out += word;
  }
  return out;
}

}  // namespace

std::string child_pointer(std::string_view parent, std::string_view key) {
  std::string out(parent);
  out += '/';
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string child_pointer(std::string_view parent, std::size_t index) { return std::string(parent) + "/" + std::to_string(index); }

void JsonFields::problem(std::string pointer, std::string message) {
  problems_.push_back(Problem{.pointer = std::move(pointer), .message = std::move(message)});
}

bool JsonFields::is_object(const nlohmann::json& value, std::string_view pointer) {
  if (value.is_object()) return true;
  problem(std::string(pointer), "expected an object, found " + type_name(value));
  return false;
}

void JsonFields::allow_only(const nlohmann::json& object, std::string_view pointer, std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.items()) {
    bool known = std::ranges::find(allowed, std::string_view(key)) != allowed.end();
    if (!known) problem(child_pointer(pointer, key), "unknown key (expected one of: " + joined(allowed) + ")");
  }
}

const nlohmann::json* JsonFields::field(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(std::string(key));
  if (it == object.end()) {
    if (need == Need::Required) problem(child_pointer(pointer, key), "is required");
    return nullptr;
  }
  return &*it;
}

const nlohmann::json* JsonFields::typed_field(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need,
                                              bool (*is_type)(const nlohmann::json&), std::string_view expected) {
  const auto* value = field(object, pointer, key, need);
  if (value == nullptr || is_type(*value)) return value;
  problem(child_pointer(pointer, key), "expected " + std::string(expected) + ", found " + type_name(*value));
  return nullptr;
}

std::optional<std::string> JsonFields::string(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need) {
  const auto* value = typed_field(
      object, pointer, key, need, [](const nlohmann::json& v) { return v.is_string(); }, "a string");
  if (value == nullptr) return std::nullopt;
  auto text = value->get<std::string>();
  if (text.empty()) {
    problem(child_pointer(pointer, key), "must not be empty");
    return std::nullopt;
  }
  return text;
}

std::optional<dns::DomainName> JsonFields::name(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need) {
  auto text = string(object, pointer, key, need);
  if (!text) return std::nullopt;
  auto parsed = dns::DomainName::parse(*text);
  if (!parsed) {
    problem(child_pointer(pointer, key), parsed.error().message);
    return std::nullopt;
  }
  return *parsed;
}

std::optional<bool> JsonFields::boolean(const nlohmann::json& object, std::string_view pointer, std::string_view key) {
  const auto* value = typed_field(
      object, pointer, key, Need::Optional, [](const nlohmann::json& v) { return v.is_boolean(); }, "true or false");
  if (value == nullptr) return std::nullopt;
  return value->get<bool>();
}

std::optional<std::int64_t> JsonFields::integer(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need,
                                                std::int64_t min, std::int64_t max) {
  const auto* value = typed_field(
      object, pointer, key, need, [](const nlohmann::json& v) { return v.is_number_integer(); }, "an integer");
  if (value == nullptr) return std::nullopt;
  auto where = child_pointer(pointer, key);
  auto number = value->get<std::int64_t>();
  if (number < min) {
    problem(where, std::to_string(number) + " is below the minimum " + std::to_string(min));
    return std::nullopt;
  }
  if (number > max) {
    problem(where, std::to_string(number) + " is above the maximum " + std::to_string(max));
    return std::nullopt;
  }
  return number;
}

std::optional<std::string> JsonFields::choice(const nlohmann::json& object, std::string_view pointer, std::string_view key, Need need,
                                              std::initializer_list<std::string_view> choices) {
  auto text = string(object, pointer, key, need);
  if (!text) return std::nullopt;
  if (std::ranges::find(choices, std::string_view(*text)) == choices.end()) {
    problem(child_pointer(pointer, key), "'" + *text + "' is not one of: " + joined(choices));
    return std::nullopt;
  }
  return text;
}

std::optional<std::vector<std::string>> JsonFields::strings(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                                                            Need need) {
  const auto* value = typed_field(
      object, pointer, key, need, [](const nlohmann::json& v) { return v.is_array(); }, "an array of strings");
  if (value == nullptr) return std::nullopt;
  auto where = child_pointer(pointer, key);
  if (value->empty() && need == Need::Required) {
    problem(where, "must not be empty");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < value->size(); ++i) {
    const auto& item = (*value)[i];
    if (!item.is_string() || item.get<std::string>().empty()) {
      problem(child_pointer(where, i), "expected a non-empty string, found " + type_name(item));
      ok = false;
      continue;
    }
    out.push_back(item.get<std::string>());
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<dns::DomainName>> JsonFields::names(const nlohmann::json& object, std::string_view pointer, std::string_view key,
                                                              Need need) {
  auto texts = strings(object, pointer, key, need);
  if (!texts) return std::nullopt;
  std::vector<dns::DomainName> out;
  bool ok = true;
  for (std::size_t i = 0; i < texts->size(); ++i) {
    auto parsed = dns::DomainName::parse((*texts)[i]);
    if (!parsed) {
      problem(child_pointer(child_pointer(pointer, key), i), parsed.error().message);
      ok = false;
      continue;
    }
    out.push_back(*parsed);
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace cutover::planner::detail
