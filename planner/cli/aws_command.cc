// `cutover aws whoami`: the account and ARN the tool acts as, and where the
// credentials and endpoints come from (GetCallerIdentity needs no permission).

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <iostream>

#include "planner/cli/aws_cli.h"
#include "planner/cli/commands.h"

namespace cutover::cli {
namespace {

struct WhoamiOptions {
  AwsCliOptions aws{};
  bool json{false};
};

ExitCode run_whoami(const WhoamiOptions& options) {
  ExitCode exit_code = ExitCode::Ok;
  auto session = open_session("aws whoami", options.aws, exit_code);
  if (!session) return exit_code;
  auto who = session->sts().get_caller_identity();
  if (!who) return report_aws_error("aws whoami", who.error());
  if (options.json) {
    nlohmann::json out{{"account", who->account},
                       {"arn", who->arn},
                       {"user_id", who->user_id},
                       {"profile", session->profile()},
                       {"region", session->region()},
                       {"credentials", session->credential_source()},
                       {"sts_endpoint", session->endpoint(aws::Service::Sts).url}};
    std::cout << out.dump(2) << "\n";
    return ExitCode::Ok;
  }
  std::cout << "Account:     " << who->account << "\n"
            << "ARN:         " << who->arn << "\n"
            << "User id:     " << who->user_id << "\n"
            << "Profile:     " << session->profile() << " (credentials from " << session->credential_source() << ")\n"
            << "Region:      " << session->region() << "\n"
            << "STS endpoint " << session->endpoint(aws::Service::Sts).url << "\n";
  return ExitCode::Ok;
}

}  // namespace

void setup_aws_command(CLI::App& app, ExitCode& exit_code) {
  CLI::App* aws = app.add_subcommand("aws", "AWS account helpers");
  aws->require_subcommand(1);
  auto options = std::make_shared<WhoamiOptions>();
  CLI::App* whoami = aws->add_subcommand("whoami", "Show the AWS account and ARN cutover acts as (STS GetCallerIdentity)");
  add_aws_options(*whoami, options->aws);
  whoami->add_flag("--json", options->json, "Print JSON");
  whoami->callback([options, &exit_code] { exit_code = run_whoami(*options); });
}

}  // namespace cutover::cli
