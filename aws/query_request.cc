#include "aws/query_request.h"

namespace cutover::aws {

QueryRequest::QueryRequest(std::string_view action, std::string_view version) : action_(action) {
  params_.emplace_back("Action", std::string(action));
  params_.emplace_back("Version", std::string(version));
}

QueryRequest& QueryRequest::add(std::string_view name, std::string_view value) {
  params_.emplace_back(std::string(name), std::string(value));
  return *this;
}

QueryRequest& QueryRequest::add_bool(std::string_view name, bool value) { return add(name, value ? "true" : "false"); }

QueryRequest& QueryRequest::add_list(std::string_view prefix, std::string_view member, const std::vector<std::string>& values) {
  if (values.empty()) return add(prefix, "");  // botocore sends an empty list as "Foo="
  for (size_t i = 0; i < values.size(); ++i) {
    add(std::string(prefix) + "." + std::string(member) + "." + std::to_string(i + 1), values[i]);
  }
  return *this;
}

QueryRequest& QueryRequest::add_tags(std::string_view prefix, std::string_view member, const std::vector<Tag>& tags) {
  for (size_t i = 0; i < tags.size(); ++i) {
    std::string base = std::string(prefix) + "." + std::string(member) + "." + std::to_string(i + 1);
    add(base + ".Key", tags[i].key);
    add(base + ".Value", tags[i].value);
  }
  return *this;
}

std::string QueryRequest::body() const { return encode_query(params_); }

ServiceCall QueryRequest::call(bool idempotent) const {
  return ServiceCall{.operation = action_,
                     .method = "POST",
                     .path = "/",
                     .headers = {{"Content-Type", "application/x-www-form-urlencoded; charset=utf-8"}},
                     .body = body(),
                     .idempotent = idempotent};
}

}  // namespace cutover::aws
