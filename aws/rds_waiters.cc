// Waiting for RDS resources, with the success and failure statuses of
// botocore's waiters (DBClusterAvailable, DBInstanceAvailable, *Deleted).

#include <algorithm>
#include <array>

#include "aws/rds.h"

namespace cutover::aws::rds {
namespace {

constexpr std::array<std::string_view, 6> kFailed = {"deleted", "deleting", "failed", "incompatible-restore",
                                                     "incompatible-parameters", "cloning-failed"};

PollVerdict judge_status(const std::string& status) {
  if (status == "available") return PollVerdict::Done;
  if (std::ranges::find(kFailed, status) != kFailed.end()) return PollVerdict::Failed;
  return PollVerdict::Continue;
}

// "Gone" is success for the deletion waiters: NotFound becomes a value.
Result<std::string> status_or_gone(Result<std::string> status) {
  if (!status && status.error().code == ErrorCode::NotFound) return std::string("gone");
  return status;
}

}  // namespace

Result<DbCluster> Client::wait_for_cluster_available(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  return poll_until<DbCluster>(
      client_.clock(), options, "cluster " + name,
      [&]() -> Result<DbCluster> {
        auto page = describe_db_clusters({.identifier = name});
        if (!page) return std::unexpected(page.error());
        if (page->clusters.empty()) return fail(ErrorCode::NotFound, "cluster " + name + " not listed");
        return page->clusters.front();
      },
      [](const DbCluster& c) { return judge_status(c.status); }, [](const DbCluster& c) { return c.status; });
}

Result<DbInstance> Client::wait_for_instance_available(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  return poll_until<DbInstance>(
      client_.clock(), options, "instance " + name,
      [&]() -> Result<DbInstance> {
        auto page = describe_db_instances({.identifier = name});
        if (!page) return std::unexpected(page.error());
        if (page->instances.empty()) return fail(ErrorCode::NotFound, "instance " + name + " not listed");
        return page->instances.front();
      },
      [](const DbInstance& i) { return judge_status(i.status); }, [](const DbInstance& i) { return i.status; });
}

Result<void> Client::wait_for_cluster_deleted(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  auto done = poll_until<std::string>(
      client_.clock(), options, "deleting cluster " + name,
      [&]() -> Result<std::string> {
        auto page = describe_db_clusters({.identifier = name});
        if (!page) return status_or_gone(std::unexpected(page.error()));
        return page->clusters.empty() ? std::string("gone") : page->clusters.front().status;
      },
      [](const std::string& s) { return s == "gone" ? PollVerdict::Done : PollVerdict::Continue; },
      [](const std::string& s) { return s; });
  if (!done) return std::unexpected(done.error());
  return {};
}

Result<void> Client::wait_for_instance_deleted(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  auto done = poll_until<std::string>(
      client_.clock(), options, "deleting instance " + name,
      [&]() -> Result<std::string> {
        auto page = describe_db_instances({.identifier = name});
        if (!page) return status_or_gone(std::unexpected(page.error()));
        return page->instances.empty() ? std::string("gone") : page->instances.front().status;
      },
      [](const std::string& s) { return s == "gone" ? PollVerdict::Done : PollVerdict::Continue; },
      [](const std::string& s) { return s; });
  if (!done) return std::unexpected(done.error());
  return {};
}

}  // namespace cutover::aws::rds
