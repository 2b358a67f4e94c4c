// Client::apply_changes: full batches submitted back to back, then one wait
// until every change is INSYNC. On real Route 53 a change takes tens of
// seconds to be INSYNC; waiting after each request made an import of 2,345
// records 24 waits long, where submitting first and waiting once costs one.

#include <algorithm>
#include <string>

#include "aws/route53.h"

namespace cutover::aws::route53 {
namespace {

// The batches of one call, what Route 53 answered for each, and how far the
// wait has come: batches [0, synced) are known INSYNC. Waits go in
// submission order and poll each change until it is INSYNC, never after.
class BatchRun {
 public:
  BatchRun(const Client& client, Clock& clock, const ApplyOptions& options, std::vector<std::vector<Change>> batches, size_t total)
      : client_(client), clock_(clock), options_(options), batches_(std::move(batches)), total_(total) {}

  Result<std::vector<ChangeInfo>> run(const HostedZoneId& id) {
    for (size_t i = 0; i < batches_.size(); ++i) {
      bool hold = options_.insync == InsyncWait::AfterEachRequest || (options_.insync == InsyncWait::OncePerCall && depends_on_pending(i));
      if (hold) {
        if (auto waited = wait_until_synced(i); !waited) return std::unexpected(waited.error());
      }
      auto info = submit(id, i);
      if (!info) return std::unexpected(with_context(info.error(), i));
      infos_.push_back(*info);
      report(i, BatchProgress::Event::Submitted);
    }
    if (options_.insync == InsyncWait::Never) return infos_;
    if (auto waited = wait_until_synced(infos_.size()); !waited) return std::unexpected(waited.error());
    return infos_;
  }

 private:
  Result<ChangeInfo> submit(const HostedZoneId& id, size_t i) {
    auto info = client_.change_resource_record_sets(id, batches_[i], options_.comment);
    // Still refused after the client's backoff while our own earlier batches
    // are PENDING: wait for them, then send it once more. The refusal means
    // nothing was applied, so this is safe even for CREATE and DELETE.
    if (!info && info.error().aws_code == "PriorRequestNotComplete" && synced_ < i && options_.insync != InsyncWait::Never) {
      if (auto waited = wait_until_synced(i); !waited) return std::unexpected(waited.error());
      info = client_.change_resource_record_sets(id, batches_[i], options_.comment);
    }
    return info;
  }

  bool depends_on_pending(size_t i) const {
    for (size_t k = synced_; k < i; ++k) {
      if (depends_on(batches_[i], batches_[k])) return true;
    }
    return false;
  }

  // Waits until batches [0, n) are INSYNC, all within one deadline.
  Result<void> wait_until_synced(size_t n) {
    auto give_up_at = clock_.now() + options_.wait.deadline;
    for (; synced_ < n; ++synced_) {
      if (infos_[synced_].status != ChangeStatus::InSync) {
        WaitOptions wait = options_.wait;
        wait.deadline =
            std::max(std::chrono::milliseconds(0), std::chrono::duration_cast<std::chrono::milliseconds>(give_up_at - clock_.now()));
        auto info = client_.wait_for_change(infos_[synced_].id, wait);
        if (!info && info.error().aws_code == "WaitTimeout") {
          info.error().message = "change " + infos_[synced_].id.value + " (batch " + std::to_string(synced_ + 1) + "/" +
                                 std::to_string(batches_.size()) + ") still PENDING after " +
                                 std::to_string(options_.wait.deadline.count() / 1000) + " s";
        }
        if (!info) return std::unexpected(info.error());
        infos_[synced_] = *info;
      }
      done_ += batches_[synced_].size();
      report(synced_, BatchProgress::Event::InSync);
    }
    return {};
  }

  void report(size_t i, BatchProgress::Event event) const {
    if (!options_.on_progress) return;
    options_.on_progress({.event = event,
                          .batch = i + 1,
                          .batches = batches_.size(),
                          .changes_done = done_,
                          .changes_total = total_,
                          .change = infos_[i].id,
                          .status = infos_[i].status});
  }

  // The failure of batch i, saying what was accepted before it: those
  // changes are in the zone (or on their way) and a rerun sees them.
  Error with_context(Error error, size_t i) const {
    if (batches_.size() > 1) {
      error.message = "batch " + std::to_string(i + 1) + "/" + std::to_string(batches_.size()) + ": " + error.message + " (" +
                      std::to_string(i) + (i == 1 ? " batch" : " batches") + " accepted before it)";
    }
    return error;
  }

  const Client& client_;
  Clock& clock_;
  const ApplyOptions& options_;
  std::vector<std::vector<Change>> batches_;
  size_t total_;
  std::vector<ChangeInfo> infos_{};
  size_t synced_{0};
  size_t done_{0};
};

}  // namespace

Result<std::vector<ChangeInfo>> Client::apply_changes(const HostedZoneId& id, std::vector<Change> changes,
                                                      const ApplyOptions& options) const {
  size_t total = changes.size();
  auto batches = split_into_batches(std::move(changes), options.limits);
  if (!batches) return std::unexpected(batches.error());
  return BatchRun(*this, client_.clock(), options, std::move(*batches), total).run(id);
}

}  // namespace cutover::aws::route53
