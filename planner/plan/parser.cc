#include "planner/plan/parser.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "planner/plan/json_fields.h"
#include "planner/plan/sections.h"

namespace cutover::planner {
namespace {

using detail::JsonFields;
using detail::Need;

// nlohmann reports a byte offset; people want line and column.
std::string line_and_column(std::string_view text, std::size_t byte) {
  std::size_t line = 1;
  std::size_t column = 1;
  for (std::size_t i = 0; i + 1 < byte && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

std::unexpected<Error> refuse(std::vector<Problem> problems) {
  auto count = problems.size();
  return std::unexpected(Error{.code = ErrorCode::Invalid,
                               .message = "the plan has " + std::to_string(count) + (count == 1 ? " problem" : " problems"),
                               .problems = std::move(problems)});
}

}  // namespace

Result<Plan> parse_plan(std::string_view text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    std::string what = e.what();
    // Keep nlohmann's description, without its "[json.exception...] parse error at line L, column C: "
    // prefix: line and column are given once, counted from the byte offset.
    if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    if (auto pos = what.find(": "); what.starts_with("parse error") && pos != std::string::npos) what = what.substr(pos + 2);
    return refuse({Problem{.pointer = "", .message = "not valid JSON at " + line_and_column(text, e.byte) + ": " + what}});
  } catch (const nlohmann::json::exception& e) {
    // Not a syntax error but a value nlohmann cannot hold: a number beyond a
    // double (out_of_range 406, found by tests/fuzz/plan). No offset to give.
    std::string what = e.what();
    if (auto pos = what.find("] "); pos != std::string::npos) what = what.substr(pos + 2);
    return refuse({Problem{.pointer = "", .message = "not valid JSON: " + what}});
  }

  std::vector<Problem> problems;
  JsonFields in(problems);
  Plan plan;
  if (!in.is_object(doc, "")) return refuse(std::move(problems));
  in.allow_only(doc, "",
                {"version", "description", "domain", "accounts", "zones", "registrar", "strategies", "verification", "safety", "assume"});
  in.integer(doc, "", "version", Need::Required, 1, 1);
  in.string(doc, "", "description", Need::Optional);
  if (auto domain = in.name(doc, "", "domain", Need::Required)) plan.domain = *domain;

  detail::read_accounts(in, doc, plan);
  detail::read_zones(in, doc, plan);
  detail::read_registrar(in, doc, plan);
  detail::read_settings(in, doc, plan);
  detail::read_strategies(in, doc, plan);
  // Cross-references only make sense once every section reads cleanly;
  // otherwise they would repeat what is already reported.
  if (problems.empty()) detail::check_meaning(in, plan);
  if (!problems.empty()) return refuse(std::move(problems));
  return plan;
}

Result<Plan> load_plan(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return fail(ErrorCode::Io, "cannot read plan file '" + path.string() + "'");
  std::ostringstream text;
  text << file.rdbuf();
  return parse_plan(text.str());
}

}  // namespace cutover::planner
