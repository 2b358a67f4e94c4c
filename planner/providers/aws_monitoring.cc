#include "planner/providers/aws_monitoring.h"

#include <set>

#include "aws/cloudwatch.h"
#include "aws/route53_health_status.h"
#include "planner/providers/route53_records.h"

namespace cutover::planner {
namespace {

AlarmLevel level_of(aws::cloudwatch::AlarmState state) {
  switch (state) {
    case aws::cloudwatch::AlarmState::Ok: return AlarmLevel::Ok;
    case aws::cloudwatch::AlarmState::Alarm: return AlarmLevel::Alarm;
    case aws::cloudwatch::AlarmState::InsufficientData: return AlarmLevel::InsufficientData;
    case aws::cloudwatch::AlarmState::Unknown: return AlarmLevel::Unknown;
  }
  return AlarmLevel::Unknown;
}

class AwsMonitoring final : public Monitoring {
 public:
  explicit AwsMonitoring(std::shared_ptr<aws::Session> session)
      : session_(std::move(session)),
        health_(session_->service_client(aws::Service::Route53)),
        alarms_(session_->service_client(aws::Service::CloudWatch)) {}

  Result<HealthCheckState> health_check(const std::string& id) override {
    auto status = health_.get_health_check_status(id);
    if (!status) return std::unexpected(provider_error("GetHealthCheckStatus " + id, status.error()));
    HealthCheckState out{.healthy = status->healthy(), .checkers = status->observations.size(), .succeeding = status->succeeding()};
    for (const auto& o : status->observations) {
      if (!o.success) {
        out.sample = o.region + " " + o.ip_address + ": " + o.status;
        break;
      }
    }
    return out;
  }

  Result<std::optional<AlarmStatus>> alarm(const std::string& name) override {
    auto alarms = alarms_.describe_alarms({name});
    if (!alarms) return std::unexpected(provider_error("DescribeAlarms " + name, alarms.error()));
    for (const auto& a : *alarms) {
      if (a.name != name) continue;
      return std::optional<AlarmStatus>(
          AlarmStatus{.level = level_of(a.state), .state = a.state_text, .reason = a.reason, .since = a.updated});
    }
    return std::optional<AlarmStatus>{};
  }

 private:
  std::shared_ptr<aws::Session> session_;
  aws::route53::HealthStatusClient health_;
  aws::cloudwatch::Client alarms_;
};

}  // namespace

std::vector<std::string> monitored_accounts(const Plan& plan) {
  std::set<std::string> out;
  for (const auto& strategy : plan.strategies) {
    const auto* s = std::get_if<WeightedShift>(&strategy);
    if (s == nullptr || (s->health_checks.empty() && s->alarms.empty())) continue;
    if (!s->monitor_account.empty()) {
      out.insert(s->monitor_account);
    } else if (auto zone = plan.zones.find(s->zone); zone != plan.zones.end()) {
      if (const auto* r53 = std::get_if<Route53Zone>(&zone->second.provider)) out.insert(r53->account);
    }
  }
  return {out.begin(), out.end()};
}

Result<std::unique_ptr<Monitoring>> aws_monitoring(const Plan& plan, const std::string& account_key, AwsSessions& sessions) {
  auto account = plan.accounts.find(account_key);
  if (account == plan.accounts.end()) return fail(ErrorCode::Invalid, "no account '" + account_key + "' in the plan");
  auto session = sessions.get(account_key, account->second);
  if (!session) return std::unexpected(session.error());
  return std::unique_ptr<Monitoring>(std::make_unique<AwsMonitoring>(*session));
}

}  // namespace cutover::planner
