#include "planner/render/render.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "planner/plan/parser.h"
#include "planner/planner.h"

namespace cutover::planner {
namespace {

struct Rendered {
  std::string text, json, dot;
};

Rendered render(const std::string& name, const std::vector<CopyPreview>& copies = {}) {
  auto plan = load_plan(std::string(CUTOVER_SOURCE_DIR "/plans/") + name).value();
  auto facts = assumed_facts(plan);
  facts.copies = copies;
  auto graph = build_steps(plan, facts).value();
  auto schedule = graph.schedule().value();
  PlannedRun run{.plan = plan, .facts = facts, .graph = graph, .schedule = schedule};
  return {render_text(run), render_json(run), render_dot(run)};
}

TEST(Render, TextExplainsWaitsInWords) {
  auto out = render("s1-account-move.json");
  EXPECT_NE(out.text.find("not before +96h24m: window = parent NS TTL 172800 s (assumed) + margin 300 s"), std::string::npos) << out.text;
  EXPECT_NE(out.text.find("Total expected duration: 264h24m"), std::string::npos);
  EXPECT_NE(out.text.find("      gate: [zone-parity]"), std::string::npos);
}

TEST(Render, JsonFollowsTheDocumentedSchema) {
  auto doc = nlohmann::json::parse(render("s4-db-pointer.json").json);
  EXPECT_EQ(doc["format"], "cutover-plan");
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["domain"], "example.com.");
  ASSERT_TRUE(doc["steps"].is_array());
  std::size_t with_batch = 0;
  for (const auto& step : doc["steps"]) {
    for (const char* key : {"id", "title", "strategy", "start_offset_seconds", "finish_offset_seconds", "start_reason", "depends_on",
                            "waits", "actions", "gates", "check_after", "rollback", "notes", "copies", "done"}) {
      EXPECT_TRUE(step.contains(key)) << step["id"] << " lacks " << key;
    }
    for (const auto& action : step["actions"]) with_batch += action.contains("change_batch");
  }
  EXPECT_GT(with_batch, 0u);
  // A Route 53 change batch is printed in full, as the API takes it.
  for (const auto& step : doc["steps"]) {
    if (step["id"] != "db.db.example.com.switch") continue;
    const auto& change = step["actions"][0]["change_batch"]["Changes"][0];
    EXPECT_EQ(change["Action"], "UPSERT");
    EXPECT_EQ(change["ResourceRecordSet"]["Type"], "CNAME");
    EXPECT_EQ(change["ResourceRecordSet"]["TTL"], 60);
    EXPECT_EQ(change["ResourceRecordSet"]["ResourceRecords"][0]["Value"], "prod.cluster-cn3w.eu-west-1.rds.amazonaws.com");
  }
}

// Live planning lists what each copy carries, by kind, in text and JSON.
TEST(Render, CopyInventoriesAreShownWithTheirStep) {
  CopyInventory inventory{.sets = 5, .by_kind = {{"simple", 3}, {"weighted", 2}}, .aliases = 1, .health_checks = {"hc-1"}};
  std::vector<CopyPreview> copies{
      {.step = "switch.copy-records", .from_zone = "old", .to_zone = "new", .inventory = inventory},
      {.step = "switch.copy-records", .from_zone = "x", .to_zone = "new", .note = "zone 'x' does not exist yet"}};
  auto out = render("s1-account-move.json", copies);
  EXPECT_NE(
      out.text.find("      copies from 'old' into 'new': 5 record sets: 3 simple, 2 weighted; 1 alias; health checks referenced: hc-1\n"),
      std::string::npos)
      << out.text;
  EXPECT_NE(out.text.find("      copies from 'x' into 'new': zone 'x' does not exist yet\n"), std::string::npos);
  auto doc = nlohmann::json::parse(out.json);
  for (const auto& step : doc["steps"]) {
    if (step["id"] != "switch.copy-records") {
      EXPECT_TRUE(step["copies"].empty()) << step["id"];
      continue;
    }
    ASSERT_EQ(step["copies"].size(), 2u);
    EXPECT_EQ(step["copies"][0], nlohmann::json::parse(R"({"from_zone": "old", "to_zone": "new", "record_sets": 5,
        "by_kind": {"simple": 3, "weighted": 2}, "aliases": 1, "health_checks": ["hc-1"], "health_checks_recreated": []})"));
    EXPECT_EQ(step["copies"][1]["note"], "zone 'x' does not exist yet");
  }
}

// `rollback.actions` holds every undo; `rollback.action`, older, stays as the first.
TEST(Render, JsonRollbackListsEveryUndoAndKeepsTheFirstAsAction) {
  auto doc = nlohmann::json::parse(render("s1-account-move.json").json);
  bool seen = false;
  for (const auto& step : doc["steps"]) {
    const auto& rollback = step["rollback"];
    ASSERT_TRUE(rollback.contains("actions")) << step["id"];
    ASSERT_TRUE(rollback["actions"].is_array());
    if (rollback["actions"].empty()) {
      EXPECT_FALSE(rollback.contains("action")) << step["id"];
      continue;
    }
    EXPECT_EQ(rollback["action"], rollback["actions"][0]) << step["id"];
    if (step["id"] != "switch.lower-ns-ttl") continue;
    seen = true;
    ASSERT_EQ(rollback["actions"].size(), 2u);
    EXPECT_EQ(rollback["actions"][0]["zone"], "new");
    EXPECT_EQ(rollback["actions"][1]["zone"], "old");
    EXPECT_EQ(rollback["actions"][1]["change_batch"]["Changes"][0]["ResourceRecordSet"]["TTL"], 172800);
  }
  EXPECT_TRUE(seen);
}

TEST(Render, TextListsEachUndo) {
  auto out = render("s1-account-move.json");
  auto rollback = out.text.find("rollback: set the NS TTLs back");
  ASSERT_NE(rollback, std::string::npos) << out.text;
  // One line per zone, right under the rollback line.
  auto lines = out.text.find(
      "\n        undo: route53 ChangeResourceRecordSets: 1 change in zone 'new'\n"
      "        undo: route53 ChangeResourceRecordSets: 1 change in zone 'old'\n",
      rollback);
  EXPECT_EQ(lines, out.text.find('\n', rollback)) << out.text;
}

TEST(Render, DotHasANodePerStepAndAnEdgePerDependency) {
  auto out = render("s2-subdelegation.json");
  EXPECT_TRUE(out.dot.starts_with("digraph cutover {"));
  EXPECT_NE(out.dot.find("\"subdelegation.dev.verify-parents\" -> \"switch.verify-ready\";"), std::string::npos) << out.dot;
  EXPECT_NE(out.dot.find("\"switch.verify-parent\" -> \"switch.window-end\" [style=bold, label=\"wait 48h05m\"];"), std::string::npos);
}

}  // namespace
}  // namespace cutover::planner
