#pragma once
// Private to aws/: tinyxml2 helpers. AWS responses carry a default namespace
// and tinyxml2 ignores namespaces, so elements are matched on local names.

#include <tinyxml2.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "aws/result.h"

namespace cutover::aws {

/// The element's name without a "prefix:".
std::string_view local_name(const tinyxml2::XMLElement* element);

/// The first child element with this local name, or nullptr (also for a null parent).
const tinyxml2::XMLElement* child(const tinyxml2::XMLElement* parent, std::string_view name);

/// Every child element with this local name, in document order.
std::vector<const tinyxml2::XMLElement*> children(const tinyxml2::XMLElement* parent, std::string_view name);

/// The element's text ("" when null or empty).
std::string text_of(const tinyxml2::XMLElement* element);

/// The text of child `name` ("" when absent).
std::string child_text(const tinyxml2::XMLElement* parent, std::string_view name);

/// The text of child `name`, or nullopt when the element is absent.
std::optional<std::string> optional_child_text(const tinyxml2::XMLElement* parent, std::string_view name);

/// The integer text of child `name`; nullopt when absent or not a number.
std::optional<long> optional_child_long(const tinyxml2::XMLElement* parent, std::string_view name);

/// Follows a path of local names from `parent` ("A/B/C"); nullptr when any step is missing.
const tinyxml2::XMLElement* descend(const tinyxml2::XMLElement* parent, std::string_view path);

/// Parses a response body; Corrupt when it is not XML or the root is not `root_name`.
Result<const tinyxml2::XMLElement*> parse_root(tinyxml2::XMLDocument& doc, std::string_view body, std::string_view root_name);

/// Parses a response body whose root must be `root_name` and returns what
/// `read` makes of the root (a T or a Result<T>). The document lives only for
/// the call, so `read` copies out what it keeps. The one opening of every parser.
template <class T, class Read>
Result<T> read_root(std::string_view body, std::string_view root_name, Read read) {
  tinyxml2::XMLDocument doc;
  auto root = parse_root(doc, body, root_name);
  if (!root) return std::unexpected(root.error());
  return read(*root);
}

/// What `read` makes of child `name` of `parent`, which a response must carry:
/// Corrupt as "<what> has no <name>" when it is absent.
template <class Read>
auto read_required_child(const tinyxml2::XMLElement* parent, std::string_view name, std::string_view what, Read read)
    -> Result<decltype(read(parent))> {
  const tinyxml2::XMLElement* element = child(parent, name);
  if (!element) return fail(ErrorCode::Corrupt, std::string(what) + " has no " + std::string(name));
  return read(element);
}

/// Builds an XML request body element by element, escaping text. (Our own
/// rather than tinyxml2's printer, which keeps pointers to element names.)
class XmlWriter {
 public:
  /// Starts the document with its root element in `xmlns`.
  XmlWriter(std::string_view root, std::string_view xmlns);
  /// Opens a nested element.
  void open(std::string_view name);
  /// Closes the innermost open element.
  void close();
  /// <name>text</name>.
  void element(std::string_view name, std::string_view text);
  /// Closes everything and returns the document.
  std::string finish();

 private:
  std::string out_{};
  std::vector<std::string> open_{};
};

}  // namespace cutover::aws
