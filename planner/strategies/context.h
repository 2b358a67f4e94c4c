#pragma once
// What the strategies share while they turn a plan into steps: the plan, the
// facts, the graph being built, and the anchors one strategy leaves for
// another (the NS switch waits for the sub-delegation; the database waits for
// the window).

#include <optional>
#include <string>
#include <vector>

#include "planner/plan/plan.h"
#include "planner/steps/facts.h"
#include "planner/steps/step_graph.h"

namespace cutover::planner::strategies {

struct Anchors {
  std::vector<StepId> before_switch{};                // the switch may run only after these
  std::vector<dns::DomainName> delegated_children{};  // left out of the copy into the new zone
  std::optional<StepId> records_copied{};             // the new zone holds the old zone's records
  std::optional<StepId> switch_ready{};               // the last check before the switch
  std::optional<StepId> switch_step{};                // the registrar switch itself
  std::optional<StepId> switch_verified{};            // every parent server delegates to the new set
  std::optional<StepId> window_end{};                 // both zones may diverge after this
  std::optional<StepId> ttl_lowered{};                // NS TTLs lowered in both zones
  std::vector<StepId> after_window{};                 // steps that must also wait for the window's end
};

struct Context {
  const Plan& plan;
  const Facts& facts;
  StepGraph& graph;
  Anchors anchors{};

  /// The step that creates zone `key`, if the plan creates it.
  std::optional<StepId> creation_of(const std::string& key) const;
  const Zone& zone(const std::string& key) const { return plan.zones.at(key); }
  /// The lowered TTL for a strategy: its own override or /safety/lower_ttl_to.
  std::uint32_t lower_to(std::optional<std::uint32_t> override_ttl) const;
  /// The nameserver switch of the plan, if any.
  const NameserverSwitch* nameserver_switch() const;
};

/// Makes the nameserver switch wait for `id`, whether or not the switch's steps exist yet.
void require_before_switch(Context& ctx, const StepId& id);

/// Adds `id` to `deps` if present.
void depend_on(std::vector<StepId>& deps, const std::optional<StepId>& id);

/// The actions of a copy step: `copy` alone, or, between Route 53 zones of
/// two accounts, CopyHealthChecks first (copy.health_check_prefix set), with
/// the undo that deletes the checks it made and what the undo says.
struct CopySteps {
  std::vector<Action> actions{};
  std::vector<Action> undo{};
  std::string undo_description{};  // "" when nothing is undone
};
CopySteps copy_actions(const Context& ctx, CopyRecords copy);

/// A gate for people and the executor, in one call.
Gate gate(GateKind kind, std::string description, std::vector<std::string> zones = {});

// Strategy builders, run in this order by build_steps(): zones first, then the
// sub-delegations (the switch needs them), the switch, the transfer and the
// database pointers (which need the switch's anchors).
void add_zone_steps(Context& ctx);
void add_sub_delegation_steps(Context& ctx, const SubDelegation& strategy);
void add_nameserver_switch_steps(Context& ctx, const NameserverSwitch& strategy);
void add_domain_transfer_steps(Context& ctx, const DomainTransfer& strategy);
void add_db_pointer_steps(Context& ctx, const DbPointer& strategy);
void add_weighted_shift_steps(Context& ctx, const WeightedShift& strategy);
/// `ordinal`: how many records strategies on the same zone come before it (step ids stay distinct).
void add_records_steps(Context& ctx, const BulkRecords& strategy, std::size_t ordinal);

}  // namespace cutover::planner::strategies
