// cutover check delegation ZONE / cutover check parity: the gates of a
// cutover, run by hand.

#include <CLI/CLI.hpp>

#include <chrono>
#include <iostream>
#include <memory>

#include "dns/delegation.h"
#include "dns/parity.h"
#include "dns/zone_file.h"
#include "planner/cli/check_options.h"
#include "planner/cli/check_render.h"
#include "planner/cli/commands.h"

namespace cutover::cli {
namespace {

constexpr const char* kCheckExitCodes =
    "Exit codes: 0 consistent, 1 not consistent, 2 usage or bad input, 3 could not query enough servers to decide, "
    "5 local failure.";

struct DelegationFlags {
  std::string zone{};
  ParentFlags parent{};
  std::vector<std::string> expect_ns{};
  std::string format{"text"};
  int timeout_ms{500};
  int attempts{3};
};

struct ParityFlags {
  std::vector<std::string> old_servers{};
  std::vector<std::string> new_servers{};
  std::string zone_file{};
  std::string names_file{};
  std::string origin{};
  bool compare_ttl{false};
  std::string format{"text"};
  int timeout_ms{500};
  int attempts{3};
  int max_in_flight{64};
  double max_rate{0};
};

ExitCode run_delegation(const DelegationFlags& f) {
  auto zone = dns::DomainName::parse(f.zone);
  if (!zone) return usage_error("check delegation", "bad ZONE: " + zone.error().message);
  std::vector<dns::DomainName> expect;
  for (const auto& text : f.expect_ns) {
    auto name = dns::DomainName::parse(text);
    if (!name) return usage_error("check delegation", "bad --expect-ns: " + name.error().message);
    expect.push_back(*name);
  }
  auto parent = parse_parent_flags(f.parent);
  if (!parent) return usage_error("check delegation", parent.error().message);
  auto report = dns::check_delegation({.zone = *zone,
                                       .parent_servers = parent->servers,
                                       .root_hints = parent->root_hints,
                                       .expect_ns = expect,
                                       .probe = probe_options(f.timeout_ms, f.attempts)});
  if (!report) {
    std::cerr << "cutover check delegation: " << report.error().message << "\n";
    return ExitCode::Failure;
  }
  if (f.format == "json") {
    std::cout << delegation_json(*report).dump(2) << "\n";
  } else {
    render_delegation_text(*report, std::cout);
  }
  return exit_for(report->verdict);
}

dns::Result<dns::QuestionList> questions_of(const ParityFlags& f) {
  if (!f.names_file.empty()) return dns::read_names_file(f.names_file);
  std::optional<dns::DomainName> origin;
  if (!f.origin.empty()) {
    auto parsed = dns::DomainName::parse(f.origin);
    if (!parsed) return std::unexpected(parsed.error());
    origin = *parsed;
  }
  auto zone = dns::read_zone_file(f.zone_file, origin);
  if (!zone) return std::unexpected(zone.error());
  // The zone's records are freed on return; the questions stay, packed.
  return dns::QuestionList(dns::parity_questions(*zone));
}

ExitCode run_parity(const ParityFlags& f) {
  auto old_servers = parse_addresses("--old", f.old_servers);
  if (!old_servers) return usage_error("check parity", old_servers.error().message);
  auto new_servers = parse_addresses("--new", f.new_servers);
  if (!new_servers) return usage_error("check parity", new_servers.error().message);
  auto questions = questions_of(f);
  if (!questions) return usage_error("check parity", questions.error().message);
  if (questions->empty()) return usage_error("check parity", "no names to compare");
  dns::ProbeOptions probe = probe_options(f.timeout_ms, f.attempts);
  probe.max_in_flight_per_server = static_cast<std::size_t>(f.max_in_flight);
  probe.max_rate_per_server = f.max_rate;
  auto started = std::chrono::steady_clock::now();
  auto report = dns::check_parity({.old_servers = *old_servers,
                                   .new_servers = *new_servers,
                                   .questions = *questions,
                                   .ttl = f.compare_ttl ? dns::TtlRule::Equal : dns::TtlRule::Ignore,
                                   .probe = probe});
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!report) {
    std::cerr << "cutover check parity: " << report.error().message << "\n";
    return ExitCode::Failure;
  }
  if (f.format == "json") {
    std::cout << parity_json(*report, seconds).dump(2) << "\n";
  } else {
    render_parity_text(*report, seconds, 100, std::cout);
  }
  return exit_for(report->verdict);
}

void setup_delegation(CLI::App* check, ExitCode& exit_code) {
  auto f = std::make_shared<DelegationFlags>();
  auto* cmd = check->add_subcommand(
      "delegation",
      "Check a zone's delegation: the NS set (and glue, DS) each parent server hands out, and that every listed "
      "server answers for the zone authoritatively with the same NS set. Problems are named as Zonemaster/DNSViz name them.");
  cmd->add_option("ZONE", f->zone, "The zone, e.g. example.com")->required();
  add_parent_flags(cmd, f->parent);
  cmd->add_option("--expect-ns", f->expect_ns, "The NS names the parent must delegate to");
  add_format_flag(cmd, f->format);
  add_probe_flags(cmd, f->timeout_ms, f->attempts);
  cmd->footer(kCheckExitCodes);
  cmd->callback([f, &exit_code] { exit_code = run_delegation(*f); });
}

void setup_parity(CLI::App* check, ExitCode& exit_code) {
  auto f = std::make_shared<ParityFlags>();
  auto* cmd = check->add_subcommand("parity",
                                    "Ask every old and every new server the same questions and compare the answers as sets of records "
                                    "(case-insensitive; TTLs shown, compared only with --compare-ttl). Names every server that differs.");
  cmd->add_option("--old", f->old_servers, "The old provider's server addresses")->required();
  cmd->add_option("--new", f->new_servers, "The new provider's server addresses")->required();
  auto* zone = cmd->add_option("--zone-file", f->zone_file, "BIND zone file: every name and type in it (SOA, apex NS and glue left out)");
  auto* names = cmd->add_option("--names", f->names_file, "File of lines `NAME [TYPE...]` (type A when none; # comments)");
  zone->excludes(names);
  cmd->add_option("--origin", f->origin, "Origin of a zone file without $ORIGIN or SOA");
  cmd->add_flag("--compare-ttl", f->compare_ttl, "Also require equal TTLs");
  add_format_flag(cmd, f->format);
  cmd->add_option("--max-in-flight", f->max_in_flight, "Queries in flight per server")->check(CLI::Range(1, 4096))->capture_default_str();
  cmd->add_option("--max-rate", f->max_rate, "Queries per second per server (0: no limit; real servers may rate-limit us)")
      ->check(CLI::Range(0.0, 1e7))
      ->capture_default_str();
  add_probe_flags(cmd, f->timeout_ms, f->attempts);
  cmd->footer(kCheckExitCodes);
  cmd->callback([f, &exit_code, cmd] {
    if (f->zone_file.empty() && f->names_file.empty()) {
      exit_code = usage_error("check parity", "one of --zone-file FILE or --names FILE is required");
      return;
    }
    (void)cmd;
    exit_code = run_parity(*f);
  });
}

}  // namespace

void setup_check_command(CLI::App& app, ExitCode& exit_code) {
  auto* check = app.add_subcommand("check", "Run one gate by hand: `check delegation ZONE` or `check parity`");
  check->require_subcommand(1);
  setup_delegation(check, exit_code);
  setup_parity(check, exit_code);
}

}  // namespace cutover::cli
