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

}  // namespace cutover::cli
