// The HTML report over the lab plan: every step of the plan document with its
// times and waits, the journal's records laid over it, the propagation
// figures of the last check, and an honest note where the journal has none.
#include "planner/render/report.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/planner/world.h"

namespace cutover::planner {
namespace {

using namespace std::chrono_literals;
using testing::ExecutorTest;

class ReportTest : public ExecutorTest {
 protected:
  std::string report(std::optional<std::vector<JournalRecord>> records) {
    PlannedRun run{.plan = plan_, .facts = facts_, .graph = graph_, .schedule = schedule_};
    return render_report({.run = run, .journal = std::move(records), .journal_name = "j", .now = to_unix_seconds(clock_.now())});
  }
  std::vector<JournalRecord> records() {
    std::vector<std::string> warnings;
    return Journal::read(journal_path(), {.domain = plan_.domain.text(), .plan_digest = "d"}, warnings).value();
  }
};

TEST_F(ReportTest, WithoutAJournalEveryStepIsDrawnWithItsPlannedTimesAndWaits) {
  auto html = report(std::nullopt);
  PlannedRun run{.plan = plan_, .facts = facts_, .graph = graph_, .schedule = schedule_};
  auto doc = nlohmann::json::parse(render_json(run));
  for (const auto& step : doc["steps"]) {
    std::string id = step["id"];
    EXPECT_NE(html.find("<tr class=\"step\" data-step=\"" + id + "\" data-start-offset=\"" +
                        std::to_string(step["start_offset_seconds"].get<long>()) + "\" data-finish-offset=\"" +
                        std::to_string(step["finish_offset_seconds"].get<long>()) + "\""),
              std::string::npos)
        << id;
    EXPECT_NE(html.find("<g class=\"step\" data-step=\"" + id + "\">"), std::string::npos) << id;
    for (const auto& wait : step["waits"]) {
      EXPECT_NE(html.find("data-after=\"" + wait["after"].get<std::string>() + "\" data-delay=\"" +
                          std::to_string(wait["delay_seconds"].get<long>()) + "\""),
                std::string::npos)
          << id;
    }
  }
  EXPECT_NE(html.find("no journal: the plan only"), std::string::npos);
  EXPECT_NE(html.find("No journal: no check has run, so no propagation picture is shown."), std::string::npos);
  // Self-contained: nothing is fetched.
  EXPECT_EQ(html.find("http://"), html.find("http://www.w3.org/2000/svg"));
  EXPECT_EQ(html.find("https://"), std::string::npos);
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST_F(ReportTest, AJournalIsLaidOverThePlan) {
  forced_ = {};
  ASSERT_EQ(run()->status, RunStatus::Completed);
  auto journal = records();
  auto html = report(journal);
  for (const auto& r : journal) {
    EXPECT_NE(html.find("<tr class=\"event\" data-event=\"" + std::string(to_string(r.event)) + "\" data-step=\"" + r.step +
                        "\" data-at=\"" + std::to_string(r.at) + "\""),
              std::string::npos)
        << r.step << " " << to_string(r.event);
  }
  EXPECT_NE(html.find("steps done <b id=\"steps-done\">" + std::to_string(schedule_.size()) + "/" + std::to_string(schedule_.size())),
            std::string::npos);
  EXPECT_NE(html.find("class=\"actual done\""), std::string::npos);
  EXPECT_NE(html.find("<line class=\"now\""), std::string::npos);
  // The window's progress figures are the last propagation check.
  EXPECT_NE(html.find("Last check"), std::string::npos);
  EXPECT_NE(html.find("class=\"propagation\" data-kind=\"resolvers-agree\""), std::string::npos);
}

TEST_F(ReportTest, AFailedStepShowsItsFailureAndTheEndMovesToAfterNow) {
  forced_ = {GateKind::ZoneParity};
  ASSERT_EQ(run()->status, RunStatus::GateFailed);
  clock_.advance(3600s);
  auto html = report(records());
  EXPECT_NE(html.find("data-status=\"failed\""), std::string::npos);
  EXPECT_NE(html.find("class=\"actual failed\""), std::string::npos);
  EXPECT_NE(html.find("forced to fail by the test"), std::string::npos);
  // The rest of the plan is expected after now (an hour after the run began), not at its planned offsets.
  auto at = html.find("id=\"expected-end\">");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(html.substr(at, 80).find("(+1h"), std::string::npos) << html.substr(at, 80);
}

TEST_F(ReportTest, AJournalWithoutDnsChecksSaysSoRatherThanInventingAPicture) {
  auto html = report(std::vector<JournalRecord>{{.step = "(facts)", .event = JournalEvent::Facts, .at = 1'800'000'000}});
  EXPECT_NE(html.find("The journal holds no check of the parent's servers"), std::string::npos);
  EXPECT_EQ(html.find("Last check"), std::string::npos);
}

}  // namespace
}  // namespace cutover::planner
