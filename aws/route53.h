#pragma once
// Route 53 (rest-xml, always signed for us-east-1) over a ServiceClient.
//
//   route53::Client r53(session.service_client(Service::Route53));
//   auto zone = r53.create_hosted_zone({.name = "example.net", .caller_reference = "cutover-..."});
//   auto records = r53.list_all_records(zone->zone.id);
//   r53.apply_changes(zone->zone.id, changes, {.on_progress = ...});   // full batches, one INSYNC wait

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

#include "aws/result.h"
#include "aws/route53_batches.h"
#include "aws/route53_health_checks.h"
#include "aws/route53_types.h"
#include "aws/service_client.h"

namespace cutover::aws::route53 {

/// How GetChange is polled: delays grow from `first` by `factor` up to `max`,
/// until `deadline` has passed since the first poll.
struct WaitOptions {
  std::chrono::milliseconds first{std::chrono::seconds{2}};
  std::chrono::milliseconds max{std::chrono::seconds{15}};
  double factor{1.5};
  std::chrono::milliseconds deadline{std::chrono::minutes{10}};
};

/// Progress of apply_changes, for the CLI to show: one report when a batch
/// is submitted, one when it is known to be INSYNC (in submission order).
struct BatchProgress {
  enum class Event { Submitted, InSync };
  Event event{Event::Submitted};
  size_t batch{0};  // 1-based
  size_t batches{0};
  size_t changes_done{0};  // changes of the batches INSYNC so far (this one included once INSYNC)
  size_t changes_total{0};
  ChangeId change{};
  ChangeStatus status{ChangeStatus::Pending};
};

/// When apply_changes waits for INSYNC.
enum class InsyncWait {
  OncePerCall,       // submit every batch, then wait once until all are INSYNC
  AfterEachRequest,  // wait for each batch before sending the next (cli53's way; bench/aws compares)
  Never,             // return once submitted
};

/// Options of apply_changes.
struct ApplyOptions {
  std::string comment{};
  BatchLimits limits{};
  InsyncWait insync{InsyncWait::OncePerCall};
  WaitOptions wait{};  // its deadline covers each wait: all the changes it waits for
  std::function<void(const BatchProgress&)> on_progress{};
};

/// Route 53 calls.
class Client {
 public:
  explicit Client(ServiceClient client) : client_(std::move(client)) {}

  /// Creates a zone, or returns the zone already created with the same
  /// caller_reference (without ChangeInfo): repeating a create is safe.
  Result<ZoneDetails> create_hosted_zone(const CreateZoneRequest& request) const;
  /// The zone and its name servers; NotFound when it does not exist.
  Result<ZoneDetails> get_hosted_zone(const HostedZoneId& id) const;
  /// One page of zones sorted by reversed name, starting at dns_name (and id).
  Result<ZonePage> list_hosted_zones_by_name(std::string_view dns_name = {}, std::string_view zone_id = {}, int max_items = 100) const;
  /// Every hosted zone of the account, following NextDNSName/NextHostedZoneId.
  Result<std::vector<HostedZone>> list_all_hosted_zones() const;
  /// Every zone whose name is exactly `name` (several may share a name).
  Result<std::vector<HostedZone>> find_zones_by_name(std::string_view name) const;
  /// One page of records from `start`.
  Result<RecordPage> list_resource_record_sets(const HostedZoneId& id, const RecordCursor& start = {}, int max_items = 300) const;
  /// All records of the zone, following NextRecordName/Type/Identifier.
  Result<std::vector<RecordSet>> list_all_records(const HostedZoneId& id, int page_size = 300) const;
  /// Submits one batch as it is (see apply_changes for splitting). Sent
  /// again after an ambiguous failure only when every change is an UPSERT.
  Result<ChangeInfo> change_resource_record_sets(const HostedZoneId& id, const std::vector<Change>& batch,
                                                 std::string_view comment = {}) const;
  /// The status of a change.
  Result<ChangeInfo> get_change(const ChangeId& id) const;
  /// Polls until INSYNC; Transport-free Error with code Service and aws_code
  /// "WaitTimeout" when the deadline passes first.
  Result<ChangeInfo> wait_for_change(const ChangeId& id, const WaitOptions& options = {}) const;
  /// Splits into batches filled to the limits (ordered for aliases), submits
  /// them one after the other and (by default) then waits once until every
  /// one is INSYNC, polling each change until it is. A batch is held back
  /// until the earlier ones are INSYNC only when it depends on them (an
  /// alias and its target in different batches), or when Route 53 still
  /// refuses it with PriorRequestNotComplete after the client's retries
  /// (a refused request was not applied: sending it again is safe).
  /// Returns the ChangeInfo of every batch; stops at the first failure,
  /// whose message says how many batches were accepted before it.
  Result<std::vector<ChangeInfo>> apply_changes(const HostedZoneId& id, std::vector<Change> changes,
                                                const ApplyOptions& options = {}) const;
  /// Adds and removes tags of a hosted zone.
  Result<void> change_tags(const HostedZoneId& id, const std::vector<Tag>& add, const std::vector<std::string>& remove_keys = {}) const;
  /// Deletes an (empty but for apex SOA/NS) zone; Conflict HostedZoneNotEmpty otherwise.
  Result<ChangeInfo> delete_hosted_zone(const HostedZoneId& id) const;

  /// Creates a health check, or returns the one already created with this
  /// caller_reference and the same settings (Conflict
  /// HealthCheckAlreadyExists when its settings differ).
  Result<HealthCheck> create_health_check(std::string_view caller_reference, const HealthCheckConfig& config) const;
  /// One health check; NotFound when it does not exist.
  Result<HealthCheck> get_health_check(std::string_view id) const;
  /// Every health check of the account, following NextMarker.
  Result<std::vector<HealthCheck>> list_all_health_checks() const;
  /// The health check created with this caller_reference, if any.
  Result<std::optional<HealthCheck>> find_health_check(std::string_view caller_reference) const;
  /// Deletes a health check; success when it is gone already. (Route 53
  /// deletes a check that record sets still name; they then count as healthy.)
  Result<void> delete_health_check(std::string_view id) const;

 private:
  Result<HttpResponse> call(ServiceCall call) const { return client_.call(call); }
  Result<std::optional<ZoneDetails>> find_created_zone(const CreateZoneRequest& request) const;
  ServiceClient client_;
};

}  // namespace cutover::aws::route53
