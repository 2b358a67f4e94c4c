#pragma once
// Where a client gets its credentials for each request: fixed keys, or
// temporary ones that are refreshed before they expire (AssumeRole).

#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>

#include "aws/clock.h"
#include "aws/credentials.h"
#include "aws/result.h"

namespace cutover::aws {

/// Supplies credentials; called before every signed request.
class CredentialsProvider {
 public:
  virtual ~CredentialsProvider() = default;
  /// Valid credentials, or Auth/Io/Invalid when none can be had.
  virtual Result<Credentials> credentials() = 0;
};

/// Always the same keys (environment, profile files).
class StaticCredentialsProvider final : public CredentialsProvider {
 public:
  explicit StaticCredentialsProvider(Credentials credentials) : credentials_(std::move(credentials)) {}
  Result<Credentials> credentials() override { return credentials_; }

 private:
  Credentials credentials_;
};

/// Fetches temporary credentials with `fetch` and reuses them until
/// `refresh_before` their expiration (botocore refreshes 15 minutes before).
class CachingCredentialsProvider final : public CredentialsProvider {
 public:
  using Fetch = std::function<Result<Credentials>()>;
  CachingCredentialsProvider(Fetch fetch, Clock& clock, std::chrono::minutes refresh_before = std::chrono::minutes{15})
      : fetch_(std::move(fetch)), clock_(clock), refresh_before_(refresh_before) {}

  /// The cached credentials, or new ones when there are none or they expire soon.
  Result<Credentials> credentials() override;

 private:
  Fetch fetch_;
  Clock& clock_;
  std::chrono::minutes refresh_before_;
  std::mutex mutex_;
  std::optional<Credentials> cached_{};
};

}  // namespace cutover::aws
