// Cutting record changes into ChangeResourceRecordSets requests filled to
// Route 53's two limits (1,000 ResourceRecord elements, 32,000 Value
// characters, an UPSERT counting twice), keeping aliases after their targets.

#include "aws/route53_batches.h"

#include <gtest/gtest.h>

namespace cutover::aws::route53 {
namespace {

RecordSet a_record(std::string name, std::vector<std::string> values) {
  return {.name = std::move(name), .type = "A", .ttl = 300, .values = std::move(values)};
}

std::vector<Change> creates(int n, std::string_view prefix = "n") {
  std::vector<Change> out;
  for (int i = 0; i < n; ++i)
    out.push_back({ChangeAction::Create, a_record(std::string(prefix) + std::to_string(i) + ".example.net.", {"192.0.2.1"})});
  return out;
}

Change alias(std::string name, std::string target, ChangeAction action) {
  return Change{action, {.name = std::move(name), .type = "A", .alias = AliasTarget{"Z1", std::move(target), false}}};
}

std::vector<size_t> sizes(const std::vector<std::vector<Change>>& batches) {
  std::vector<size_t> out;
  for (const auto& batch : batches) out.push_back(batch.size());
  return out;
}

TEST(Route53Batches, CostCountsRecordsAndCharactersAndDoublesUpserts) {
  Change create{ChangeAction::Create, a_record("a.", {"192.0.2.1", "192.0.2.22"})};
  EXPECT_EQ(cost_of(create).records, 2u);
  EXPECT_EQ(cost_of(create).value_chars, 19u);
  Change del{ChangeAction::Delete, create.record};  // the docs double UPSERT only
  EXPECT_EQ(cost_of(del).records, 2u);
  Change upsert{ChangeAction::Upsert, create.record};
  EXPECT_EQ(cost_of(upsert).records, 4u);
  EXPECT_EQ(cost_of(upsert).value_chars, 38u);
  EXPECT_EQ(cost_of(alias("w.", "t.", ChangeAction::Create)).records, 1u);
}

TEST(Route53Batches, SingleValueCreatesFillRequestsToOneThousandRecords) {
  // 2,345 new records: 3 requests, not the 24 of 100 changes each.
  auto batches = split_into_batches(creates(2345));
  ASSERT_TRUE(batches.has_value());
  EXPECT_EQ(sizes(*batches), (std::vector<size_t>{1000, 1000, 345}));
  auto exact = split_into_batches(creates(1000));
  EXPECT_EQ(sizes(*exact), (std::vector<size_t>{1000}));
  auto one_more = split_into_batches(creates(1001));
  EXPECT_EQ(sizes(*one_more), (std::vector<size_t>{1000, 1}));
}

TEST(Route53Batches, UpsertsCountTwice) {
  std::vector<Change> changes;
  for (int i = 0; i < 300; ++i) {
    changes.push_back({ChangeAction::Upsert, a_record("n" + std::to_string(i) + ".example.net.", {"192.0.2.1", "192.0.2.2"})});
  }
  auto batches = split_into_batches(changes);
  ASSERT_TRUE(batches.has_value());
  EXPECT_EQ(sizes(*batches), (std::vector<size_t>{250, 50}));  // 250 upserts × 2 values × 2 = 1,000
}

TEST(Route53Batches, ValueCharactersFillToThirtyTwoThousand) {
  std::vector<Change> changes;
  std::string long_txt = "\"" + std::string(253, 'x') + "\"";  // 255 characters
  for (int i = 0; i < 130; ++i) {
    changes.push_back({ChangeAction::Create, {.name = "t" + std::to_string(i) + ".", .type = "TXT", .ttl = 60, .values = {long_txt}}});
  }
  auto batches = split_into_batches(changes);
  ASSERT_TRUE(batches.has_value());
  EXPECT_EQ(sizes(*batches), (std::vector<size_t>{125, 5}));  // 125 × 255 = 31,875 <= 32,000 < 126 × 255
  for (Change& c : changes) c.action = ChangeAction::Upsert;  // twice the characters: 62 per request
  EXPECT_EQ(sizes(*split_into_batches(changes)), (std::vector<size_t>{62, 62, 6}));
}

TEST(Route53Batches, MixedActionsShareTheLimits) {
  // 400 UPSERTs (800) + 150 CREATEs (150) + 100 DELETEs (100) = 1,050 records: two requests.
  std::vector<Change> changes;
  for (int i = 0; i < 400; ++i) changes.push_back({ChangeAction::Upsert, a_record("u" + std::to_string(i) + ".", {"192.0.2.1"})});
  for (int i = 0; i < 150; ++i) changes.push_back({ChangeAction::Create, a_record("c" + std::to_string(i) + ".", {"192.0.2.1"})});
  for (int i = 0; i < 100; ++i) changes.push_back({ChangeAction::Delete, a_record("d" + std::to_string(i) + ".", {"192.0.2.1"})});
  auto batches = split_into_batches(changes);
  ASSERT_TRUE(batches.has_value());
  ASSERT_EQ(batches->size(), 2u);
  size_t records = 0;
  for (const Change& c : (*batches)[0]) records += cost_of(c).records;
  EXPECT_LE(records, 1000u);
  EXPECT_GE(records, 999u);  // filled: the next change (1 or 2) would not fit
  EXPECT_EQ((*batches)[0].size() + (*batches)[1].size(), 650u);
}

TEST(Route53Batches, ACapOnChangesIsOnlyWhatTheCallerAsks) {
  EXPECT_EQ(sizes(*split_into_batches(creates(250), {.max_changes = 100})), (std::vector<size_t>{100, 100, 50}));
}

TEST(Route53Batches, AChangeOverTheLimitsAloneIsRefusedByName) {
  std::string long_txt = "\"" + std::string(253, 'x') + "\"";
  std::vector<Change> changes = creates(3);
  changes.push_back({ChangeAction::Create, {.name = "big.example.net.", .type = "TXT", .ttl = 60, .values = std::vector(126, long_txt)}});
  auto batches = split_into_batches(changes);
  ASSERT_FALSE(batches.has_value());
  EXPECT_EQ(batches.error().code, ErrorCode::Invalid);
  EXPECT_NE(batches.error().message.find("CREATE of big.example.net. TXT"), std::string::npos) << batches.error().message;
  // 63 such values fit as a CREATE (16,065 characters) but not as an UPSERT (32,130).
  changes.back().record.values.resize(63);
  EXPECT_TRUE(split_into_batches(changes).has_value());
  changes.back().action = ChangeAction::Upsert;
  EXPECT_FALSE(split_into_batches(changes).has_value());
}

TEST(Route53Batches, AliasTargetsBeforeAliasesAndAliasDeletesFirst) {
  std::vector<Change> ordered = order_changes({
      alias("b.example.net.", "a.example.net", ChangeAction::Create),  // alias to an alias
      alias("a.example.net.", "target.example.net.", ChangeAction::Create),
      {ChangeAction::Create, a_record("target.example.net.", {"192.0.2.1"})},
      alias("old.example.net.", "gone.example.net.", ChangeAction::Delete),
      {ChangeAction::Delete, a_record("gone.example.net.", {"192.0.2.9"})},
  });
  std::vector<std::string> names;
  for (const Change& c : ordered) names.push_back(c.record.name);
  EXPECT_EQ(names,
            (std::vector<std::string>{"old.example.net.", "target.example.net.", "gone.example.net.", "a.example.net.", "b.example.net."}));
}

TEST(Route53Batches, AliasOrderHoldsAcrossBatchBoundaries) {
  // Aliases listed first, targets last, 1,200 records in all: the targets
  // fill the first request and the aliases (to the last 200) land in the second.
  std::vector<Change> changes;
  for (int i = 800; i < 1000; ++i) {
    changes.push_back(alias("w" + std::to_string(i) + ".example.net.", "n" + std::to_string(i) + ".example.net.", ChangeAction::Create));
  }
  for (Change& c : creates(1000)) changes.push_back(std::move(c));
  auto batches = split_into_batches(changes);
  ASSERT_TRUE(batches.has_value());
  ASSERT_EQ(sizes(*batches), (std::vector<size_t>{1000, 200}));
  for (const Change& c : (*batches)[0]) EXPECT_FALSE(c.record.alias.has_value()) << c.record.name;
  for (const Change& c : (*batches)[1]) EXPECT_TRUE(c.record.alias.has_value()) << c.record.name;
  // The second depends on the first, so it is not sent before the first is INSYNC.
  EXPECT_TRUE(depends_on((*batches)[1], (*batches)[0]));

  // Deleting them: the aliases go in the first request, their targets in the second.
  for (Change& c : changes) c.action = ChangeAction::Delete;
  auto deletes = split_into_batches(changes);
  ASSERT_EQ(sizes(*deletes), (std::vector<size_t>{1000, 200}));
  for (size_t i = 0; i < 200; ++i) EXPECT_TRUE((*deletes)[0][i].record.alias.has_value());
  EXPECT_TRUE(depends_on((*deletes)[1], (*deletes)[0]));
}

TEST(Route53Batches, BatchesWithoutAliasesBetweenThemDoNotDependOnEachOther) {
  auto first = creates(10, "a");
  auto second = creates(10, "b");
  EXPECT_FALSE(depends_on(second, first));
  second.push_back(alias("x.example.net.", "elsewhere.example.com.", ChangeAction::Create));
  EXPECT_FALSE(depends_on(second, first));
  second.push_back(alias("y.example.net.", "A3.Example.Net", ChangeAction::Create));  // names compare without case and dot
  EXPECT_TRUE(depends_on(second, first));
}

}  // namespace
}  // namespace cutover::aws::route53
