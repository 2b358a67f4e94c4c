#pragma once
// Steps: what a cutover does, one provider action (or none, for a pure check)
// at a time, with the gates that must hold before it runs, the wait before it
// may start, the check after, and how to undo it.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"
#include "planner/providers/rrset.h"
#include "planner/steps/bulk_records.h"
#include "planner/steps/timing.h"
#include "planner/steps/weights.h"

namespace cutover::planner {

/// A step's identifier, stable across plan and apply ("zone.new.create").
struct StepId {
  std::string value{};
  friend auto operator<=>(const StepId&, const StepId&) = default;
};

/// Where the values of a record set come from when they are not literal.
enum class ValuesFrom {
  Literal,          // `values` as given
  ZoneNameservers,  // the name servers of `values_zone` (known once the zone exists)
  ClusterEndpoint,  // the writer endpoint of database cluster `values_zone`
};

struct RecordSet {
  dns::DomainName name{};
  dns::RecordType type{dns::RecordType::A};
  std::uint32_t ttl{300};
  std::vector<std::string> values{};
  ValuesFrom values_from{ValuesFrom::Literal};
  std::string values_zone{};     // zone key (ZoneNameservers) or cluster id (ClusterEndpoint)
  std::string values_account{};  // account of the cluster (ClusterEndpoint)
  /// Keep the values the zone holds now; change only the TTL.
  bool keep_values{false};
};

struct RecordChange {
  ChangeKind kind{ChangeKind::Upsert};
  RecordSet set{};
};

// The actions, one type each. `zone` and `account` are keys into the plan.
struct CreateZone {
  std::string zone{};
  dns::DomainName name{};
  std::string caller_reference{};
};
struct CopyRecords {
  std::string from_zone{};
  std::string to_zone{};
  std::optional<dns::DomainName> only_below{};  // copy only this subtree
  std::vector<dns::DomainName> skip_below{};    // names left to child zones
  /// Health checks named by the copied sets are the target account's copies
  /// made with CallerReference `health_check_prefix` + the source id
  /// (CopyHealthChecks); empty: the ids are carried as they are.
  std::string health_check_prefix{};
};
/// Recreates in the target zone's account every health check the sets of
/// `copy` name (children of calculated checks first), each with
/// CallerReference copy.health_check_prefix + its id in the source account.
struct CopyHealthChecks {
  CopyRecords copy{};
};
/// Deletes the health checks of `zone`'s account whose CallerReference
/// starts with `reference_prefix`: those a CopyHealthChecks of this plan made.
struct DeleteHealthChecks {
  std::string zone{};
  std::string reference_prefix{};
};
struct ChangeRecords {
  std::string zone{};
  std::vector<RecordChange> changes{};
  std::string comment{};
};
struct SetDelegation {
  dns::DomainName domain{};
  std::string nameservers_of_zone{};
  std::uint32_t ttl{0};
};
struct TransferDomain {
  dns::DomainName domain{};
  std::string from_account{};
  std::string to_account{};
};
struct AcceptTransfer {
  dns::DomainName domain{};
  std::string account{};
};
struct CancelTransfer {
  dns::DomainName domain{};
  std::string account{};
};
struct LockTransfer {
  dns::DomainName domain{};
  std::string account{};
};  // the registrar's transfer lock, on
struct DeleteZone {
  std::string zone{};
};
struct DeleteRecordsBelow {
  std::string zone{};
  dns::DomainName below{};
  bool keep_delegation{true};
};
struct CloneCluster {
  std::string account{};
  std::string source_cluster{};
  std::string clone_name{};
};
struct CreateInstance {
  std::string account{};
  std::string cluster{};
  std::string instance{};
  std::string instance_class{};
};
/// A daily clone's lifecycle, kept in its cluster's tag "cutover:lifecycle".
/// It only moves forward: Created, Ready, Connected; Aborted ends it.
enum class CloneStage { Created, Ready, Connected, Aborted };
/// "created", "ready", "connected", "aborted": the tag's values.
std::string_view to_string(CloneStage stage);
/// The stage a tag value names; nullopt for any other value.
std::optional<CloneStage> parse_clone_stage(std::string_view text);
struct TagCluster {
  std::string account{};
  std::string cluster{};
  CloneStage stage{CloneStage::Ready};
};
struct DeleteAbortedClones {
  std::string account{};
  std::string prefix{};
};

using Action = std::variant<CreateZone, CopyRecords, CopyHealthChecks, DeleteHealthChecks, ChangeRecords, SetDelegation, TransferDomain,
                            AcceptTransfer, CancelTransfer, LockTransfer, DeleteZone, DeleteRecordsBelow, CloneCluster, CreateInstance,
                            TagCluster, DeleteAbortedClones, SetWeights, SnapshotRecords, ApplyRecords, RestoreRecords>;

enum class GateKind {
  ZoneParity,          // two zones answer identically on every authoritative server
  Authoritative,       // every server of a zone answers its NS and SOA with AA
  ParentDelegatesTo,   // every server of the parent hands out the NS set of a zone
  ReferralToChild,     // every server of parent zones refers names below a child to it
  NoDsAtParent,        // no DS record at the parent (or DNSSEC is handled)
  TtlAtMost,           // every authoritative server shows the RRset with TTL <= value
  RecordAnswers,       // every authoritative server answers the record with a value
  DomainIdle,          // the registrar has no operation in progress for the domain
  OperationSucceeded,  // a registrar operation reached SUCCESSFUL
  ClusterAvailable,    // a database cluster and its instances are `available`
  ResolversAgree,      // the sampled resolvers answer the expected value
  WeightsAre,          // the provider's API shows the weighted sets of a name with the weights of a step
  WeightedAnswers,     // every authoritative server answers a weighted name in proportion to the weights
  HealthCheckHealthy,  // a Route 53 health check is healthy (GetHealthCheckStatus)
  AlarmNotFiring,      // a CloudWatch alarm is not in ALARM (DescribeAlarms)
  RecordsAsPlanned,    // every authoritative server answers each of `records` as planned
};

/// "zone-parity", "authoritative", ... (plan output, journal, evidence).
std::string_view to_string(GateKind kind);

/// A check run with live DNS queries or a provider API.
struct Gate {
  GateKind kind{GateKind::ZoneParity};
  std::string description{};         // for people: what is checked, where
  std::vector<std::string> zones{};  // zone keys involved (parity: old then new)
  std::optional<dns::DomainName> name{};
  std::optional<dns::RecordType> type{};
  std::string expected{};  // value, zone key or cluster, by kind
  std::optional<std::uint32_t> ttl{};
  /// Parity: names at or below these are left out (child zones, checked by referral gates).
  std::vector<dns::DomainName> exclude_below{};
  /// RecordAnswers: `expected` names a database cluster (YYYYMMDD: the run's
  /// date) whose writer endpoint is the expected answer, known only at run time.
  bool expected_is_cluster{false};
  /// WeightsAre, WeightedAnswers: the sets and weights expected.
  std::optional<WeightCheck> weights{};
  /// HealthCheckHealthy, AlarmNotFiring: the account whose API is asked (`expected`: the id or name).
  std::string account{};
  /// RecordsAsPlanned: each name's expected answer.
  std::vector<ExpectedRecord> records{};
};

/// The earliest start of a step: `delay` after `after` finished.
struct Wait {
  StepId after{};
  Seconds delay{0};
  std::string reason{};  // "parent NS TTL 172800 s + margin 300 s"
};

struct Rollback {
  std::string description{};
  /// The undo, one action per forward action it reverses, in the order they
  /// run (normally the reverse of the step's). Empty: nothing to undo.
  std::vector<Action> actions{};
  /// How long after the step finished undoing stays safe; nullopt = any time.
  std::optional<Seconds> safe_for{};
  std::string safe_reason{};
  /// When the undo reaches every resolver, in words.
  std::string takes_effect{};
  bool possible{true};
  /// How long after the undo until every resolver has it (a cached answer's
  /// TTL + margin). The rollback waits that long before undoing the steps
  /// before it: meanwhile resolvers may still rely on what they set up.
  std::optional<Seconds> settles_in{};
};

struct Step {
  StepId id{};
  std::string title{};
  std::string strategy{};         // "nameserver-switch", or "zones" for shared steps
  std::vector<Action> actions{};  // none: a pure verification step
  std::vector<Gate> gates{};
  std::vector<StepId> depends_on{};
  std::vector<Wait> waits{};
  std::optional<Seconds> deadline{};  // must run within this time after its first dependency
  std::string deadline_reason{};
  std::vector<Gate> check_after{};
  Rollback rollback{};
  Seconds expected_duration{Seconds{10}};  // the action's own time (API, INSYNC)
  std::vector<std::string> notes{};
  /// When this step's gates do not hold (a definite failure, not an
  /// undecided one) and the plan asks for it, the step to undo at once: the
  /// step whose effect the gates found bad (a weighted shift's previous weights).
  std::optional<StepId> undo_on_gate_failure{};
};

/// "zone.new.create"-style id.
StepId step_id(std::string value);

}  // namespace cutover::planner
