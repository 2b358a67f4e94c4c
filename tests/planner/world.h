#pragma once
// A planner "world" for the executor and rollback tests: an example plan from
// plans/ scheduled on the facts it assumes, fake zones and a fake registrar,
// a fake clock, and the run's journal and secrets in a temporary directory.
// apply() and rollback() are one `cutover apply` / `cutover rollback` process
// each: they open the journal again, as a rerun would.

#include <gtest/gtest.h>

#include <fstream>
#include <functional>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "planner/plan/parser.h"
#include "planner/planner.h"
#include "planner/run/executor.h"
#include "planner/run/rollback.h"
#include "tests/common/temp_dir.h"
#include "tests/planner/fakes.h"

namespace cutover::testing {

/// What a rollback is asked for in World::rollback().
struct RollbackChoices {
  bool wait{true};      // false: --no-wait
  bool dry_run{false};  // --dry-run
  std::function<void(const planner::Step&, planner::Seconds, const std::string&)> on_wait{};
};

class World : public ::testing::Test {
 protected:
  /// Loads plans/`plan_file` and schedules it on the facts it assumes.
  void load(const std::string& plan_file) {
    plan_ = planner::load_plan(std::string(CUTOVER_SOURCE_DIR "/plans/") + plan_file).value();
    facts_ = planner::assumed_facts(plan_);
    graph_ = planner::build_steps(plan_, facts_).value();
    schedule_ = graph_.schedule().value();
  }

  /// The lab plan (S2 + S1 on RFC 2136 zones): example.test moves from "old"
  /// to "new", the TLD "test" is the parent (parent_), dev.example.test is
  /// the child zone "dev".
  void load_lab_example() {
    load("lab-example-test.json");
    parent_ = add_zone("tld", "test", {"ns1.nic.test"});
    old_ = add_zone("old", "example.test", {"ns1.old.test", "ns2.old.test"});
    old_->add({.name = name("www.example.test"), .type = dns::RecordType::A, .ttl = 5, .values = {"192.0.2.10"}});
    old_->add({.name = name("app.dev.example.test"), .type = dns::RecordType::A, .ttl = 5, .values = {"192.0.2.20"}});
    parent_->add({.name = name("example.test"), .type = dns::RecordType::NS, .ttl = 10, .values = {"ns1.old.test.", "ns2.old.test."}});
    new_ = add_zone("new", "example.test", {"ns1.new.test", "ns2.new.test"});
    dev_ = add_zone("dev", "dev.example.test", {"ns1.dev.test"});
    providers_.registrar = std::make_unique<FakeParentRegistrar>(*parent_);
  }

  /// example.com held in zone "old" and delegated by a fake "com" (parent_,
  /// also the registrar); the zone "new" is created by the plan unless
  /// `new_zone_exists`.
  void load_example_com(const std::string& plan_file, bool new_zone_exists = false) {
    load(plan_file);
    old_ = add_zone("old", "example.com", {"ns-1.old.example"});
    new_ = add_zone("new", "example.com", {"ns-1.new.example"}, new_zone_exists);
    parent_ = add_zone("com", "com", {"a.gtld.example"});
    parent_->add({.name = name("example.com"), .type = dns::RecordType::NS, .ttl = 172800, .values = {"ns-1.old.example."}});
    providers_.registrar = std::make_unique<FakeParentRegistrar>(*parent_);
  }

  FakeZone* add_zone(const std::string& key, std::string apex, std::vector<std::string> ns, bool exists = true) {
    auto zone = std::make_unique<FakeZone>(std::move(apex), std::move(ns), exists);
    FakeZone* raw = zone.get();
    providers_.zones[key] = std::move(zone);
    return raw;
  }

  std::filesystem::path journal_path() const { return dir_ / "journal.jsonl"; }
  std::filesystem::path secrets_path() const { return dir_ / "journal.jsonl.secrets"; }

  /// The run's journal, opened as a new process opens it.
  planner::Journal journal() {
    std::vector<std::string> warnings;
    return planner::Journal::open(journal_path(), {.domain = plan_.domain.text(), .plan_digest = "d"}, warnings).value();
  }
  planner::SecretStore secrets() { return planner::SecretStore::open(secrets_path()).value(); }
  /// The journal file as it is on disk.
  std::string journal_text() const {
    std::ifstream in(journal_path());
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  /// What a run in this world acts on, with the journal and secrets it opened.
  planner::RunParts run_parts(planner::Journal& journal, planner::SecretStore& secrets) {
    return {.plan = plan_, .schedule = schedule_, .providers = providers_, .journal = journal, .secrets = secrets, .clock = clock_};
  }

  /// One apply: gates on the fake world (forced_, undecided_, learn_ say how
  /// they answer; runs_seen_ gets the run facts they were given).
  planner::Result<planner::RunOutcome> apply(const planner::ExecutorOptions& options) {
    auto journal = this->journal();
    auto secrets = this->secrets();
    FakeGates gates(providers_, plan_.domain);
    gates.forced_failures = forced_;
    gates.forced_undecided = undecided_;
    gates.learn = learn_;
    gates.answer = answer_;
    planner::Executor executor({.run = run_parts(journal, secrets), .gates = gates, .observer = observer_});
    auto outcome = executor.run(options);
    runs_seen_ = gates.runs_seen;
    return outcome;
  }

  /// One rollback.
  planner::Result<std::vector<planner::RollbackEntry>> rollback(RollbackChoices choices = {}) {
    auto journal = this->journal();
    auto secrets = this->secrets();
    return planner::roll_back(
        {.run = run_parts(journal, secrets), .on_wait = std::move(choices.on_wait), .dry_run = choices.dry_run, .wait = choices.wait});
  }

  /// The ids of the scheduled steps, in order.
  std::vector<std::string> planned_ids() const {
    std::vector<std::string> out;
    for (const auto& s : schedule_) out.push_back(s.step->id.value);
    return out;
  }

  TempDir dir_;
  planner::Plan plan_;
  planner::Facts facts_;
  planner::StepGraph graph_;
  std::vector<planner::ScheduledStep> schedule_;
  planner::ProviderSet providers_;
  FakeZone* parent_{nullptr};
  FakeZone* old_{nullptr};
  FakeZone* new_{nullptr};
  FakeZone* dev_{nullptr};
  FakeClock clock_;
  RecordingObserver observer_;
  std::vector<planner::GateKind> forced_{};
  std::vector<planner::GateKind> undecided_{};
  std::map<std::string, std::string> learn_{};
  std::function<std::optional<planner::GateResult>(const planner::Gate&)> answer_{};
  std::vector<planner::RunFacts> runs_seen_{};
};

/// The lab plan's world, polled fast: most executor tests run in it.
class ExecutorTest : public World {
 protected:
  void SetUp() override { load_lab_example(); }
  planner::Result<planner::RunOutcome> run(planner::ExecutorOptions options = {}) {
    options.poll_interval = std::chrono::seconds{1};
    options.poll_timeout = std::chrono::seconds{30};
    return apply(options);
  }
};

}  // namespace cutover::testing
