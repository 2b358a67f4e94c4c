#pragma once
// The plan model: what the user wants, as parsed and validated from the plan
// file (plans/README.md documents the JSON). Every field is typed; text is
// converted only by the parser.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "dns/domain_name.h"
#include "planner/plan/records_spec.h"
#include "planner/plan/weighted_shift.h"

namespace cutover::planner {

using Seconds = std::chrono::seconds;

/// An AWS account as the tool reaches it.
struct Account {
  std::string profile{};                  // AWS profile name
  std::optional<std::string> role_arn{};  // role to assume with the profile's credentials
  std::optional<std::string> external_id{};
  std::string region{"us-east-1"};
  std::optional<std::string> endpoint_url{};  // e.g. a local emulator
  std::optional<std::string> account_id{};    // 12 digits; learned from STS when absent
};

/// A Route 53 hosted zone: an existing one by id, or one the plan creates.
struct Route53Zone {
  std::string account{};                        // key into Plan::accounts
  std::optional<std::string> hosted_zone_id{};  // absent = create
  std::vector<std::string> servers{};           // addresses to verify; empty: resolve the zone's NS names
};

/// A zone on standard servers, changed with RFC 2136 UPDATE signed with TSIG.
struct Rfc2136Zone {
  std::vector<std::string> primaries{};        // where UPDATE and AXFR go ("127.0.30.1", "192.0.2.1@5353")
  std::vector<dns::DomainName> nameservers{};  // the zone's NS set, as published
  std::vector<std::string> servers{};          // every authoritative server address to verify
  std::string tsig_key_file{};
};

enum class ZoneProvider { Route53, Rfc2136 };

struct Zone {
  std::string key{};  // the plan's own name for it ("old", "new", "dev")
  dns::DomainName name{};
  std::variant<Route53Zone, Rfc2136Zone> provider{};
  bool created_by_plan() const;
  ZoneProvider provider_kind() const;
};

/// Who holds the delegation of the domain.
struct Route53DomainsRegistrar {
  std::string account{};
};
struct ParentZoneRegistrar {
  std::string zone{};  // key into Plan::zones
};
using RegistrarSpec = std::variant<Route53DomainsRegistrar, ParentZoneRegistrar>;

struct SubDelegation {
  dns::DomainName child{};
  std::string child_zone{};            // key of the zone that will hold the child
  std::vector<std::string> parents{};  // keys of every parent zone that must delegate (old and new)
  std::string copy_from{};             // parent zone whose records under the child are copied
  bool remove_occluded{false};         // delete the parent's records under the child once delegated
};

struct NameserverSwitch {
  std::string from_zone{};
  std::string to_zone{};
  std::optional<std::uint32_t> lower_ttl_to{};  // overrides safety.lower_ttl_to
  std::optional<std::uint32_t> restore_ttl{};   // NS TTL after the window; default: the observed/assumed one
  bool copy_records{true};
  bool dnssec_handled{false};   // a DS at the parent is acceptable
  bool retire_old_zone{false};  // delete the old zone after window + retention
};

enum class TransferTiming { AfterSwitch, BeforeSwitch };

struct DomainTransfer {
  std::string from_account{};
  std::string to_account{};
  TransferTiming timing{TransferTiming::AfterSwitch};
};

enum class DbPointerMode { Migrate, DailyClone };

struct DbPointer {
  dns::DomainName name{};
  std::string zone{};
  DbPointerMode mode{DbPointerMode::Migrate};
  std::string old_target{};                     // migrate: the current endpoint
  std::string new_target{};                     // migrate: the endpoint after the switch
  std::string account{};                        // account of the database(s)
  std::optional<std::string> new_cluster{};     // migrate: cluster that must be available first
  std::optional<std::string> source_cluster{};  // daily-clone: cluster to clone
  std::string instance_class{"db.r6g.large"};   // daily-clone
  bool clean_aborted{false};                    // daily-clone: delete aborted clones
  std::optional<std::uint32_t> lower_ttl_to{};
};

using Strategy = std::variant<SubDelegation, NameserverSwitch, DomainTransfer, DbPointer, WeightedShift, BulkRecords>;

struct Verification {
  std::vector<std::string> parent_servers{};  // empty = walk from the root hints
  std::optional<std::string> root_hints{};
  std::vector<std::string> resolvers{};
  std::chrono::milliseconds timeout{2000};
  int attempts{3};
};

struct Safety {
  std::uint32_t lower_ttl_to{300};
  Seconds margin{300};
  Seconds retention{Seconds{7 * 24 * 3600}};
};

/// TTLs to use where nothing is observed (offline planning).
struct Assumptions {
  std::uint32_t parent_ns_ttl{172800};
  std::uint32_t zone_ns_ttl{172800};
  std::uint32_t max_record_ttl{3600};
  std::uint32_t db_pointer_ttl{300};
  bool ds_at_parent{false};
};

struct Plan {
  dns::DomainName domain{};
  std::map<std::string, Account> accounts{};
  std::map<std::string, Zone> zones{};
  std::optional<RegistrarSpec> registrar{};
  std::vector<Strategy> strategies{};
  Verification verification{};
  Safety safety{};
  Assumptions assume{};
};

/// The name a strategy has in the plan file ("nameserver-switch").
std::string_view strategy_type_name(const Strategy& strategy);

/// The CallerReference with which the plan creates Route 53 zone `key`:
/// derived from the plan alone, so a rerun finds the zone it created.
std::string zone_caller_reference(const Plan& plan, const std::string& key);

/// The CallerReference prefix of the health checks this plan recreates for
/// zone `key`: "cutover-hc-" + 8 hex digits of the plan's domain and the key
/// + "-"; a check's reference adds its source id (56 of Route 53's 64 characters).
std::string health_check_reference_prefix(const Plan& plan, const std::string& key);

}  // namespace cutover::planner
