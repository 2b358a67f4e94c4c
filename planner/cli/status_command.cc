// cutover status NAME: has a change reached everyone? (SCENARIOS.md, S6)

#include <CLI/CLI.hpp>

#include <iostream>
#include <memory>
#include <thread>

#include "dns/propagation.h"
#include "planner/cli/check_options.h"
#include "planner/cli/commands.h"
#include "planner/cli/status_render.h"

namespace cutover::cli {
namespace {

struct StatusOptions {
  std::string name{};
  std::string type{"NS"};
  std::vector<std::string> expect{};
  ParentFlags parent{};
  std::vector<std::string> resolvers{};
  std::string format{"text"};
  int watch{0};
  int timeout_ms{500};
  int attempts{3};
};

dns::Result<dns::PropagationOptions> to_check(const StatusOptions& o) {
  auto name = dns::DomainName::parse(o.name);
  if (!name) return dns::fail(dns::ErrorCode::Invalid, "bad NAME: " + name.error().message);
  auto type = dns::parse_record_type(o.type);
  if (!type) return dns::fail(dns::ErrorCode::Invalid, "bad --type: unknown record type '" + o.type + "'");
  auto parent = parse_parent_flags(o.parent);
  if (!parent) return std::unexpected(parent.error());
  auto resolvers = parse_addresses("--resolver", o.resolvers);
  if (!resolvers) return std::unexpected(resolvers.error());
  return dns::PropagationOptions{.name = *name,
                                 .type = *type,
                                 .expected = o.expect,
                                 .parent_servers = parent->servers,
                                 .root_hints = parent->root_hints,
                                 .resolvers = *resolvers,
                                 .probe = probe_options(o.timeout_ms, o.attempts)};
}

ExitCode run_status(const StatusOptions& o) {
  auto check = to_check(o);
  if (!check) return usage_error("status", check.error().message);
  while (true) {
    auto checked_at = std::chrono::system_clock::now();
    auto report = dns::check_propagation(*check);
    if (!report) {
      std::cerr << "cutover status: " << report.error().message << "\n";
      return ExitCode::Failure;
    }
    if (o.format == "json") {
      std::cout << status_json(*report, checked_at).dump(o.watch > 0 ? -1 : 2) << std::endl;
    } else {
      render_status_text(*report, checked_at, std::cout);
      std::cout << std::flush;
    }
    if (o.watch <= 0 || report->verdict == dns::Verdict::Consistent) return exit_for(report->verdict);
    if (o.format != "json") std::cout << "\n-- next check in " << o.watch << " s --\n\n" << std::flush;
    std::this_thread::sleep_for(std::chrono::seconds(o.watch));
  }
}

}  // namespace

void setup_status_command(CLI::App& app, ExitCode& exit_code) {
  auto options = std::make_shared<StatusOptions>();
  auto* cmd =
      app.add_subcommand("status",
                         "Has a DNS change reached everyone? Asks each parent server (without recursion) what it delegates to, each "
                         "authoritative server what it answers (AA required), and each given resolver what it holds and for how much "
                         "longer; prints a table, the verdict, and when the last cached other answer expires (ETA).");
  cmd->add_option("NAME", options->name, "The name to check (a zone apex for type NS)")->required();
  cmd->add_option("--type", options->type, "Record type to check")->capture_default_str();
  cmd->add_option("--expect", options->expect,
                  "Expected value(s), e.g. the new NS names; default: what the parent (NS) or the first "
                  "authoritative server shows");
  add_parent_flags(cmd, options->parent);
  cmd->add_option("--resolver", options->resolvers, "Recursive resolver address(es) whose cache to inspect");
  add_format_flag(cmd, options->format);
  cmd->add_option("--watch", options->watch, "Check again every SECONDS until propagated")->check(CLI::Range(1, 86400));
  add_probe_flags(cmd, options->timeout_ms, options->attempts);
  cmd->footer(
      std::string("Exit codes: 0 propagated, 1 not (yet) propagated, 2 usage or bad input, "
                  "3 could not query enough servers to decide, 5 local failure."));
  cmd->callback([options, &exit_code] { exit_code = run_status(*options); });
}

}  // namespace cutover::cli
