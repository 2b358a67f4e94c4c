#pragma once
// Builds the form body of a Query call (RDS, STS) with botocore's naming
// rules: "Foo.Item.N" lists, "Foo.member.N" lists without a member name,
// "Tags.Tag.N.Key/Value" structures.

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "aws/service_client.h"

namespace cutover::aws {

/// A key/value tag (RDS, Route 53).
struct Tag {
  std::string key{};
  std::string value{};
  friend bool operator==(const Tag&, const Tag&) = default;
};

/// Form parameters of one Query action, in the order added.
class QueryRequest {
 public:
  /// Starts with Action=<action>&Version=<version>.
  QueryRequest(std::string_view action, std::string_view version);

  /// name=value.
  QueryRequest& add(std::string_view name, std::string_view value);
  /// name=true|false.
  QueryRequest& add_bool(std::string_view name, bool value);
  /// prefix.member.1=..., or prefix.<member>.N (prefix= when empty).
  QueryRequest& add_list(std::string_view prefix, std::string_view member, const std::vector<std::string>& values);
  /// prefix.Tag.N.Key / .Value (member "Tag"), or another member name.
  QueryRequest& add_tags(std::string_view prefix, std::string_view member, const std::vector<Tag>& tags);

  /// The urlencoded body.
  std::string body() const;
  /// A POST / call with the form content type.
  ServiceCall call(bool idempotent) const;

 private:
  std::string action_;
  QueryParams params_{};
};

}  // namespace cutover::aws
