// The orderings zero downtime needs, checked on the example plans in plans/.
#include <gtest/gtest.h>

#include <algorithm>
#include <initializer_list>

#include "planner/plan/parser.h"
#include "planner/planner.h"

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;

struct Planned {
  Plan plan;
  Facts facts;
  StepGraph graph;
  std::vector<ScheduledStep> schedule;

  std::size_t position(const std::string& id) const {
    for (std::size_t i = 0; i < schedule.size(); ++i) {
      if (schedule[i].step->id.value == id) return i;
    }
    ADD_FAILURE() << "no step " << id;
    return schedule.size();
  }
  const ScheduledStep& at(const std::string& id) const { return schedule.at(position(id)); }
  /// Whether the steps are scheduled in this order, naming the first pair that is not.
  ::testing::AssertionResult in_order(std::initializer_list<std::string> ids) const {
    for (auto first = ids.begin(), second = first + 1; second != ids.end(); ++first, ++second) {
      if (position(*first) >= position(*second)) return ::testing::AssertionFailure() << *first << " is not before " << *second;
    }
    return ::testing::AssertionSuccess();
  }
  bool has(const std::string& id) const { return graph.find(step_id(id)) != nullptr; }
};

Planned plan_file(const std::string& name, void (*edit)(Plan&) = nullptr) {
  auto plan = load_plan(std::string(CUTOVER_SOURCE_DIR "/plans/") + name);
  EXPECT_TRUE(plan.has_value()) << name;
  if (edit != nullptr) edit(*plan);
  Planned out{.plan = *plan, .facts = assumed_facts(*plan), .graph = {}, .schedule = {}};
  auto graph = build_steps(out.plan, out.facts);
  EXPECT_TRUE(graph.has_value());
  out.graph = std::move(*graph);
  out.schedule = out.graph.schedule().value();
  return out;
}

bool has_gate(const Step& step, GateKind kind) {
  return std::ranges::any_of(step.gates, [&](const Gate& g) { return g.kind == kind; });
}

TEST(NameserverSwitch, NewZoneCompleteAndTtlWaitedOutBeforeTheSwitch) {
  auto p = plan_file("s1-account-move.json");
  EXPECT_TRUE(p.in_order({"zone.new.create", "switch.copy-records", "switch.lower-ns-ttl", "switch.registrar"}));
  const Step& registrar = *p.at("switch.registrar").step;
  EXPECT_TRUE(has_gate(registrar, GateKind::ZoneParity));
  EXPECT_TRUE(has_gate(registrar, GateKind::Authoritative));
  EXPECT_TRUE(has_gate(registrar, GateKind::NoDsAtParent));
  EXPECT_TRUE(std::holds_alternative<SetDelegation>(registrar.actions.at(0)));
  // The OLD NS TTL (172800 s assumed) plus margin passes between lowering and switching.
  auto lowered = p.at("switch.lower-ns-ttl").finish;
  EXPECT_GE(p.at("switch.registrar").start - lowered, 172800s + 300s);
}

TEST(NameserverSwitch, WindowRetentionAndTtlRestore) {
  auto p = plan_file("s1-account-move.json");
  auto verified = p.at("switch.verify-parent").finish;
  EXPECT_EQ(p.at("switch.window-end").start - verified, 172800s + 300s);
  EXPECT_LT(p.position("switch.window-end"), p.position("switch.restore-ns-ttl"));
  EXPECT_EQ(p.at("switch.retire-old-zone").start - p.at("switch.window-end").finish, 604800s);
  // Undoing the restore: caches hold the raised TTL (172800 s), so the steps beneath wait that long.
  EXPECT_EQ(p.at("switch.restore-ns-ttl").step->rollback.settles_in, 172800s + 300s);
  const Step& retire = *p.at("switch.retire-old-zone").step;
  EXPECT_FALSE(retire.rollback.possible);
  // The switch can be undone for as long as the old zone lives.
  EXPECT_EQ(p.at("switch.registrar").step->rollback.safe_for, 172800s + 300s + 604800s);
}

TEST(NameserverSwitch, ADsAtTheParentIsCalledOut) {
  auto p = plan_file("s1-account-move.json", [](Plan& plan) { plan.assume.ds_at_parent = true; });
  const Step& ready = *p.at("switch.verify-ready").step;
  ASSERT_FALSE(ready.notes.empty());
  EXPECT_NE(ready.notes.back().find("DS is present"), std::string::npos);
  auto handled =
      plan_file("s1-account-move.json", [](Plan& plan) { std::get<NameserverSwitch>(plan.strategies[0]).dnssec_handled = true; });
  const auto& gates = handled.at("switch.verify-ready").step->gates;
  auto ds = std::ranges::find_if(gates, [](const Gate& g) { return g.kind == GateKind::NoDsAtParent; });
  ASSERT_NE(ds, gates.end());
  EXPECT_EQ(ds->expected, "allowed");
  // Allowed only while the servers the switch hands over to serve a key the DS names.
  auto to = std::get<NameserverSwitch>(handled.plan.strategies[0]).to_zone;
  EXPECT_EQ(ds->zones, std::vector<std::string>{to});
}

TEST(NameserverSwitch, AParentZoneWeHoldHasItsDelegationTtlLoweredToo) {
  auto p = plan_file("lab-example-test.json");
  const Step& lower = *p.at("switch.lower-ns-ttl").step;
  ASSERT_EQ(lower.actions.size(), 3u);
  EXPECT_EQ(std::get<ChangeRecords>(lower.actions[2]).zone, "tld");
  // Window: parent 10 s, old zone 10 s (both under the 30 s target), records 5 s, margin 2 s.
  EXPECT_EQ(p.at("switch.window-end").start - p.at("switch.verify-parent").finish, 12s);
}

TEST(SubDelegation, ChildDelegatedFromBothParentsBeforeTheSwitch) {
  auto p = plan_file("s2-subdelegation.json");
  EXPECT_TRUE(p.in_order({"zone.dev.create", "subdelegation.dev.copy", "subdelegation.dev.verify-child", "subdelegation.dev.delegate.old",
                          "subdelegation.dev.verify-parents", "switch.registrar"}));
  EXPECT_TRUE(p.in_order({"zone.new.create", "subdelegation.dev.delegate.new", "subdelegation.dev.verify-parents"}));
  const Step& verify = *p.at("subdelegation.dev.verify-parents").step;
  EXPECT_EQ(std::ranges::count_if(verify.gates, [](const Gate& g) { return g.kind == GateKind::ReferralToChild; }), 2);
  // The new zone does not get the dev records: only the delegation.
  // Between accounts the health checks the records name are recreated first, and deleted by the undo.
  const Step& copy_step = *p.at("switch.copy-records").step;
  ASSERT_EQ(copy_step.actions.size(), 2u);
  const auto& checks = std::get<CopyHealthChecks>(copy_step.actions.at(0));
  const auto& copy = std::get<CopyRecords>(copy_step.actions.at(1));
  EXPECT_EQ(checks.copy.health_check_prefix, copy.health_check_prefix);
  EXPECT_TRUE(copy.health_check_prefix.starts_with("cutover-hc-")) << copy.health_check_prefix;
  EXPECT_EQ(copy.health_check_prefix.size(), 20u);  // + a 36-character id: within Route 53's 64
  ASSERT_EQ(copy_step.rollback.actions.size(), 1u);
  EXPECT_EQ(std::get<DeleteHealthChecks>(copy_step.rollback.actions[0]).reference_prefix, copy.health_check_prefix);
  ASSERT_EQ(copy.skip_below.size(), 1u);
  EXPECT_EQ(copy.skip_below[0].text(), "dev.example.com.");
  // The occluded records go only after the window, so the delegation stays easy to undo.
  EXPECT_LT(p.position("switch.window-end"), p.position("subdelegation.dev.remove-occluded"));
}

TEST(DomainTransfer, AfterTheSwitchWithinThreeDaysAndDelegationUnchanged) {
  auto p = plan_file("s3-domain-transfer.json");
  EXPECT_LT(p.position("switch.verify-parent"), p.position("transfer.check-idle"));
  EXPECT_LT(p.position("transfer.initiate"), p.position("transfer.accept"));
  EXPECT_EQ(p.at("transfer.accept").step->deadline, 72h);
  const Step& verify = *p.at("transfer.verify-delegation").step;
  ASSERT_EQ(verify.gates.size(), 1u);
  EXPECT_EQ(verify.gates[0].kind, GateKind::ParentDelegatesTo);
  EXPECT_EQ(verify.gates[0].expected, "new");
  // Cancelling the transfer also turns the lock back on in the sending account.
  const auto& undo = p.at("transfer.initiate").step->rollback.actions;
  ASSERT_EQ(undo.size(), 2u);
  EXPECT_TRUE(std::holds_alternative<CancelTransfer>(undo[0]));
  EXPECT_EQ(std::get<LockTransfer>(undo[1]).account, "old");
  // The lock the transfer needed off goes back on in the receiving account, once the transfer is through.
  EXPECT_LT(p.position("transfer.wait-operation"), p.position("transfer.lock"));
  const Step& relock = *p.at("transfer.lock").step;
  ASSERT_EQ(relock.actions.size(), 1u);
  const auto& lock = std::get<LockTransfer>(relock.actions[0]);
  EXPECT_EQ(lock.account, "new");
  EXPECT_EQ(lock.domain.text(), "example.com.");
}

TEST(DomainTransfer, BeforeTheSwitchHoldsTheSwitchBack) {
  auto p = plan_file("s3-domain-transfer.json",
                     [](Plan& plan) { std::get<DomainTransfer>(plan.strategies[1]).timing = TransferTiming::BeforeSwitch; });
  EXPECT_LT(p.position("transfer.verify-delegation"), p.position("switch.registrar"));
  EXPECT_EQ(p.at("transfer.verify-delegation").step->gates[0].expected, "old");
}

TEST(DbPointer, OldDatabaseUntilTheWindowEndsThenSwitchVerified) {
  auto p = plan_file("s4-db-pointer.json");
  EXPECT_TRUE(p.in_order({"db.db.example.com.pin-old", "switch.registrar"}));
  EXPECT_TRUE(p.in_order({"switch.window-end", "db.db.example.com.new-available", "db.db.example.com.switch"}));
  const Step& pin = *p.at("db.db.example.com.pin-old").step;
  ASSERT_EQ(pin.actions.size(), 2u);  // both zones change together during the switch
  const Step& flip = *p.at("db.db.example.com.switch").step;
  EXPECT_TRUE(has_gate(flip, GateKind::ClusterAvailable));
  ASSERT_EQ(flip.waits.size(), 1u);
  EXPECT_EQ(flip.waits[0].delay, 300s + 300s);  // the old pointer TTL, then margin
  const auto& change = std::get<ChangeRecords>(flip.actions[0]).changes.at(0);
  EXPECT_EQ(change.set.ttl, 60u);
  EXPECT_EQ(change.set.values.at(0), "prod.cluster-cn3w.eu-west-1.rds.amazonaws.com");
  EXPECT_EQ(flip.check_after.at(0).kind, GateKind::RecordAnswers);
}

TEST(DbPointer, DailyCloneWaitsForAvailabilityBeforePointing) {
  auto p = plan_file("s4-db-pointer.json", [](Plan& plan) {
    auto& db = std::get<DbPointer>(plan.strategies[1]);
    db.mode = DbPointerMode::DailyClone;
    db.source_cluster = "prod";
    db.clean_aborted = true;
  });
  EXPECT_TRUE(p.in_order({"db.db.example.com.clone", "db.db.example.com.instance"}));
  EXPECT_TRUE(p.in_order({"db.db.example.com.available", "db.db.example.com.ready", "db.db.example.com.switch"}));
  // Availability is a verification step: the executor polls it until the clone is up.
  EXPECT_TRUE(p.at("db.db.example.com.available").step->actions.empty());
  EXPECT_TRUE(has_gate(*p.at("db.db.example.com.available").step, GateKind::ClusterAvailable));
  EXPECT_LT(p.position("db.db.example.com.connected"), p.position("db.db.example.com.clean"));
  // The replaced clone is deleted only after resolvers stop using it.
  EXPECT_GE(p.at("db.db.example.com.clean").start - p.at("db.db.example.com.switch").finish, 300s + 300s);
  // The switch is checked in DNS: every server answers the clone's endpoint, known only when it runs.
  const auto& after = p.at("db.db.example.com.switch").step->check_after;
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0].kind, GateKind::RecordAnswers);
  EXPECT_TRUE(after[0].expected_is_cluster);
  EXPECT_EQ(after[0].expected, "prod-YYYYMMDD");
  // The switch is not rolled back automatically (nor said to be: no silent "nothing to do").
  const Rollback& undo = p.at("db.db.example.com.switch").step->rollback;
  EXPECT_FALSE(undo.possible);
  EXPECT_NE(undo.description.find("by hand"), std::string::npos) << undo.description;
}

TEST(Zones, CreatedZonesUseADeterministicCallerReference) {
  auto first = plan_file("s2-subdelegation.json");
  auto second = plan_file("s2-subdelegation.json");
  const auto& a = std::get<CreateZone>(first.at("zone.dev.create").step->actions.at(0));
  const auto& b = std::get<CreateZone>(second.at("zone.dev.create").step->actions.at(0));
  EXPECT_EQ(a.caller_reference, b.caller_reference);
  EXPECT_EQ(a.caller_reference, "cutover-example.com-dev");
}

}  // namespace
}  // namespace cutover::planner

namespace cutover::planner {
namespace {

TEST(NameserverSwitch, LoweringNeverRaisesATtlAlreadyBelowTheTarget) {
  // The lab plan assumes NS TTLs of 10 s and lowers "to" 30 s: nothing may go up.
  auto plan = load_plan(CUTOVER_SOURCE_DIR "/plans/lab-example-test.json").value();
  auto facts = assumed_facts(plan);
  auto graph = build_steps(plan, facts).value();
  const Step* lower = graph.find(step_id("switch.lower-ns-ttl"));
  ASSERT_NE(lower, nullptr);
  for (const auto& action : lower->actions) {
    EXPECT_EQ(std::get<ChangeRecords>(action).changes.at(0).set.ttl, 10u);
  }
}

}  // namespace
}  // namespace cutover::planner

namespace cutover::planner {
namespace {

std::vector<std::string> record_zones(const std::vector<Action>& actions) {
  std::vector<std::string> out;
  for (const auto& a : actions) {
    if (const auto* records = std::get_if<ChangeRecords>(&a)) out.push_back(records->zone);
  }
  return out;
}

const RecordSet& first_set(const Action& action) { return std::get<ChangeRecords>(action).changes.at(0).set; }

TEST(NameserverSwitch, LoweringTheNsTtlIsUndoneInBothZones) {
  auto p = plan_file("s1-account-move.json");
  const Step& lower = *p.at("switch.lower-ns-ttl").step;
  ASSERT_EQ(lower.rollback.actions.size(), 2u);
  EXPECT_EQ(record_zones(lower.rollback.actions), (std::vector<std::string>{"new", "old"}));
  for (const auto& undo : lower.rollback.actions) {
    EXPECT_EQ(first_set(undo).type, dns::RecordType::NS);
    EXPECT_EQ(first_set(undo).ttl, 172800u);  // the assumed NS TTL of each zone before the lowering
    EXPECT_TRUE(first_set(undo).keep_values);
  }
  // With the parent in the plan, its delegation TTL is restored too, first.
  auto lab = plan_file("lab-example-test.json");
  EXPECT_EQ(record_zones(lab.at("switch.lower-ns-ttl").step->rollback.actions), (std::vector<std::string>{"tld", "new", "old"}));
}

TEST(DbPointer, PinSwitchAndRestoreAreUndoneInBothZones) {
  auto p = plan_file("s4-db-pointer.json");
  struct Case {
    const char* step;
    std::uint32_t ttl;
    const char* target;
  };
  for (const Case& c : {Case{"db.db.example.com.pin-old", 300, "prod.cluster-c0ld.eu-west-1.rds.amazonaws.com"},
                        Case{"db.db.example.com.switch", 60, "prod.cluster-c0ld.eu-west-1.rds.amazonaws.com"},
                        Case{"db.db.example.com.restore-ttl", 60, "prod.cluster-cn3w.eu-west-1.rds.amazonaws.com"}}) {
    const Rollback& r = p.at(c.step).step->rollback;
    ASSERT_EQ(r.actions.size(), 2u) << c.step;
    EXPECT_EQ(record_zones(r.actions), (std::vector<std::string>{"new", "old"})) << c.step;  // the reverse of the forward order
    for (const auto& undo : r.actions) {
      EXPECT_EQ(first_set(undo).ttl, c.ttl) << c.step;
      EXPECT_EQ(first_set(undo).values, std::vector<std::string>{c.target}) << c.step;
    }
  }
}

// Whatever the strategy: a step that changes records in several zones is
// undone in each of them, the last changed first.
TEST(Rollbacks, EveryZoneAStepChangesIsUndoneInReverse) {
  for (const char* file :
       {"lab-example-test.json", "s1-account-move.json", "s2-subdelegation.json", "s3-domain-transfer.json", "s4-db-pointer.json"}) {
    auto p = plan_file(file);
    for (const auto& scheduled : p.schedule) {
      const Step& step = *scheduled.step;
      auto forward = record_zones(step.actions);
      if (forward.empty() || !step.rollback.possible || step.rollback.actions.empty()) continue;
      std::ranges::reverse(forward);
      EXPECT_EQ(record_zones(step.rollback.actions), forward) << file << ": " << step.id.value;
    }
  }
}

}  // namespace
}  // namespace cutover::planner
