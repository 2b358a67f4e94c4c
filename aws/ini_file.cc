#include "aws/ini_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace cutover::aws {
namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

IniFile parse_ini(std::string_view text) {
  IniFile file;
  IniSection* section = nullptr;
  std::string parent;  // the key whose nested settings follow, if any
  std::istringstream lines{std::string(text)};
  for (std::string raw; std::getline(lines, raw);) {
    std::string_view line = trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    bool indented = raw.front() == ' ' || raw.front() == '\t';
    if (!indented && line.front() == '[' && line.back() == ']') {
      section = &file[std::string(trim(line.substr(1, line.size() - 2)))];
      parent.clear();
      continue;
    }
    if (!section) continue;
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(trim(line.substr(0, eq)));
    std::string value(trim(line.substr(eq + 1)));
    if (indented && !parent.empty()) {
      (*section)[parent + "." + key] = value;
      continue;
    }
    (*section)[key] = value;
    parent = value.empty() ? key : "";
  }
  return file;
}

Result<IniFile> load_ini(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return IniFile{};
  std::ifstream in(path);
  if (!in) return fail(ErrorCode::Io, "cannot read " + path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_ini(buffer.str());
}

}  // namespace cutover::aws
