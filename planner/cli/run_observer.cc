#include "planner/cli/run_observer.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <ostream>

#include "planner/render/action_text.h"
#include "planner/run/propagation.h"
#include "planner/steps/timing.h"

namespace cutover::cli {
namespace {

using planner::Step;

// "3/3": the servers that give the new answer, of those asked, over every watched gate.
std::pair<int, int> totals(const std::vector<planner::GateProgress>& gates) {
  std::pair<int, int> out{0, 0};
  for (const auto& g : gates) {
    out.first += g.result.agreeing;
    out.second += g.result.asked;
  }
  return out;
}

class TextObserver final : public planner::Observer {
 public:
  TextObserver(std::ostream& out, bool terminal) : out_(out), terminal_(terminal) {}

  void step_skipped(const Step& step, const std::string& why) override { out_ << "  - " << step.id.value << ": " << why << "\n"; }
  void step_started(const Step& step) override {
    end_countdown();
    out_ << "==> " << step.id.value << ": " << step.title << "\n";
  }
  void progress(const Step&, std::chrono::seconds, const std::vector<planner::GateProgress>& gates) override {
    auto [agreeing, asked] = totals(gates);
    progress_ = "; new answer at " + std::to_string(agreeing) + "/" + std::to_string(asked) + " servers (";
    for (std::size_t i = 0; i < gates.size(); ++i) {
      const auto& g = gates[i];
      progress_ += (i ? ", " : "") + planner::servers_asked(*g.gate) + " " + std::to_string(g.result.agreeing) + "/" +
                   std::to_string(g.result.asked);
    }
    progress_ += ")";
  }
  void waiting(const Step& step, std::chrono::seconds remaining, const std::string& reason) override {
    auto text = "... " + step.id.value + " may start in " + planner::format_duration(remaining) + " (" + reason + ")" + progress_;
    // Off a terminal, a change in the figures is news too: print it even within the minute.
    bool news = progress_ != shown_progress_;
    if (terminal_) {
      out_ << "\r" << text << "\033[K" << std::flush;
      counting_ = true;
    } else if (last_print_ < 0 || last_print_ - remaining.count() >= 60 || news) {
      out_ << text << "\n" << std::flush;
      last_print_ = remaining.count();
      shown_progress_ = progress_;
    }
    progress_.clear();
  }
  void gate_checked(const Step& step, const planner::Gate& gate, const planner::GateResult& result) override {
    // Gates are polled: show a gate when its verdict changes, not every poll.
    std::string verdict = result.holds ? "holds" : result.undecided ? "undecided" : "does not hold (yet)";
    auto key = step.id.value + "|" + gate.description;
    if (shown_[key] == verdict) return;
    shown_[key] = verdict;
    end_countdown();
    out_ << "    gate [" << planner::to_string(gate.kind) << "] " << verdict << ": " << gate.description << "\n";
  }
  void action_started(const Step&, std::size_t, const std::string& summary) override {
    out_ << "    action: " << summary << "\n" << std::flush;
  }
  void action_done(const Step&, std::size_t, const std::string& how) override { out_ << "    done: " << how << "\n"; }
  void step_done(const Step& step) override {
    out_ << "    " << step.id.value << " done\n" << std::flush;
    last_print_ = -1;
  }
  void step_failed(const Step& step, const std::string& why, const std::vector<std::string>& evidence) override {
    end_countdown();
    out_ << "!!! " << step.id.value << ": " << why << "\n";
    for (const auto& line : evidence) out_ << "      " << line << "\n";
    out_ << std::flush;
  }
  void warning(const std::string& text) override { out_ << "warning: " << text << "\n"; }

 private:
  void end_countdown() {
    if (counting_) out_ << "\n";
    counting_ = false;
    last_print_ = -1;
  }
  std::ostream& out_;
  bool terminal_{false};
  bool counting_{false};
  long long last_print_{-1};
  std::string progress_{};        // the figures of the last progress(), shown with the next countdown line
  std::string shown_progress_{};  // the figures last printed off a terminal
  std::map<std::string, std::string> shown_{};
};

class JsonObserver final : public planner::Observer {
 public:
  explicit JsonObserver(std::ostream& out) : out_(out) {}
  void step_skipped(const Step& step, const std::string& why) override { emit("step-skipped", step, {{"why", why}}); }
  void step_started(const Step& step) override { emit("step-started", step, {{"title", step.title}}); }
  void waiting(const Step& step, std::chrono::seconds remaining, const std::string& reason) override {
    emit("waiting", step, {{"remaining_seconds", remaining.count()}, {"reason", reason}});
  }
  void progress(const Step& step, std::chrono::seconds remaining, const std::vector<planner::GateProgress>& gates) override {
    auto [agreeing, asked] = totals(gates);
    nlohmann::json each = nlohmann::json::array();
    for (const auto& g : gates) {
      each.push_back({{"kind", planner::to_string(g.gate->kind)},
                      {"servers", planner::servers_asked(*g.gate)},
                      {"description", g.gate->description},
                      {"agreeing", g.result.agreeing},
                      {"asked", g.result.asked},
                      {"holds", g.result.holds}});
    }
    emit("progress", step, {{"remaining_seconds", remaining.count()}, {"agreeing", agreeing}, {"asked", asked}, {"gates", each}});
  }
  void gate_checked(const Step& step, const planner::Gate& gate, const planner::GateResult& result) override {
    emit("gate", step,
         {{"kind", planner::to_string(gate.kind)},
          {"description", gate.description},
          {"holds", result.holds},
          {"undecided", result.undecided},
          {"evidence", result.evidence}});
  }
  void action_started(const Step& step, std::size_t index, const std::string& summary) override {
    emit("action-started", step, {{"action", index}, {"summary", summary}});
  }
  void action_done(const Step& step, std::size_t index, const std::string& how) override {
    emit("action-done", step, {{"action", index}, {"result", how}});
  }
  void step_done(const Step& step) override { emit("step-done", step, {}); }
  void step_failed(const Step& step, const std::string& why, const std::vector<std::string>& evidence) override {
    emit("step-failed", step, {{"why", why}, {"evidence", evidence}});
  }
  void warning(const std::string& text) override {
    out_ << nlohmann::json{{"event", "warning"}, {"message", text}}.dump() << "\n" << std::flush;
  }

 private:
  void emit(const char* event, const Step& step, nlohmann::json fields) {
    fields["event"] = event;
    fields["step"] = step.id.value;
    fields["at"] = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    out_ << fields.dump() << "\n" << std::flush;
  }
  std::ostream& out_;
};

}  // namespace

std::unique_ptr<planner::Observer> make_text_observer(std::ostream& out, bool terminal) {
  return std::make_unique<TextObserver>(out, terminal);
}

std::unique_ptr<planner::Observer> make_json_observer(std::ostream& out) { return std::make_unique<JsonObserver>(out); }

}  // namespace cutover::cli
