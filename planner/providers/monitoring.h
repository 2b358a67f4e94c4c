#pragma once
// What a weighted shift's health gates ask: a Route 53 health check's status
// and a CloudWatch alarm's state, in one account. The AWS implementation is
// in aws_monitoring.h; tests use a fake.

#include <optional>
#include <string>
#include <vector>

#include "planner/result.h"

namespace cutover::planner {

/// A health check as Route 53 judges it now.
struct HealthCheckState {
  bool healthy{false};
  std::size_t checkers{0};    // observations reported
  std::size_t succeeding{0};  // of them, reporting success
  std::string sample{};       // one failing checker's status, for evidence ("" when none fails)
};

enum class AlarmLevel { Ok, Alarm, InsufficientData, Unknown };

/// A CloudWatch alarm's state now.
struct AlarmStatus {
  AlarmLevel level{AlarmLevel::Unknown};
  std::string state{};   // as CloudWatch says it ("ALARM")
  std::string reason{};  // StateReason
  std::string since{};   // StateUpdatedTimestamp
};

class Monitoring {
 public:
  virtual ~Monitoring() = default;
  /// The health check's state; Provider error when it cannot be asked or does not exist.
  virtual Result<HealthCheckState> health_check(const std::string& id) = 0;
  /// The alarm's state; nullopt when no alarm has that name; Provider error when it cannot be asked.
  virtual Result<std::optional<AlarmStatus>> alarm(const std::string& name) = 0;
};

}  // namespace cutover::planner
