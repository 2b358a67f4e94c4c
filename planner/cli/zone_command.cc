// `cutover zone export|import`: a Route 53 hosted zone to and from a BIND
// zone file (or JSON for export). Import sends CREATEs (and UPSERTs over
// what differs) in requests filled to the Route 53 limits, all submitted
// before one wait for INSYNC, with progress on stderr; --dry-run prints the
// batches instead.

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <map>

#include "aws/route53.h"
#include "planner/cli/aws_cli.h"
#include "planner/cli/commands.h"
#include "planner/providers/route53_records.h"
#include "planner/providers/zone_export.h"
#include "planner/providers/zone_import.h"

namespace cutover::cli {
namespace {

namespace r53 = aws::route53;

enum class ZoneFormat { Bind, Json };

struct ZoneOptions {
  AwsCliOptions aws{};
  std::string zone_id{};
  ZoneFormat format{ZoneFormat::Bind};
  std::string file{};
  bool dry_run{false};
  // Hidden, for bench/aws: the cut and the waits of tools that send 100
  // changes per request and wait after each.
  int max_changes_per_request{0};
  bool wait_each_request{false};
};

r53::BatchLimits batch_limits(const ZoneOptions& options) {
  r53::BatchLimits limits;
  if (options.max_changes_per_request > 0) limits.max_changes = static_cast<size_t>(options.max_changes_per_request);
  return limits;
}

nlohmann::json record_json(const r53::RecordSet& r) {
  nlohmann::json out{{"name", r.name}, {"type", r.type}};
  if (r.ttl) out["ttl"] = *r.ttl;
  if (!r.values.empty()) out["values"] = r.values;
  if (!r.set_identifier.empty()) out["set_identifier"] = r.set_identifier;
  if (r.weight) out["weight"] = *r.weight;
  if (!r.region.empty()) out["region"] = r.region;
  if (!r.failover.empty()) out["failover"] = r.failover;
  if (r.alias) {
    out["alias_target"] = {{"hosted_zone_id", r.alias->hosted_zone_id},
                           {"dns_name", r.alias->dns_name},
                           {"evaluate_target_health", r.alias->evaluate_target_health}};
  }
  return out;
}

ExitCode run_export(const ZoneOptions& options, const r53::Client& route53, const r53::HostedZone& zone) {
  auto records = route53.list_all_records(zone.id);
  if (!records) return report_aws_error("zone export", records.error());
  if (options.format == ZoneFormat::Json) {
    nlohmann::json out{{"zone_id", zone.id.value}, {"name", zone.name}, {"records", nlohmann::json::array()}};
    for (const r53::RecordSet& r : *records) out["records"].push_back(record_json(r));
    std::cout << out.dump(2) << "\n";
    return ExitCode::Ok;
  }
  std::vector<std::string> notes;
  std::cout << "; zone " << zone.name << " (" << zone.id.value << "), " << records->size() << " record sets, exported by cutover\n"
            << planner::write_bind_zone(*records, zone.name, notes);
  for (const std::string& note : notes) std::cerr << "cutover zone export: note: " << note << "\n";
  return ExitCode::Ok;
}

void print_dry_run(const planner::ImportPlan& plan, const r53::BatchLimits& limits) {
  auto batches = planner::import_batches(plan, limits);
  if (!batches) {
    std::cout << "cannot batch: " << batches.error().message << "\n";
    return;
  }
  for (size_t i = 0; i < batches->size(); ++i) {
    std::cout << "batch " << i + 1 << "/" << batches->size() << " (" << (*batches)[i].size() << " changes)\n";
    for (const r53::Change& change : (*batches)[i]) std::cout << "  " << planner::describe_change(change) << "\n";
  }
}

// A file that cannot be read or does not parse is bad input (nothing was
// done); a name Route 53 listed that is no domain name is a provider failure.
ExitCode report_planner_error(const planner::Error& error) {
  std::cerr << "cutover zone import: " << error.message << "\n";
  return error.code == planner::ErrorCode::Provider ? ExitCode::Failure : ExitCode::Usage;
}

ExitCode run_import(const ZoneOptions& options, const r53::Client& route53, const r53::HostedZone& zone) {
  auto zone_name = planner::name_from_route53(zone.name);
  if (!zone_name) return report_planner_error(zone_name.error());
  auto file = planner::read_zone_rrsets(options.file, *zone_name);
  if (!file) return report_planner_error(file.error());
  for (const std::string& note : file->notes) std::cerr << "cutover zone import: note: " << note << "\n";
  auto current = route53.list_all_records(zone.id);
  if (!current) return report_aws_error("zone import", current.error());
  auto planned = planner::plan_import(file->rrsets, *current, *zone_name);
  if (!planned) return report_planner_error(planned.error());
  const planner::ImportPlan& plan = *planned;
  if (!plan.outside.empty()) {
    std::cerr << "cutover zone import: " << options.file << " has " << plan.outside.size() << " names outside " << zone.name
              << " (first: " << plan.outside.front() << "); is it the file of another zone?\n";
    return ExitCode::Usage;
  }
  for (const std::string& skipped : plan.skipped) std::cerr << "cutover zone import: skipped " << skipped << "\n";
  auto creates = std::ranges::count(plan.changes, r53::ChangeAction::Create, &r53::Change::action);
  std::cerr << "cutover zone import: " << creates << " record sets to create, " << plan.changes.size() - creates << " to upsert, "
            << plan.unchanged << " already as in the file\n";
  if (options.dry_run) {
    print_dry_run(plan, batch_limits(options));
    return ExitCode::Ok;
  }
  if (plan.changes.empty()) return ExitCode::Ok;
  auto applied = route53.apply_changes(
      zone.id, plan.changes,
      {.comment = "cutover zone import",
       .limits = batch_limits(options),
       .insync = options.wait_each_request ? r53::InsyncWait::AfterEachRequest : r53::InsyncWait::OncePerCall,
       .on_progress = [](const r53::BatchProgress& p) {
         std::cerr << "cutover zone import: batch " << p.batch << "/" << p.batches;
         if (p.event == r53::BatchProgress::Event::Submitted) {
           std::cerr << " submitted, change " << p.change.value << (p.status == r53::ChangeStatus::InSync ? " INSYNC" : " PENDING") << "\n";
         } else {
           std::cerr << " change " << p.change.value << " INSYNC (" << p.changes_done << "/" << p.changes_total << " record sets done)\n";
         }
       }});
  if (!applied) return report_aws_error("zone import", applied.error());
  std::cout << "imported " << plan.changes.size() << " record sets into " << zone.name << " (" << zone.id.value << ") in "
            << applied->size() << " batches, all INSYNC\n";
  return ExitCode::Ok;
}

// Opens a session, reads the hosted zone --zone-id names and runs `run`
// (export or import) on it; a failure on the way is reported as `command`'s.
ExitCode run_on_zone(const std::string& command, const ZoneOptions& options,
                     ExitCode (*run)(const ZoneOptions&, const r53::Client&, const r53::HostedZone&)) {
  ExitCode exit_code = ExitCode::Ok;
  auto session = open_session(command, options.aws, exit_code);
  if (!session) return exit_code;
  r53::Client route53 = session->route53();
  auto zone = route53.get_hosted_zone({options.zone_id});
  if (!zone) return report_aws_error(command, zone.error());
  return run(options, route53, zone->zone);
}

}  // namespace

void setup_zone_command(CLI::App& app, ExitCode& exit_code) {
  CLI::App* zone = app.add_subcommand("zone", "Export or import a Route 53 hosted zone (BIND zone files)");
  zone->require_subcommand(1);
  auto options = std::make_shared<ZoneOptions>();

  CLI::App* exp = zone->add_subcommand("export", "Print a hosted zone's records as a BIND zone file or JSON");
  add_aws_options(*exp, options->aws);
  exp->add_option("--zone-id", options->zone_id, "Hosted zone id (Z... or /hostedzone/Z...)")->required();
  std::map<std::string, ZoneFormat> formats{{"bind", ZoneFormat::Bind}, {"json", ZoneFormat::Json}};
  exp->add_option("--format", options->format, "bind (default) or json")->transform(CLI::CheckedTransformer(formats, CLI::ignore_case));
  exp->callback([options, &exit_code] { exit_code = run_on_zone("zone export", *options, run_export); });

  CLI::App* imp = zone->add_subcommand("import",
                                       "Create (or upsert) a BIND zone file's records in a hosted zone, in requests filled "
                                       "to the Route 53 limits, then wait for INSYNC");
  add_aws_options(*imp, options->aws);
  imp->add_option("--zone-id", options->zone_id, "Hosted zone id (Z... or /hostedzone/Z...)")->required();
  imp->add_option("--file", options->file, "BIND zone file")->required()->check(CLI::ExistingFile);
  imp->add_flag("--dry-run", options->dry_run, "Print the batches; change nothing");
  // Hidden (empty group): only bench/aws uses them, to compare with 100 changes per request.
  imp->add_option("--max-changes-per-request", options->max_changes_per_request, "Cap on changes per request (bench)")
      ->check(CLI::Range(1, 1000))
      ->group("");
  imp->add_flag("--wait-each-request", options->wait_each_request, "Wait for INSYNC after each request (bench)")->group("");
  imp->callback([options, &exit_code] { exit_code = run_on_zone("zone import", *options, run_import); });
}

}  // namespace cutover::cli
