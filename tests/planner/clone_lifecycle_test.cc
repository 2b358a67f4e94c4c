// A daily clone's lifecycle tag only moves forward (created, ready,
// connected, aborted): a rerun on a new journal the same day must not tag a
// connected clone `ready` again (the Route 53 daily-clone e2e test saw it
// flap connected -> ready -> connected).
#include <gtest/gtest.h>

#include "planner/run/action_runner.h"
#include "planner/run/secrets.h"

namespace cutover::planner {
namespace {

// Clusters the test sets; every tag() call is recorded.
class TaggedClusters final : public Database {
 public:
  Result<std::optional<ClusterState>> describe(const std::string& id) override {
    auto it = clusters.find(id);
    if (it == clusters.end()) return std::optional<ClusterState>{};
    return std::optional<ClusterState>{it->second};
  }
  Result<std::vector<ClusterState>> list(const std::string& prefix) override {
    std::vector<ClusterState> out;
    for (const auto& [id, c] : clusters) {
      if (id.starts_with(prefix)) out.push_back(c);
    }
    return out;
  }
  Result<void> clone(const std::string&, const std::string&, const std::map<std::string, std::string>&) override { return {}; }
  Result<void> create_instance(const std::string&, const std::string&, const std::string&) override { return {}; }
  Result<void> tag(const std::string& id, const std::map<std::string, std::string>& tags) override {
    calls.push_back(id + " " + tags.begin()->second);
    for (const auto& [k, v] : tags) clusters[id].tags[k] = v;
    return {};
  }
  Result<void> remove(const std::string&) override { return {}; }

  void add(const std::string& id, const std::string& lifecycle) {
    clusters[id] = ClusterState{.id = id, .tags = {{"cutover:lifecycle", lifecycle}}};
  }
  std::map<std::string, ClusterState> clusters{};
  std::vector<std::string> calls{};
};

class CloneLifecycle : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = std::make_unique<TaggedClusters>();
    db_ = db.get();
    providers_.databases["dev"] = std::move(db);
  }
  TagCluster tag(CloneStage stage) { return TagCluster{.account = "dev", .cluster = "prod-YYYYMMDD", .stage = stage}; }

  Plan plan_{};
  ProviderSet providers_{};
  TaggedClusters* db_{nullptr};
  SecretStore secrets_ = SecretStore::open(std::nullopt).value();
  RunFacts run_{.run_date = "20261122"};
  ActionRunner runner_{plan_, providers_, secrets_, run_};
};

TEST_F(CloneLifecycle, AConnectedCloneIsNotTaggedReadyAgain) {
  db_->add("prod-20261122", "connected");
  auto ran = runner_.run(tag(CloneStage::Ready));
  ASSERT_TRUE(ran.has_value()) << ran.error().message;
  EXPECT_TRUE(db_->calls.empty());
  EXPECT_EQ(db_->clusters["prod-20261122"].tags["cutover:lifecycle"], "connected");
  EXPECT_TRUE(runner_.in_effect(tag(CloneStage::Ready)).value());
  EXPECT_TRUE(runner_.in_effect(tag(CloneStage::Connected)).value());
  EXPECT_FALSE(runner_.in_effect(tag(CloneStage::Aborted)).value());
}

TEST_F(CloneLifecycle, ConnectingAbortsTheCloneItReplacesOnce) {
  db_->add("prod-20261121", "connected");
  db_->add("prod-20261122", "ready");
  ASSERT_TRUE(runner_.run(tag(CloneStage::Connected)).has_value());
  EXPECT_EQ(db_->clusters["prod-20261121"].tags["cutover:lifecycle"], "aborted");
  EXPECT_EQ(db_->clusters["prod-20261122"].tags["cutover:lifecycle"], "connected");
  ASSERT_EQ(db_->calls.size(), 2u);
  // Again (a new journal, same day): nothing moves.
  ASSERT_TRUE(runner_.run(tag(CloneStage::Connected)).has_value());
  EXPECT_EQ(db_->calls.size(), 2u);
}

// Found in review: an aborted clone counted as past every stage, so a rerun
// pointed the name at it and clean then deleted the database in use.
TEST_F(CloneLifecycle, AnAbortedCloneIsNotTakenUpAgain) {
  db_->add("prod-20261122", "aborted");
  EXPECT_FALSE(runner_.in_effect(tag(CloneStage::Ready)).value());
  auto ran = runner_.run(tag(CloneStage::Ready));
  ASSERT_FALSE(ran.has_value());
  EXPECT_NE(ran.error().message.find("tagged aborted"), std::string::npos) << ran.error().message;
  EXPECT_TRUE(db_->calls.empty());
  EXPECT_TRUE(runner_.in_effect(tag(CloneStage::Aborted)).value());
}

TEST_F(CloneLifecycle, ACreatedCloneMovesForward) {
  db_->add("prod-20261122", "created");
  EXPECT_FALSE(runner_.in_effect(tag(CloneStage::Ready)).value());
  ASSERT_TRUE(runner_.run(tag(CloneStage::Ready)).has_value());
  EXPECT_EQ(db_->calls, std::vector<std::string>{"prod-20261122 ready"});
}

}  // namespace
}  // namespace cutover::planner
