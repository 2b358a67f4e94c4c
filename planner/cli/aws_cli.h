#pragma once
// What the AWS-facing subcommands (aws, zone) share: the common options
// (--profile, --region, --endpoint-url), building a Session from them with
// retries reported on stderr, and turning an aws::Error into a message and
// an exit code.

#include <memory>
#include <optional>
#include <string>

#include "aws/session.h"
#include "planner/cli/exit_code.h"

namespace CLI {
class App;
}

namespace cutover::cli {

/// Options every AWS subcommand takes.
struct AwsCliOptions {
  std::string profile{};
  std::string region{};
  std::string endpoint_url{};
};

/// Registers --profile, --region and --endpoint-url on a subcommand.
void add_aws_options(CLI::App& command, AwsCliOptions& options);

/// A Session for the options; prints the reason and returns nullptr on failure
/// (exit_code set: Usage for a missing or unusable profile, Failure otherwise).
std::unique_ptr<aws::Session> open_session(const std::string& command, const AwsCliOptions& options, ExitCode& exit_code);

/// Prints "cutover <command>: <error>" on stderr and returns the exit code for it.
ExitCode report_aws_error(const std::string& command, const aws::Error& error);

}  // namespace cutover::cli
