#pragma once
// Hand-written fakes of the provider, gate and clock interfaces: they keep
// state and record what happened, so tests assert outcomes (ninja's
// VirtualFileSystem, FakeCommandRunner). Gates are evaluated against the fake
// world's state, so a step whose precondition is not met really fails.

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "planner/clock.h"
#include "planner/gates/gate_checker.h"
#include "planner/providers/provider_set.h"
#include "planner/providers/record_ops.h"
#include "planner/run/observer.h"

namespace cutover::testing {

using planner::Rrset;
using planner::RrsetChange;

inline dns::DomainName name(std::string_view text) { return dns::DomainName::parse(text).value(); }

// The health checks of one account; zones of the account share it.
class FakeHealthChecks final : public planner::HealthChecks {
 public:
  explicit FakeHealthChecks(std::string id_prefix) : prefix_(std::move(id_prefix)) {}
  planner::Result<planner::HealthCheckConfig> get(const std::string& id) override {
    auto it = checks.find(id);
    if (it == checks.end()) {
      return std::unexpected(
          planner::Error{.code = planner::ErrorCode::Provider, .message = "no check " + id, .fault = planner::Fault::NotFound});
    }
    return it->second.second;
  }
  planner::Result<std::vector<planner::HealthCheckRef>> list() override {
    std::vector<planner::HealthCheckRef> out;
    for (const auto& [id, check] : checks) out.push_back({.id = id, .caller_reference = check.first});
    return out;
  }
  planner::Result<std::string> create(const std::string& reference, const planner::HealthCheckConfig& config) override {
    for (const auto& [id, check] : checks) {
      if (check.first != reference) continue;
      if (check.second != config) return planner::fail(planner::ErrorCode::Provider, "HealthCheckAlreadyExists " + reference);
      return id;
    }
    ++creates;
    std::string id = prefix_ + std::to_string(++next_);
    checks[id] = {reference, config};
    return id;
  }
  planner::Result<void> remove(const std::string& id) override {
    removed.push_back(id);
    checks.erase(id);
    return {};
  }
  /// Adds a check as the account's owner made it.
  std::string add(const planner::HealthCheckConfig& config) {
    std::string id = prefix_ + std::to_string(++next_);
    checks[id] = {"by-hand-" + id, config};
    return id;
  }
  std::map<std::string, std::pair<std::string, planner::HealthCheckConfig>> checks{};  // id -> reference, config
  int creates{0};
  std::vector<std::string> removed{};

 private:
  std::string prefix_;
  int next_{0};
};

class FakeZone final : public planner::DnsProvider {
 public:
  FakeZone(std::string apex, std::vector<std::string> ns, bool exists = true) : apex_(name(apex)), exists_(exists) {
    for (auto& n : ns) ns_.push_back(name(n));
    Rrset set{.name = apex_, .type = dns::RecordType::NS, .ttl = 3600};
    for (auto& n : ns_) set.values.push_back(n.text());
    records_.push_back(set);
    records_.push_back({.name = apex_, .type = dns::RecordType::SOA, .ttl = 3600, .values = {"ns. host. 1 2 3 4 5"}});
  }
  const dns::DomainName& zone_name() const override { return apex_; }
  planner::Result<bool> exists() override { return exists_; }
  planner::Result<void> create(std::string_view reference) override {
    ++creates;
    last_reference = std::string(reference);
    exists_ = true;
    return {};
  }
  planner::Result<void> remove() override {
    exists_ = false;
    return {};
  }
  planner::Result<std::vector<Rrset>> list() override {
    if (!exists_) return planner::fail(planner::ErrorCode::Provider, "zone " + apex_.text() + " does not exist");
    return records_;
  }
  planner::Result<void> apply(const std::vector<RrsetChange>& changes, std::string_view) override {
    if (fail_next_apply) {
      fail_next_apply = false;
      return std::unexpected(planner::Error{.code = planner::ErrorCode::Provider, .message = "injected failure", .fault = next_fault});
    }
    ++applies;
    for (const auto& change : changes) {
      bool present = std::ranges::any_of(records_, [&](const Rrset& r) { return key_of(r) == key_of(change.rrset); });
      if (change.kind == planner::ChangeKind::Create && present) {
        return planner::fail(planner::ErrorCode::Provider, "CREATE of " + describe(key_of(change.rrset)) + ", which exists");
      }
      std::erase_if(records_, [&](const Rrset& r) { return key_of(r) == key_of(change.rrset); });
      if (change.kind != planner::ChangeKind::Delete) records_.push_back(change.rrset);
    }
    return {};
  }
  planner::Result<planner::ZoneCapabilities> capabilities() override { return capabilities_held; }
  planner::Result<std::vector<dns::DomainName>> nameservers() override { return ns_; }
  planner::Result<std::vector<std::string>> server_addresses() override { return std::vector<std::string>{"127.0.0.1"}; }
  planner::HealthChecks* health_checks() override { return account_checks; }

  void add(Rrset rrset) { records_.push_back(std::move(rrset)); }
  /// Replaces the record set of the same name and type (adds it if there is none).
  void replace(Rrset rrset) {
    std::erase_if(records_, [&](const Rrset& r) { return r.name == rrset.name && r.type == rrset.type; });
    add(std::move(rrset));
  }
  std::optional<Rrset> find(std::string_view owner, dns::RecordType type) const { return planner::find_rrset(records_, name(owner), type); }
  int applies{0};
  int creates{0};
  bool fail_next_apply{false};
  planner::Fault next_fault{planner::Fault::None};  // the kind of the injected failure
  std::string last_reference{};
  planner::HealthChecks* account_checks{nullptr};  // the account's checks; none by default
  // Route 53-like by default: aliases, routing policies, one account.
  planner::ZoneCapabilities capabilities_held{.aliases = true, .routing = true, .health_checks = true, .account = "111111111111"};

 private:
  dns::DomainName apex_;
  std::vector<dns::DomainName> ns_{};
  std::vector<Rrset> records_{};
  bool exists_{true};
};

// The delegation held in a parent zone (the lab's TLD).
class FakeParentRegistrar final : public planner::Registrar {
 public:
  explicit FakeParentRegistrar(FakeZone& parent) : parent_(parent) {}
  planner::Result<std::vector<dns::DomainName>> delegation(const dns::DomainName& domain) override {
    std::vector<dns::DomainName> out;
    auto set = parent_.find(domain.text(), dns::RecordType::NS);
    if (set)
      for (auto& v : set->values) out.push_back(name(v));
    return out;
  }
  planner::Result<void> set_delegation(const dns::DomainName& domain, const std::vector<dns::DomainName>& ns, std::uint32_t ttl) override {
    ++sets;
    Rrset set{.name = domain, .type = dns::RecordType::NS, .ttl = ttl == 0 ? 3600 : ttl};
    for (auto& n : ns) set.values.push_back(n.text());
    return parent_.apply({RrsetChange{.kind = planner::ChangeKind::Upsert, .rrset = set}}, "");
  }
  int sets{0};

 private:
  FakeZone& parent_;
};

// Both accounts' view of Route 53 Domains, sharing one registry.
struct FakeRegistry {
  std::string owner{};
  std::string pending_to{};
  std::string password{};
  int transfers{0};
  int accepts{0};
  bool locked{true};  // registered with the transfer lock on
  int locks{0};
};

class FakeTransfers final : public planner::DomainTransfers {
 public:
  FakeTransfers(FakeRegistry& registry, std::string account, std::string id)
      : registry_(registry), account_(std::move(account)), id_(std::move(id)) {}
  planner::Result<std::string> account_id() override { return id_; }
  planner::Result<Started> transfer(const dns::DomainName&, const std::string& to) override {
    if (registry_.owner != account_) return planner::fail(planner::ErrorCode::Provider, "not the owner");
    ++registry_.transfers;
    registry_.locked = false;  // the real provider turns the lock off first
    registry_.pending_to = to;
    registry_.password = "s3cret-Transfer-Password";
    return Started{.operation_id = "op-transfer-1", .password = registry_.password};
  }
  planner::Result<std::string> accept(const dns::DomainName&, const std::string& password) override {
    if (password != registry_.password || registry_.pending_to != id_) return planner::fail(planner::ErrorCode::Provider, "bad password");
    ++registry_.accepts;
    registry_.owner = account_;
    registry_.pending_to.clear();
    return std::string("op-accept-1");
  }
  planner::Result<void> cancel(const dns::DomainName&) override {
    registry_.pending_to.clear();
    return {};
  }
  planner::Result<OperationStatus> status(const std::string&) override { return OperationStatus::Successful; }
  planner::Result<bool> holds(const dns::DomainName&) override { return registry_.owner == account_; }
  planner::Result<std::optional<std::string>> operation_in_progress(const dns::DomainName&) override {
    if (registry_.owner == account_ && !registry_.pending_to.empty()) return std::optional<std::string>{"op-transfer-1"};
    return std::optional<std::string>{};
  }
  planner::Result<bool> locked(const dns::DomainName&) override { return registry_.locked; }
  planner::Result<void> lock(const dns::DomainName&) override {
    if (registry_.owner != account_) return planner::fail(planner::ErrorCode::Provider, "not the owner");
    ++registry_.locks;
    registry_.locked = true;
    return {};
  }

 private:
  FakeRegistry& registry_;
  std::string account_;
  std::string id_;
};

// Gates evaluated on the fake world. Kinds the fakes cannot model hold.
class FakeGates final : public planner::GateChecker {
 public:
  FakeGates(planner::ProviderSet& providers, const dns::DomainName& domain) : providers_(providers), domain_(domain) {}
  planner::Result<planner::GateResult> check(const planner::Gate& gate, const planner::RunFacts& run) override {
    runs_seen.push_back(run);
    if (answer) {
      if (auto given = answer(gate)) return *given;
    }
    auto result = evaluate(gate);
    if (result && result->holds) result->learned = learn;
    // One server asked, as a live gate counts them: it agrees when the gate holds.
    if (result) {
      result->asked = 1;
      result->agreeing = result->holds ? 1 : 0;
    }
    return result;
  }
  planner::Result<planner::GateResult> evaluate(const planner::Gate& gate) {
    ++checks;
    if (std::ranges::find(forced_undecided, gate.kind) != forced_undecided.end()) {
      return planner::GateResult{.holds = false, .undecided = true, .evidence = {"127.0.0.9: timeout"}};
    }
    if (std::ranges::find(forced_failures, gate.kind) != forced_failures.end()) {
      return planner::GateResult{.holds = false, .evidence = {"127.0.0.9: forced to fail by the test"}};
    }
    if (gate.kind == planner::GateKind::ParentDelegatesTo && !gate.expected.empty() && providers_.registrar) {
      auto want = providers_.zones.at(gate.expected)->nameservers().value();
      auto have = providers_.registrar->delegation(gate.name.value_or(domain_)).value();
      std::ranges::sort(want);
      std::ranges::sort(have);
      if (want != have) return planner::GateResult{.holds = false, .evidence = {"parent delegates elsewhere"}};
    }
    if (gate.kind == planner::GateKind::ZoneParity && gate.zones.size() == 2 && !gate.name) {
      auto& a = *providers_.zones.at(gate.zones[0]);
      auto& b = *providers_.zones.at(gate.zones[1]);
      planner::CopyFilter filter{.from_apex = a.zone_name(), .to_apex = b.zone_name(), .skip_below = gate.exclude_below};
      auto wanted = planner::rrsets_to_copy(a.list().value(), filter);
      // Across accounts a set names the copy of its health check: made by a plan, its reference ends with the source id.
      if (b.health_checks() && b.health_checks() != a.health_checks()) {
        auto copies = b.health_checks()->list().value();
        for (auto& set : wanted) {
          if (set.health_check_id.empty()) continue;
          for (const auto& ref : copies) {
            if (ref.caller_reference.starts_with("cutover-hc-") && ref.caller_reference.ends_with("-" + set.health_check_id)) {
              set.health_check_id = ref.id;
            }
          }
        }
      }
      if (!planner::changes_to_hold(b.list().value(), wanted).empty()) {
        return planner::GateResult{.holds = false, .evidence = {"zones differ"}};
      }
    }
    return planner::GateResult{.holds = true};
  }
  std::vector<planner::GateKind> forced_failures{};
  std::vector<planner::GateKind> forced_undecided{};
  std::map<std::string, std::string> learn{};  // returned as learned by every gate that holds
  /// When set and it returns a result, that is the gate's answer (a resolver that catches up, say).
  std::function<std::optional<planner::GateResult>(const planner::Gate&)> answer{};
  std::vector<planner::RunFacts> runs_seen{};  // the run facts each check was given
  int checks{0};

 private:
  planner::ProviderSet& providers_;
  dns::DomainName domain_;
};

class FakeClock final : public planner::Clock {
 public:
  planner::TimePoint now() override { return now_; }
  void sleep_for(std::chrono::milliseconds d) override {
    now_ += d;
    slept += d;
  }
  void advance(std::chrono::seconds d) { now_ += d; }
  std::chrono::milliseconds slept{0};

 private:
  planner::TimePoint now_{planner::from_unix_seconds(1'800'000'000)};
};

class RecordingObserver final : public planner::Observer {
 public:
  void step_done(const planner::Step& step) override { done.push_back(step.id.value); }
  void step_skipped(const planner::Step& step, const std::string&) override { skipped.push_back(step.id.value); }
  void waiting(const planner::Step&, std::chrono::seconds, const std::string&) override { ++waits; }
  void progress(const planner::Step& step, std::chrono::seconds, const std::vector<planner::GateProgress>& gates) override {
    int agreeing = 0, asked = 0;
    for (const auto& g : gates) {
      agreeing += g.result.agreeing;
      asked += g.result.asked;
    }
    progress_seen.push_back(step.id.value + " " + std::to_string(agreeing) + "/" + std::to_string(asked));
  }
  void action_done(const planner::Step& step, std::size_t, const std::string& how) override {
    actions.push_back(step.id.value + ": " + how);
  }
  void step_failed(const planner::Step& step, const std::string& why, const std::vector<std::string>&) override {
    failed.push_back(step.id.value + ": " + why);
  }
  std::vector<std::string> done{}, skipped{}, actions{}, failed{};
  std::vector<std::string> progress_seen{};  // "step agreeing/asked", one per progress report
  int waits{0};
};

}  // namespace cutover::testing
