#include "aws/cloudwatch.h"

#include "aws/xml.h"

namespace cutover::aws::cloudwatch {
namespace {

constexpr std::string_view kVersion = "2010-08-01";

AlarmState parse_state(std::string_view text) {
  if (text == "OK") return AlarmState::Ok;
  if (text == "ALARM") return AlarmState::Alarm;
  if (text == "INSUFFICIENT_DATA") return AlarmState::InsufficientData;
  return AlarmState::Unknown;
}

void read_alarms(const tinyxml2::XMLElement* list, bool composite, std::vector<Alarm>& out) {
  for (const auto* member : children(list, "member")) {
    Alarm alarm{.name = child_text(member, "AlarmName"),
                .state_text = child_text(member, "StateValue"),
                .reason = child_text(member, "StateReason"),
                .updated = child_text(member, "StateUpdatedTimestamp"),
                .composite = composite};
    alarm.state = parse_state(alarm.state_text);
    out.push_back(std::move(alarm));
  }
}

}  // namespace

std::string_view to_string(AlarmState state) {
  switch (state) {
    case AlarmState::Ok: return "OK";
    case AlarmState::Alarm: return "ALARM";
    case AlarmState::InsufficientData: return "INSUFFICIENT_DATA";
    case AlarmState::Unknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

QueryRequest describe_alarms_query(const std::vector<std::string>& names, std::string_view next_token) {
  QueryRequest request("DescribeAlarms", kVersion);
  request.add_list("AlarmNames", "member", names);
  // Without AlarmTypes only metric alarms are described: a composite alarm
  // named in the plan would look absent.
  request.add_list("AlarmTypes", "member", {"MetricAlarm", "CompositeAlarm"});
  if (!next_token.empty()) request.add("NextToken", next_token);
  return request;
}

Result<AlarmPage> parse_describe_alarms(std::string_view xml) {
  return read_root<AlarmPage>(xml, "DescribeAlarmsResponse", [](const tinyxml2::XMLElement* root) -> Result<AlarmPage> {
    const auto* result = child(root, "DescribeAlarmsResult");
    if (result == nullptr) return fail(ErrorCode::Corrupt, "DescribeAlarmsResponse has no DescribeAlarmsResult");
    AlarmPage page;
    read_alarms(child(result, "MetricAlarms"), false, page.alarms);
    read_alarms(child(result, "CompositeAlarms"), true, page.alarms);
    page.next_token = child_text(result, "NextToken");
    return page;
  });
}

Result<std::vector<Alarm>> Client::describe_alarms(const std::vector<std::string>& names) const {
  std::vector<Alarm> out;
  std::string token;
  do {
    auto response = client_.call(describe_alarms_query(names, token).call(/*idempotent=*/true));
    if (!response) return std::unexpected(response.error());
    auto page = parse_describe_alarms(response->body);
    if (!page) return std::unexpected(page.error());
    out.insert(out.end(), page->alarms.begin(), page->alarms.end());
    token = page->next_token;
  } while (!token.empty());
  return out;
}

}  // namespace cutover::aws::cloudwatch
