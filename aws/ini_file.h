#pragma once
// The INI dialect of ~/.aws/config and ~/.aws/credentials: '#' or ';'
// comment lines, [section] headers, "key = value", and nested settings
// (a key with an empty value followed by indented "sub = value" lines),
// which are stored as "key.sub".

#include <map>
#include <string>
#include <string_view>

#include "aws/result.h"

namespace cutover::aws {

/// Keys and values of one section; nested settings appear as "parent.child".
using IniSection = std::map<std::string, std::string>;

/// Sections by their exact header text ("default", "profile ci", "services local").
using IniFile = std::map<std::string, IniSection>;

/// Parses the text. Lines outside any section are ignored, as botocore does.
IniFile parse_ini(std::string_view text);

/// Reads and parses a file; a missing file is an empty IniFile (absent is
/// not failed), an unreadable one is Io.
Result<IniFile> load_ini(const std::string& path);

}  // namespace cutover::aws
