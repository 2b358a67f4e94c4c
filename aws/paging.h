#pragma once
// What every client does around its calls: read a parsed value out of a
// response body, and gather a paged listing (RDS Describe*, Domains
// ListOperations) into one vector.

#include <functional>
#include <string>
#include <type_traits>
#include <vector>

#include "aws/http.h"
#include "aws/result.h"

namespace cutover::aws {

/// The value `parse` reads from the body of `response` (with `args` after the
/// body), or the call's own Error: `return parse_body(call(...), parse_operation_id);`.
template <class Parse, class... Args>
auto parse_body(const Result<HttpResponse>& response, Parse parse, const Args&... args) -> decltype(parse(response->body, args...)) {
  if (!response) return std::unexpected(response.error());
  return parse(response->body, args...);
}

/// Fetches page after page from `request.marker` on, appending each page's
/// `items`, until `next_marker` is empty or repeats the marker just sent (a
/// service echoing the last marker would otherwise loop forever).
template <class Request, class Fetch, class Page, class Item>
Result<std::vector<Item>> collect_pages(Request request, Fetch fetch, std::vector<Item> Page::*items, std::string Page::*next_marker) {
  std::vector<Item> out;
  for (;;) {
    Result<Page> page = fetch(request);
    if (!page) return std::unexpected(page.error());
    out.insert(out.end(), ((*page).*items).begin(), ((*page).*items).end());
    const std::string& next = (*page).*next_marker;
    if (next.empty() || next == request.marker) return out;
    request.marker = next;
  }
}

}  // namespace cutover::aws
