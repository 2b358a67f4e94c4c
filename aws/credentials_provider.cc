#include "aws/credentials_provider.h"

namespace cutover::aws {

Result<Credentials> CachingCredentialsProvider::credentials() {
  std::lock_guard lock(mutex_);
  bool fresh = cached_ && (!cached_->expiration || clock_.now() + refresh_before_ < *cached_->expiration);
  if (fresh) return *cached_;
  Result<Credentials> fetched = fetch_();
  if (!fetched) return fetched;
  cached_ = *fetched;
  return fetched;
}

}  // namespace cutover::aws
