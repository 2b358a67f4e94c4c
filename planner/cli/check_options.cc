#include "planner/cli/check_options.h"

#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "dns/zone_file.h"

namespace cutover::cli {

dns::Result<std::vector<dns::ServerAddress>> parse_addresses(const std::string& option, const std::vector<std::string>& texts) {
  std::vector<dns::ServerAddress> out;
  for (const auto& text : texts) {
    auto address = dns::parse_server_address(text);
    if (!address) return dns::fail(dns::ErrorCode::Invalid, "bad " + option + ": " + address.error().message);
    out.push_back(*address);
  }
  return out;
}

dns::Result<std::vector<dns::ServerAddress>> load_root_hints(const std::string& path, bool required) {
  std::string file = path.empty() ? kDefaultRootHints : path;
  if (path.empty() && !required && !std::filesystem::exists(file)) return std::vector<dns::ServerAddress>{};
  auto roots = dns::read_root_hints(file);
  if (!roots) return dns::fail(dns::ErrorCode::Invalid, "bad --root-hints: " + roots.error().message);
  return roots;
}

dns::ProbeOptions probe_options(int timeout_ms, int attempts) {
  return dns::ProbeOptions{.timeout = std::chrono::milliseconds(timeout_ms), .attempts = attempts};
}

ExitCode exit_for(dns::Verdict verdict) {
  switch (verdict) {
    case dns::Verdict::Consistent: return ExitCode::Ok;
    case dns::Verdict::NotConsistent: return ExitCode::NotYet;
    case dns::Verdict::Undecided: return ExitCode::Undecided;
  }
  return ExitCode::Undecided;
}

ExitCode usage_error(const std::string& command, const std::string& message) {
  std::cerr << "cutover " << command << ": " << message << "\n";
  return ExitCode::Usage;
}

void add_probe_flags(CLI::App* cmd, int& timeout_ms, int& attempts) {
  cmd->add_option("--timeout-ms", timeout_ms, "Wait this long for the first reply; each retry waits twice as long")
      ->check(CLI::Range(10, 60000))
      ->capture_default_str();
  cmd->add_option("--attempts", attempts, "UDP sends per query before a server counts as not answering")
      ->check(CLI::Range(1, 10))
      ->capture_default_str();
}

void add_format_flag(CLI::App* cmd, std::string& format) {
  cmd->add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
}

void add_parent_flags(CLI::App* cmd, ParentFlags& flags) {
  cmd->add_option("--parent-server", flags.servers,
                  "Parent server address(es) (192.0.2.1, 192.0.2.1@5353, [2001:db8::1]:53); default: found from the root hints");
  cmd->add_option("--root-hints", flags.root_hints, std::string("Root hints file (default ") + kDefaultRootHints + ")");
}

dns::Result<ParentStart> parse_parent_flags(const ParentFlags& flags) {
  auto servers = parse_addresses("--parent-server", flags.servers);
  if (!servers) return std::unexpected(servers.error());
  auto roots = load_root_hints(flags.root_hints, servers->empty() || !flags.root_hints.empty());
  if (!roots) return std::unexpected(roots.error());
  return ParentStart{.servers = *servers, .root_hints = *roots};
}

}  // namespace cutover::cli
