// Waiting for RDS resources, with the success and failure statuses of
// botocore's waiters (DBClusterAvailable, DBInstanceAvailable, *Deleted).

#include <algorithm>
#include <array>

#include "aws/rds.h"

namespace cutover::aws::rds {
namespace {

constexpr std::array<std::string_view, 6> kFailed = {
    "deleted", "deleting", "failed", "incompatible-restore", "incompatible-parameters", "cloning-failed"};

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

// The cluster and instance waiters differ only in the Describe call and the
// page member that lists what it found; `what` is "cluster <id>" or "instance <id>".
template <class Describe, class Page, class Item>
Result<Item> first_listed(const Describe& describe, std::vector<Item> Page::*listed, const std::string& what) {
  Result<Page> page = describe();
  if (!page) return std::unexpected(page.error());
  if (((*page).*listed).empty()) return fail(ErrorCode::NotFound, what + " not listed");
  return ((*page).*listed).front();
}

template <class Describe, class Page, class Item>
Result<Item> wait_available(Clock& clock, const PollOptions& options, const std::string& what, Describe describe,
                            std::vector<Item> Page::*listed) {
  return poll_until<Item>(
      clock, options, what, [&] { return first_listed(describe, listed, what); },
      [](const Item& item) { return judge_status(item.status); }, [](const Item& item) { return item.status; });
}

// Not listed, or NotFound from the call itself, both mean deleted.
template <class Describe, class Page, class Item>
Result<void> wait_deleted(Clock& clock, const PollOptions& options, const std::string& what, Describe describe,
                          std::vector<Item> Page::*listed) {
  auto done = poll_until<std::string>(
      clock, options, "deleting " + what,
      [&]() -> Result<std::string> {
        auto item = first_listed(describe, listed, what);
        if (!item) return status_or_gone(std::unexpected(item.error()));
        return item->status;
      },
      [](const std::string& s) { return s == "gone" ? PollVerdict::Done : PollVerdict::Continue; }, [](const std::string& s) { return s; });
  if (!done) return std::unexpected(done.error());
  return {};
}

}  // namespace

Result<DbCluster> Client::wait_for_cluster_available(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  return wait_available(
      client_.clock(), options, "cluster " + name, [&] { return describe_db_clusters({.identifier = name}); }, &ClusterPage::clusters);
}

Result<DbInstance> Client::wait_for_instance_available(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  return wait_available(
      client_.clock(), options, "instance " + name, [&] { return describe_db_instances({.identifier = name}); }, &InstancePage::instances);
}

Result<void> Client::wait_for_cluster_deleted(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  return wait_deleted(
      client_.clock(), options, "cluster " + name, [&] { return describe_db_clusters({.identifier = name}); }, &ClusterPage::clusters);
}

Result<void> Client::wait_for_instance_deleted(std::string_view id, const PollOptions& options) const {
  std::string name(id);
  return wait_deleted(
      client_.clock(), options, "instance " + name, [&] { return describe_db_instances({.identifier = name}); }, &InstancePage::instances);
}

}  // namespace cutover::aws::rds
