// S5, the weighted shift: the plan section, the steps it makes, the pure
// parts of its gates and action, and runs of it on fake zones (resume after
// a crash, a gate that trips and the rollback to the last weights that held).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <functional>

#include "planner/gates/weight_sampling.h"
#include "planner/plan/parser.h"
#include "planner/run/failure_rollback.h"
#include "planner/run/weight_actions.h"
#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using testing::name;

constexpr const char* kShift = R"({
  "version": 1, "domain": "example.com",
  "accounts": { "prod": { "profile": "prod" } },
  "zones": { "main": { "name": "example.com", "provider": "route53", "account": "prod", "hosted_zone_id": "Z0PROD" } },
  "strategies": [ { "type": "weighted-shift", "zone": "main", "name": "shop.example.com", "ttl": 5,
    "from": { "set_identifier": "blue", "values": ["192.0.2.41"] },
    "to": { "set_identifier": "green", "values": ["192.0.2.42"] },
    "steps": [[100, 0], [90, 10], [50, 50], [0, 100]], "soak_seconds": 3,
    "alarms": ["shop-5xx"], "on_failure": "rollback", "cleanup": true } ] })";

// The shift plan with `edit` applied to its strategy.
Result<Plan> shift_plan(const std::function<void(nlohmann::json&)>& edit = {}) {
  auto doc = nlohmann::json::parse(kShift);
  if (edit) edit(doc["strategies"][0]);
  return parse_plan(doc.dump());
}

std::vector<std::string> problems_of(const Result<Plan>& plan) {
  std::vector<std::string> out;
  if (plan) return out;
  for (const auto& p : plan.error().problems) out.push_back(to_string(p));
  return out;
}

bool any_contains(const std::vector<std::string>& lines, std::string_view text) {
  return std::ranges::any_of(lines, [&](const std::string& l) { return l.find(text) != std::string::npos; });
}

TEST(WeightedShiftPlan, ReadsEveryField) {
  auto plan = shift_plan();
  ASSERT_TRUE(plan) << ::testing::PrintToString(problems_of(plan));
  const auto& s = std::get<WeightedShift>(plan->strategies[0]);
  EXPECT_EQ(s.name, name("shop.example.com"));
  EXPECT_EQ(s.ttl, 5u);
  EXPECT_EQ(s.steps.size(), 4u);
  EXPECT_EQ(s.steps[1], (ShiftWeights{.from = 90, .to = 10}));
  EXPECT_EQ(s.from.answers, std::vector<std::string>{"192.0.2.41"});
  EXPECT_EQ(s.on_failure, ShiftFailure::Rollback);
  EXPECT_TRUE(s.cleanup);
  EXPECT_EQ(strategy_type_name(plan->strategies[0]), "weighted-shift");
}

TEST(WeightedShiftPlan, RefusesWhatItCannotCarryNamingTheField) {
  struct Case {
    std::function<void(nlohmann::json&)> edit;
    std::string problem;
  };
  const Case cases[] = {
      {[](auto& s) {
         s["steps"] = {{100, 0}, {256, 10}, {0, 100}};
       },
       "/strategies/0/steps/1/0: a weight must be an integer 0..255"},
      {[](auto& s) {
         s["steps"] = {{100, 0}};
       },
       "/strategies/0/steps: needs at least two steps"},
      {[](auto& s) {
         s["steps"] = {{50, 50}, {0, 100}};
       },
       "/strategies/0/steps/0: the first step must send every answer to 'from'"},
      {[](auto& s) {
         s["steps"] = {{100, 0}, {50, 50}};
       },
       "/strategies/0/steps/1: the last step must send every answer to 'to'"},
      {[](auto& s) {
         s["steps"] = {{100, 0}, {50, 50}, {90, 10}, {0, 100}};
       },
       "/strategies/0/steps/2: must give 'to' a larger share"},
      {[](auto& s) {
         s["steps"] = {{100, 0}, {0, 0}, {0, 100}};
       },
       "/strategies/0/steps/1: both weights are 0"},
      {[](auto& s) {
         s["steps"] = {{100, 0}, {10}, {0, 100}};
       },
       "/strategies/0/steps/1: expected [from, to]"},
      {[](auto& s) { s["to"]["set_identifier"] = "blue"; }, "/strategies/0/to/set_identifier: must differ"},
      {[](auto& s) { s["to"].erase("values"); }, "/strategies/0/to: needs values"},
      {[](auto& s) {
         s["to"]["alias"] = {{"dns_name", "lb.example.net"}, {"hosted_zone_id", "Z1"}};
       },
       "either values or an alias"},
      {[](auto& s) {
         s["to"].erase("values");
         s["to"]["alias"] = {{"dns_name", "lb.example.net"}, {"hosted_zone_id", "Z1"}};
       },
       "/strategies/0/to/answers: an alias target needs the answers"},
      {[](auto& s) { s["ttl"] = 0; }, "/strategies/0/ttl"},
      {[](auto& s) { s["on_failure"] = "pray"; }, "/strategies/0/on_failure"},
      {[](auto& s) { s["zone"] = "nope"; }, "/strategies/0/zone: names zone 'nope'"},
      {[](auto& s) { s["name"] = "shop.example.org"; }, "/strategies/0/name: shop.example.org. is not in zone 'main'"},
      {[](auto& s) { s["monitor_account"] = "ops"; }, "/strategies/0/monitor_account: names account 'ops'"},
      {[](auto& s) {
         s["name"] = "example.com";
         s["record_type"] = "CNAME";
       },
       "/strategies/0/record_type: a CNAME cannot stand at the zone apex"},
  };
  for (const auto& c : cases) {
    auto problems = problems_of(shift_plan(c.edit));
    EXPECT_TRUE(any_contains(problems, c.problem)) << c.problem << " not in " << ::testing::PrintToString(problems);
  }
}

TEST(WeightedShiftPlan, RefusesAnRfc2136Zone) {
  auto doc = nlohmann::json::parse(kShift);
  doc["zones"]["main"] = {{"name", "example.com"},
                          {"provider", "rfc2136"},
                          {"primaries", {"127.0.0.1"}},
                          {"servers", {"127.0.0.1"}},
                          {"nameservers", {"ns1.example.com"}},
                          {"tsig_key_file", "k"}};
  doc["strategies"][0].erase("alarms");
  auto problems = problems_of(parse_plan(doc.dump()));
  EXPECT_TRUE(any_contains(problems, "/strategies/0/zone: zone 'main' is an RFC 2136 zone: standard DNS servers cannot hold weighted"))
      << ::testing::PrintToString(problems);
}

StepGraph steps_of(const Plan& plan) { return build_steps(plan, assumed_facts(plan)).value(); }

TEST(WeightedShiftSteps, OneStepPerWeightsEachGatedOnThePreviousOne) {
  auto plan = shift_plan().value();
  auto graph = steps_of(plan);
  auto schedule = graph.schedule().value();
  std::vector<std::string> ids;
  for (const auto& s : schedule) ids.push_back(s.step->id.value);
  EXPECT_EQ(ids, (std::vector<std::string>{"shift.shop.example.com.weights-0", "shift.shop.example.com.weights-1",
                                           "shift.shop.example.com.weights-2", "shift.shop.example.com.weights-3",
                                           "shift.shop.example.com.verify", "shift.shop.example.com.cleanup"}));
  const Step& second = *graph.find(step_id("shift.shop.example.com.weights-2"));
  // Gates on the weights step 1 set: the API, DNS sampling, the alarm.
  ASSERT_EQ(second.gates.size(), 3u);
  EXPECT_EQ(second.gates[0].kind, GateKind::WeightsAre);
  EXPECT_EQ(second.gates[1].kind, GateKind::WeightedAnswers);
  EXPECT_EQ(weights_text(second.gates[1].weights->sets), "blue 90 / green 10");
  EXPECT_EQ(second.gates[2].kind, GateKind::AlarmNotFiring);
  EXPECT_EQ(second.gates[2].expected, "shop-5xx");
  EXPECT_EQ(second.gates[2].account, "prod");
  // TTL 5 s + soak 3 s after the step before.
  ASSERT_EQ(second.waits.size(), 1u);
  EXPECT_EQ(second.waits[0].after.value, "shift.shop.example.com.weights-1");
  EXPECT_EQ(second.waits[0].delay, Seconds{8});
  // Its undo is the weights before it; its failed gates undo the step they judge.
  ASSERT_EQ(second.rollback.actions.size(), 1u);
  EXPECT_EQ(weights_text(std::get<SetWeights>(second.rollback.actions[0]).sets), "blue 90 / green 10");
  EXPECT_EQ(second.rollback.settles_in, Seconds{5});
  EXPECT_EQ(second.undo_on_gate_failure->value, "shift.shop.example.com.weights-1");
  EXPECT_FALSE(graph.find(step_id("shift.shop.example.com.weights-1"))->undo_on_gate_failure)
      << "the first weights send everything to 'from': nothing before them to go back to";
  const Step& verify = *graph.find(step_id("shift.shop.example.com.verify"));
  EXPECT_TRUE(verify.actions.empty());
  EXPECT_EQ(weights_text(verify.gates[0].weights->sets), "blue 0 / green 100");
  EXPECT_EQ(verify.undo_on_gate_failure->value, "shift.shop.example.com.weights-3");
  const auto& cleanup = std::get<SetWeights>(graph.find(step_id("shift.shop.example.com.cleanup"))->actions[0]);
  EXPECT_EQ(cleanup.remove, std::vector<std::string>{"blue"});
  EXPECT_EQ(weights_text(cleanup.sets), "green 100");
}

TEST(WeightedShiftSteps, StopWithoutRollbackAndNoCleanupUnlessAsked) {
  auto plan = shift_plan([](auto& s) {
                s.erase("on_failure");
                s.erase("cleanup");
              }).value();
  auto graph = steps_of(plan);
  EXPECT_EQ(graph.find(step_id("shift.shop.example.com.cleanup")), nullptr);
  EXPECT_FALSE(graph.find(step_id("shift.shop.example.com.weights-2"))->undo_on_gate_failure);
}

TEST(WeightSampling, TheBoundIsFourSigmaOfTheBinomialPlusHalfASample) {
  auto half = live::share_bound(50, 100, 200);
  EXPECT_DOUBLE_EQ(half.expected, 0.5);
  EXPECT_NEAR(half.tolerance, 4 * std::sqrt(0.25 / 200) + 0.0025, 1e-12);
  auto tenth = live::share_bound(10, 100, 200);
  EXPECT_NEAR(tenth.tolerance, 4 * std::sqrt(0.09 / 200) + 0.0025, 1e-12);
  EXPECT_EQ(live::share_bound(0, 100, 200).tolerance, 0.0) << "weight 0: never answered";
  EXPECT_EQ(live::share_bound(100, 100, 200).tolerance, 0.0) << "the only weight: always answered";
}

std::vector<WeightedRecord> blue_green(std::uint32_t blue, std::uint32_t green) {
  return {{.set_identifier = "blue", .weight = blue, .values = {"192.0.2.41"}, .answers = {"192.0.2.41"}},
          {.set_identifier = "green", .weight = green, .values = {"192.0.2.42"}, .answers = {"192.0.2.42"}}};
}

TEST(WeightSampling, AServerAgreesWithinTheBoundAndDiffersOutsideIt) {
  auto sets = blue_green(90, 10);
  // 10 % of 200 is 20; the bound is 4 * 2.12 % + 0.25 % = 8.7 %: 3..37 answers of green agree.
  for (std::size_t green : {3u, 20u, 37u}) {
    auto [seen, line] = live::judge_sample({.server = "s", .counts = {200 - green, green}}, sets);
    EXPECT_EQ(seen, live::Seen::Agrees) << line;
  }
  for (std::size_t green : {2u, 38u, 100u}) {
    auto [seen, line] = live::judge_sample({.server = "s", .counts = {200 - green, green}}, sets);
    EXPECT_EQ(seen, live::Seen::Differs) << line;
    EXPECT_NE(line.find("OUTSIDE"), std::string::npos) << line;
  }
  auto [seen, line] = live::judge_sample({.server = "127.0.0.1", .counts = {181, 19}}, sets);
  EXPECT_EQ(line, "127.0.0.1: 200 answers: blue 181 (90.5 %, expected 90.0 % +- 8.7 %), green 19 (9.5 %, expected 10.0 % +- 8.7 %)");
}

TEST(WeightSampling, ZeroWeightNeverStraysNeverSilentUndecided) {
  auto start = blue_green(100, 0);
  EXPECT_EQ(live::judge_sample({.server = "s", .counts = {200, 0}}, start).first, live::Seen::Agrees);
  EXPECT_EQ(live::judge_sample({.server = "s", .counts = {199, 1}}, start).first, live::Seen::Differs);
  auto stray = live::judge_sample({.server = "s", .counts = {199, 0}, .strays = 1, .stray_example = "s: 192.0.2.99"}, start);
  EXPECT_EQ(stray.first, live::Seen::Differs);
  EXPECT_NE(stray.second.find("neither target, e.g. s: 192.0.2.99"), std::string::npos);
  EXPECT_EQ(live::judge_sample({.server = "s", .counts = {190, 0}, .silent = 10}, start).first, live::Seen::Silent);
  EXPECT_EQ(live::matching_set({"192.0.2.42"}, start), std::optional<std::size_t>{1});
  EXPECT_EQ(live::matching_set({"192.0.2.41", "192.0.2.42"}, start), std::nullopt) << "both at once is neither target";
}

SetWeights set_weights(std::uint32_t blue, std::uint32_t green) {
  return {.zone = "main", .name = name("shop.example.com"), .type = dns::RecordType::A, .ttl = 5, .sets = blue_green(blue, green)};
}

TEST(WeightChanges, APlainSetIsReplacedInOneBatchAndAStepInEffectSendsNothing) {
  std::vector<Rrset> zone{{.name = name("shop.example.com"), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.41"}}};
  auto changes = weight_changes(zone, set_weights(100, 0));
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].kind, ChangeKind::Delete);
  EXPECT_FALSE(changes[0].rrset.routing);
  EXPECT_EQ(changes[1].rrset.routing->weight, 100u);
  EXPECT_EQ(changes[2].rrset.routing->set_identifier, "green");
  std::vector<Rrset> after{changes[1].rrset, changes[2].rrset};
  EXPECT_TRUE(weight_changes(after, set_weights(100, 0)).empty());
  auto next = weight_changes(after, set_weights(90, 10));
  ASSERT_EQ(next.size(), 2u) << "both weights change";
  EXPECT_TRUE(live::weight_differences(after, name("shop.example.com"), dns::RecordType::A, blue_green(100, 0), 5).empty());
  auto off = live::weight_differences(after, name("shop.example.com"), dns::RecordType::A, blue_green(90, 10), 5);
  EXPECT_EQ(off, (std::vector<std::string>{"set 'blue' has weight 100, expected 90", "set 'green' has weight 0, expected 10"}));
  auto cleanup = set_weights(0, 100);
  cleanup.sets.erase(cleanup.sets.begin());
  cleanup.remove = {"blue"};
  auto removed = weight_changes(after, cleanup);
  EXPECT_EQ(removed[0].kind, ChangeKind::Delete);
  EXPECT_EQ(removed[0].rrset.routing->set_identifier, "blue");
}

// Runs of the shift on a fake Route 53 zone; gates answer from the zone
// (weights) or as the test says (the alarm).
class WeightedShiftRun : public testing::World {
 protected:
  void SetUp() override {
    plan_ = shift_plan().value();
    facts_ = assumed_facts(plan_);
    graph_ = build_steps(plan_, facts_).value();
    schedule_ = graph_.schedule().value();
    main_ = add_zone("main", "example.com", {"ns-1.example"});
    main_->add({.name = name("shop.example.com"), .type = dns::RecordType::A, .ttl = 300, .values = {"192.0.2.41"}});
    answer_ = [this](const Gate& gate) -> std::optional<GateResult> {
      if (gate.kind == GateKind::AlarmNotFiring) {
        return GateResult{.holds = !alarm_, .evidence = {alarm_ ? "alarm 'shop-5xx' is ALARM: 5xx above 10" : "alarm 'shop-5xx' is OK"}};
      }
      if (gate.kind == GateKind::WeightsAre) {
        auto off = live::weight_differences(main_->list().value(), *gate.name, *gate.type, gate.weights->sets, *gate.ttl);
        return GateResult{.holds = off.empty(), .evidence = off};
      }
      return std::nullopt;
    };
  }
  std::string weights_now() {
    std::string out;
    auto listed = main_->list().value();  // kept: a range-for over a temporary's value() would dangle
    for (const auto& r : listed) {
      if (r.name == name("shop.example.com") && r.routing && r.routing->weight)
        out += (out.empty() ? "" : " ") + r.set_identifier() + "=" + std::to_string(*r.routing->weight);
    }
    return out;
  }
  Result<RunOutcome> run(ExecutorOptions options = {}) {
    options.poll_interval = std::chrono::seconds{1};
    options.poll_timeout = std::chrono::seconds{30};
    return apply(options);
  }
  testing::FakeZone* main_{nullptr};
  bool alarm_{false};
};

TEST_F(WeightedShiftRun, CompletesThroughEveryStepAndRemovesTheWeightZeroSet) {
  auto outcome = run();
  ASSERT_TRUE(outcome);
  EXPECT_EQ(outcome->status, RunStatus::Completed) << outcome->message;
  EXPECT_EQ(weights_now(), "green=100");
  EXPECT_EQ(main_->applies, 5) << "four weight steps and the cleanup, one batch each";
}

TEST_F(WeightedShiftRun, AResumeAfterACrashNeverSendsAStepTwice) {
  ASSERT_EQ(run({.until = "shift.shop.example.com.weights-1"})->status, RunStatus::Stopped);
  // The next step's change went through, then the process died before journaling it.
  {
    auto j = journal();
    ASSERT_TRUE(j.append({.step = "shift.shop.example.com.weights-2", .event = JournalEvent::StepStarted}));
    ASSERT_TRUE(j.append({.step = "shift.shop.example.com.weights-2", .event = JournalEvent::ActionStarted, .action = 0}));
  }
  ASSERT_TRUE(main_->apply(weight_changes(main_->list().value(), set_weights(50, 50)), "the change that went through"));
  int before = main_->applies;
  auto outcome = run();
  ASSERT_EQ(outcome->status, RunStatus::Completed) << outcome->message;
  EXPECT_EQ(main_->applies, before + 2) << "only weights-3 and the cleanup were sent";
  EXPECT_TRUE(any_contains(observer_.actions, "shift.shop.example.com.weights-2: already in effect (re-checked)"));
}

TEST_F(WeightedShiftRun, AnAlarmMidShiftPutsBackTheLastWeightsThatHeld) {
  ASSERT_EQ(run({.until = "shift.shop.example.com.weights-2"})->status, RunStatus::Stopped);
  EXPECT_EQ(weights_now(), "blue=50 green=50");
  alarm_ = true;
  auto outcome = run();
  ASSERT_EQ(outcome->status, RunStatus::GateFailed);
  EXPECT_EQ(outcome->step, "shift.shop.example.com.weights-3");
  EXPECT_TRUE(any_contains(outcome->evidence, "alarm 'shop-5xx' is ALARM"));
  auto j = journal();
  auto s = secrets();
  auto entry = undo_after_gate_failure(*outcome, {.run = run_parts(j, s)});
  ASSERT_TRUE(entry);
  ASSERT_TRUE(*entry);
  EXPECT_EQ((*entry)->step, "shift.shop.example.com.weights-2");
  EXPECT_EQ((*entry)->verdict, RollbackVerdict::Undone);
  EXPECT_NE((*entry)->explanation.find("within the TTL 5 s"), std::string::npos) << (*entry)->explanation;
  EXPECT_EQ(weights_now(), "blue=90 green=10");
  EXPECT_FALSE(j.done_at("shift.shop.example.com.weights-2")) << "a rerun shifts again from there";
  EXPECT_TRUE(j.done_at("shift.shop.example.com.weights-1"));
}

TEST_F(WeightedShiftRun, AnUndecidedGateStopsWithoutUndoing) {
  ASSERT_EQ(run({.until = "shift.shop.example.com.weights-1"})->status, RunStatus::Stopped);
  undecided_ = {GateKind::WeightedAnswers};
  answer_ = {};
  auto outcome = run();
  ASSERT_EQ(outcome->status, RunStatus::GateFailed);
  EXPECT_TRUE(outcome->undecided);
  auto j = journal();
  auto s = secrets();
  auto entry = undo_after_gate_failure(*outcome, {.run = run_parts(j, s)});
  ASSERT_TRUE(entry);
  EXPECT_FALSE(*entry);
  EXPECT_EQ(weights_now(), "blue=90 green=10");
}

}  // namespace
}  // namespace cutover::planner
