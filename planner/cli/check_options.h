#pragma once
// Shared by `cutover status` and `cutover check`: turning command-line text
// into dns/ values, with an error message that names the option and the value.

#include <string>
#include <vector>

#include "dns/probe_options.h"
#include "dns/report.h"
#include "dns/result.h"
#include "dns/server_address.h"
#include "planner/cli/exit_code.h"

namespace CLI {
class App;
}

namespace cutover::cli {

/// Output format of the DNS commands.
enum class OutputFormat { Text, Json };

/// The system's root hints, used when --root-hints is not given.
inline constexpr const char* kDefaultRootHints = "/usr/share/dns/root.hints";

/// Parses every address of `option`; fails naming the option and the bad value.
dns::Result<std::vector<dns::ServerAddress>> parse_addresses(const std::string& option, const std::vector<std::string>& texts);

/// Reads root hints from `path` (the default when empty). With `required`
/// false, a missing default file yields no roots instead of an error.
dns::Result<std::vector<dns::ServerAddress>> load_root_hints(const std::string& path, bool required);

/// Probe options from --timeout-ms and --attempts as given on the command line.
dns::ProbeOptions probe_options(int timeout_ms, int attempts);

/// 0 consistent, 1 not (yet), 3 undecided.
ExitCode exit_for(dns::Verdict verdict);

/// Prints "cutover <command>: <message>" to stderr and returns ExitCode::Usage.
ExitCode usage_error(const std::string& command, const std::string& message);

/// Registers --timeout-ms and --attempts on `cmd`.
void add_probe_flags(CLI::App* cmd, int& timeout_ms, int& attempts);

/// Registers --format text|json on `cmd`.
void add_format_flag(CLI::App* cmd, std::string& format);

/// --parent-server and --root-hints, as given: where a walk to a zone's parent starts.
struct ParentFlags {
  std::vector<std::string> servers{};
  std::string root_hints{};
};

/// The parent servers to ask, or the root hints to find them from.
struct ParentStart {
  std::vector<dns::ServerAddress> servers{};
  std::vector<dns::ServerAddress> root_hints{};
};

/// Registers --parent-server and --root-hints on `cmd`.
void add_parent_flags(CLI::App* cmd, ParentFlags& flags);

/// Parses the parent flags. The root hints are required only when no parent
/// server is given or a hints file is named; fails naming the option.
dns::Result<ParentStart> parse_parent_flags(const ParentFlags& flags);

}  // namespace cutover::cli
