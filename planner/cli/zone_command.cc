// `cutover zone export|import`: a Route 53 hosted zone to and from a BIND
// zone file (or JSON for export). Import sends CREATEs (sets the zone lacks)
// and UPSERTs (sets that differ) in batches within the
// Route 53 limits, one batch at a time, waiting for INSYNC, with progress on
// stderr; --dry-run prints the batches instead.

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
};

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

ExitCode run_export(const ZoneOptions& options) {
  ExitCode exit_code = ExitCode::Ok;
  auto session = open_session("zone export", options.aws, exit_code);
  if (!session) return exit_code;
  r53::Client route53 = session->route53();
  auto zone = route53.get_hosted_zone({options.zone_id});
  if (!zone) return report_aws_error("zone export", zone.error());
  auto records = route53.list_all_records(zone->zone.id);
  if (!records) return report_aws_error("zone export", records.error());
  if (options.format == ZoneFormat::Json) {
    nlohmann::json out{{"zone_id", zone->zone.id.value}, {"name", zone->zone.name}, {"records", nlohmann::json::array()}};
    for (const r53::RecordSet& r : *records) out["records"].push_back(record_json(r));
    std::cout << out.dump(2) << "\n";
    return ExitCode::Ok;
  }
  std::vector<std::string> notes;
  std::cout << "; zone " << zone->zone.name << " (" << zone->zone.id.value << "), " << records->size()
            << " record sets, exported by cutover\n"
            << planner::write_bind_zone(*records, zone->zone.name, notes);
  for (const std::string& note : notes) std::cerr << "cutover zone export: note: " << note << "\n";
  return ExitCode::Ok;
}

void print_dry_run(const planner::ImportPlan& plan) {
  auto batches = planner::import_batches(plan);
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

ExitCode run_import(const ZoneOptions& options) {
  ExitCode exit_code = ExitCode::Ok;
  auto session = open_session("zone import", options.aws, exit_code);
  if (!session) return exit_code;
  r53::Client route53 = session->route53();
  auto zone = route53.get_hosted_zone({options.zone_id});
  if (!zone) return report_aws_error("zone import", zone.error());
  auto zone_name = planner::name_from_route53(zone->zone.name);
  if (!zone_name) return report_planner_error(zone_name.error());
  auto file = planner::read_zone_rrsets(options.file, *zone_name);
  if (!file) return report_planner_error(file.error());
  for (const std::string& note : file->notes) std::cerr << "cutover zone import: note: " << note << "\n";
  auto current = route53.list_all_records(zone->zone.id);
  if (!current) return report_aws_error("zone import", current.error());
  auto planned = planner::plan_import(file->rrsets, *current, *zone_name);
  if (!planned) return report_planner_error(planned.error());
  const planner::ImportPlan& plan = *planned;
  if (!plan.outside.empty()) {
    std::cerr << "cutover zone import: " << options.file << " has " << plan.outside.size() << " names outside " << zone->zone.name
              << " (first: " << plan.outside.front() << "); is it the file of another zone?\n";
    return ExitCode::Usage;
  }
  for (const std::string& skipped : plan.skipped) std::cerr << "cutover zone import: skipped " << skipped << "\n";
  auto creates = std::ranges::count_if(plan.changes, [](const r53::Change& c) { return c.action == r53::ChangeAction::Create; });
  std::cerr << "cutover zone import: " << creates << " record sets to create, " << plan.changes.size() - creates << " to upsert, "
            << plan.unchanged << " already as in the file\n";
  if (options.dry_run) {
    print_dry_run(plan);
    return ExitCode::Ok;
  }
  if (plan.changes.empty()) return ExitCode::Ok;
  auto applied = route53.apply_changes(zone->zone.id, plan.changes,
                                       {.comment = "cutover zone import", .on_progress = [](const r53::BatchProgress& p) {
                                          std::cerr << "cutover zone import: batch " << p.batch << "/" << p.batches << " change "
                                                    << p.change.value << (p.status == r53::ChangeStatus::InSync ? " INSYNC" : " PENDING")
                                                    << " (" << p.changes_done << "/" << p.changes_total << " record sets done)\n";
                                        }});
  if (!applied) return report_aws_error("zone import", applied.error());
  std::cout << "imported " << plan.changes.size() << " record sets into " << zone->zone.name << " (" << zone->zone.id.value << ") in "
            << applied->size() << " batches, all INSYNC\n";
  return ExitCode::Ok;
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
  exp->callback([options, &exit_code] { exit_code = run_export(*options); });

  CLI::App* imp = zone->add_subcommand("import",
                                       "Upsert a BIND zone file's records into a hosted zone, in batches, "
                                       "waiting for INSYNC");
  add_aws_options(*imp, options->aws);
  imp->add_option("--zone-id", options->zone_id, "Hosted zone id (Z... or /hostedzone/Z...)")->required();
  imp->add_option("--file", options->file, "BIND zone file")->required()->check(CLI::ExistingFile);
  imp->add_flag("--dry-run", options->dry_run, "Print the batches; change nothing");
  imp->callback([options, &exit_code] { exit_code = run_import(*options); });
}

}  // namespace cutover::cli
