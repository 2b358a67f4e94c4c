#pragma once
// CloudWatch (Query protocol, Version 2010-08-01, signing name "monitoring"):
// DescribeAlarms, the one call a weighted shift needs to learn whether an
// alarm it watches is firing. Bodies are built and parsed by free functions,
// testable without HTTP.
//
//   cloudwatch::Client cw(session.service_client(Service::CloudWatch));
//   auto alarms = cw.describe_alarms({"shop-5xx"});   // every named alarm that exists

#include <string>
#include <string_view>
#include <vector>

#include "aws/query_request.h"
#include "aws/result.h"
#include "aws/service_client.h"

namespace cutover::aws::cloudwatch {

/// An alarm's state as CloudWatch reports it.
enum class AlarmState { Ok, Alarm, InsufficientData, Unknown };

/// "OK", "ALARM", "INSUFFICIENT_DATA"; "UNKNOWN" for a value this client does not know.
std::string_view to_string(AlarmState state);

struct Alarm {
  std::string name{};
  AlarmState state{AlarmState::Unknown};
  std::string state_text{};  // StateValue as sent, for evidence when it is not one we know
  std::string reason{};      // StateReason
  std::string updated{};     // StateUpdatedTimestamp (ISO 8601)
  bool composite{false};
};

struct AlarmPage {
  std::vector<Alarm> alarms{};
  std::string next_token{};  // empty on the last page
};

/// DescribeAlarms for these names (metric and composite alarms), from `next_token`.
QueryRequest describe_alarms_query(const std::vector<std::string>& names, std::string_view next_token = {});
/// Parses DescribeAlarmsResponse: MetricAlarms and CompositeAlarms members. Corrupt when it is not one.
Result<AlarmPage> parse_describe_alarms(std::string_view xml);

/// CloudWatch calls over a ServiceClient.
class Client {
 public:
  explicit Client(ServiceClient client) : client_(std::move(client)) {}
  /// Every alarm of `names` that exists (an unknown name is simply absent),
  /// following NextToken.
  Result<std::vector<Alarm>> describe_alarms(const std::vector<std::string>& names) const;

 private:
  ServiceClient client_;
};

}  // namespace cutover::aws::cloudwatch
