#include "planner/cli/aws_cli.h"

#include <CLI/CLI.hpp>

#include <iostream>

namespace cutover::cli {

void add_aws_options(CLI::App& command, AwsCliOptions& options) {
  command.add_option("--profile", options.profile, "AWS profile (default: AWS_PROFILE, else \"default\")");
  command.add_option("--region", options.region, "AWS region for regional services (default: as the AWS CLI)");
  command.add_option("--endpoint-url", options.endpoint_url,
                     "Send every AWS call to this URL (default: AWS_ENDPOINT_URL[_<SERVICE>], config)");
}

std::unique_ptr<aws::Session> open_session(const std::string& command, const AwsCliOptions& options, ExitCode& exit_code) {
  aws::SessionOptions session_options;
  if (!options.profile.empty()) session_options.profile = options.profile;
  if (!options.region.empty()) session_options.region = options.region;
  if (!options.endpoint_url.empty()) session_options.endpoints.all = options.endpoint_url;
  session_options.on_retry = [command](const aws::RetryEvent& event) {
    std::cerr << "cutover " << command << ": " << event.operation << " failed (" << aws::describe(event.error) << "), retrying in "
              << event.delay.count() << " ms\n";
  };
  auto session = aws::Session::create(std::move(session_options));
  if (!session) {
    // A profile that does not exist or cannot be used is a bad argument: nothing was sent.
    bool usage = session.error().code == aws::ErrorCode::Invalid || session.error().code == aws::ErrorCode::NotFound;
    exit_code = usage ? ExitCode::Usage : ExitCode::Failure;
    std::cerr << "cutover " << command << ": " << aws::describe(session.error()) << "\n";
    return nullptr;
  }
  return std::move(*session);
}

ExitCode report_aws_error(const std::string& command, const aws::Error& error) {
  std::cerr << "cutover " << command << ": " << aws::describe(error) << "\n";
  return error.code == aws::ErrorCode::Invalid && error.http_status == 0 ? ExitCode::Usage : ExitCode::Failure;
}

}  // namespace cutover::cli
