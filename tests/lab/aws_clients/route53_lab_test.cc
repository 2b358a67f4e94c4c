// Route 53 against moto behind the lab proxy: zones, idempotent create,
// record pagination over several pages (with set identifiers), batches over
// the per-request limits, PENDING -> INSYNC, requests filled to the limits
// with one wait per call, PriorRequestNotComplete retried, tags, delete.

#include <gtest/gtest.h>

#include <set>

#include "tests/lab/aws_clients/lab_test.h"

namespace cutover::aws::route53 {
namespace {

class Route53Lab : public lab::LabTest {
 protected:
  Client r53() const { return session->route53(); }
};

TEST_F(Route53Lab, CreateGetFindAndIdempotentCreate) {
  CreateZoneRequest request{.name = "lab-one.example", .caller_reference = "cutover-test-lab-one-1", .comment = "test"};
  auto created = r53().create_hosted_zone(request);
  ASSERT_TRUE(created.has_value()) << describe(created.error());
  EXPECT_EQ(created->zone.name, "lab-one.example.");
  EXPECT_EQ(created->name_servers.size(), 4u);
  ASSERT_TRUE(created->change.has_value());

  auto again = r53().create_hosted_zone(request);  // same CallerReference: the same zone, not a second one
  ASSERT_TRUE(again.has_value()) << describe(again.error());
  EXPECT_EQ(again->zone.id, created->zone.id);

  auto got = r53().get_hosted_zone(created->zone.id);
  ASSERT_TRUE(got.has_value()) << describe(got.error());
  EXPECT_EQ(got->name_servers, created->name_servers);
  auto found = r53().find_zones_by_name("LAB-ONE.example");
  ASSERT_TRUE(found.has_value()) << describe(found.error());
  ASSERT_EQ(found->size(), 1u);

  auto missing = r53().get_hosted_zone({"NOSUCHZONE"});
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  EXPECT_EQ(missing.error().http_status, 404);
}

TEST_F(Route53Lab, BatchesOverTheLimitsAndPaginationOverManyPages) {
  auto zone = r53().create_hosted_zone({.name = "big.example", .caller_reference = "cutover-test-big-1"});
  ASSERT_TRUE(zone.has_value()) << describe(zone.error());
  std::vector<Change> changes;
  for (int i = 0; i < 260; ++i) {  // 260 UPSERTs × 2 values × 2 = 1,040 records: over one request's 1,000
    changes.push_back({ChangeAction::Upsert,
                       {.name = "h" + std::to_string(i) + ".big.example.", .type = "A", .ttl = 300, .values = {"192.0.2.1", "192.0.2.2"}}});
  }
  for (int i = 0; i < 4; ++i) {  // weighted records: same name and type, told apart by SetIdentifier
    changes.push_back({ChangeAction::Create,
                       {.name = "w.big.example.",
                        .type = "A",
                        .set_identifier = "s" + std::to_string(i),
                        .weight = 10,
                        .ttl = 60,
                        .values = {"198.51.100." + std::to_string(i)}}});
  }
  std::vector<BatchProgress> progress;
  auto infos = r53().apply_changes(
      zone->zone.id, changes,
      {.comment = "lab", .limits = {.max_changes = 1000}, .on_progress = [&](const BatchProgress& p) { progress.push_back(p); }});
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  EXPECT_EQ(infos->size(), 2u);
  for (const ChangeInfo& info : *infos) EXPECT_EQ(info.status, ChangeStatus::InSync);
  EXPECT_EQ(progress.back().changes_done, changes.size());

  auto records = r53().list_all_records(zone->zone.id, /*page_size=*/7);
  ASSERT_TRUE(records.has_value()) << describe(records.error());
  EXPECT_EQ(records->size(), 260u + 4u + 2u);  // + apex SOA and NS
  std::set<std::string> weighted;
  for (const RecordSet& r : *records) {
    if (r.name == "w.big.example.") weighted.insert(r.set_identifier);
  }
  EXPECT_EQ(weighted, (std::set<std::string>{"s0", "s1", "s2", "s3"}));
  size_t pages = 0;
  for (const auto& entry : lab->log()) pages += entry["operation"] == "ListResourceRecordSets";
  EXPECT_GE(pages, 38u);
}

std::vector<Change> new_records(int n, const std::string& zone) {
  std::vector<Change> out;
  for (int i = 0; i < n; ++i) {
    out.push_back({ChangeAction::Create, {.name = "n" + std::to_string(i) + "." + zone, .type = "A", .ttl = 300, .values = {"192.0.2.1"}}});
  }
  return out;
}

// The operations of the Route 53 calls in the log, in order: "C" for a
// ChangeResourceRecordSets that went through, "c" for one refused, "G" for a GetChange.
std::string calls(const nlohmann::json& log) {
  std::string out;
  for (const auto& entry : log) {
    if (entry["operation"] == "ChangeResourceRecordSets") out += entry["status"] == 200 ? "C" : "c";
    if (entry["operation"] == "GetChange") out += "G";
  }
  return out;
}

TEST_F(Route53Lab, NewRecordsGoInFullRequestsAndOneWait) {
  // 2,345 single-value CREATEs: 3 requests of at most 1,000 records, every
  // one submitted before the first GetChange, each change polled until INSYNC.
  auto zone = r53().create_hosted_zone({.name = "full.example", .caller_reference = "cutover-test-full-1"});
  ASSERT_TRUE(zone.has_value()) << describe(zone.error());
  lab->configure({{"change_pending_seconds", 1}});
  std::vector<BatchProgress> progress;
  auto infos = r53().apply_changes(
      zone->zone.id, new_records(2345, "full.example."),
      {.wait = {.first = std::chrono::milliseconds(200)}, .on_progress = [&](const BatchProgress& p) { progress.push_back(p); }});
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  ASSERT_EQ(infos->size(), 3u);
  for (const ChangeInfo& info : *infos) EXPECT_EQ(info.status, ChangeStatus::InSync);
  std::string seen = calls(lab->log());
  EXPECT_EQ(seen.substr(0, 4), "CCCG") << seen;  // no wait between the submissions
  EXPECT_EQ(seen.find_first_not_of('G', 3), std::string::npos) << seen;
  EXPECT_GE(seen.size(), 6u) << "each of the 3 changes polled at least once (PENDING for 1 s)";
  EXPECT_EQ(progress.size(), 6u);
  EXPECT_EQ(progress.back().changes_done, 2345u);
  auto records = r53().list_all_records(zone->zone.id);
  ASSERT_TRUE(records.has_value()) << describe(records.error());
  EXPECT_EQ(records->size(), 2345u + 2u);  // + apex SOA and NS
}

TEST_F(Route53Lab, PriorRequestNotCompleteIsRetriedAndSucceeds) {
  auto zone = r53().create_hosted_zone({.name = "prior.example", .caller_reference = "cutover-test-prior-1"});
  ASSERT_TRUE(zone.has_value()) << describe(zone.error());
  lab->add_fault({{"service", "route53"},
                  {"operation", "ChangeResourceRecordSets"},
                  {"kind", "error"},
                  {"status", 400},
                  {"code", "PriorRequestNotComplete"},
                  {"message", "The request was rejected because Route 53 was still processing a prior request."},
                  {"count", 2}});
  auto infos = r53().apply_changes(zone->zone.id, new_records(10, "prior.example."));  // CREATEs: refused, so safe to resend
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  size_t forwarded = 0;
  for (const auto& entry : lab->log()) {
    if (entry["operation"] == "ChangeResourceRecordSets") forwarded += entry.value("forwarded", false);
  }
  EXPECT_EQ(calls(lab->log()), "ccC");
  EXPECT_EQ(forwarded, 1u);
  EXPECT_EQ(r53().list_all_records(zone->zone.id)->size(), 10u + 2u);
}

TEST_F(Route53Lab, PriorRequestNotCompleteThatOutlastsTheRetriesIsWaitedOut) {
  // The lab refuses a change to a zone while its last change is PENDING
  // (2 s here), longer than the client's retries (3 attempts, short backoff)
  // last: the second batch is sent again once the first is INSYNC.
  auto zone = r53().create_hosted_zone({.name = "busy.example", .caller_reference = "cutover-test-busy-1"});
  ASSERT_TRUE(zone.has_value()) << describe(zone.error());
  lab->configure({{"change_pending_seconds", 2}, {"prior_request_not_complete", 1}});
  auto infos = r53().apply_changes(zone->zone.id, new_records(1500, "busy.example."), {.wait = {.first = std::chrono::milliseconds(200)}});
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  std::string seen = calls(lab->log());
  EXPECT_EQ(seen.substr(0, 5), "CcccG") << seen;
  EXPECT_NE(seen.find("GC"), std::string::npos) << seen;
  EXPECT_EQ(r53().list_all_records(zone->zone.id)->size(), 1500u + 2u);
}

TEST_F(Route53Lab, PendingChangeIsWaitedForUntilInsync) {
  lab->configure({{"change_pending_seconds", 1}});
  auto zone = r53().create_hosted_zone({.name = "slow.example", .caller_reference = "cutover-test-slow-1"});
  ASSERT_TRUE(zone.has_value()) << describe(zone.error());
  auto info = r53().change_resource_record_sets(
      zone->zone.id, {{ChangeAction::Create, {.name = "a.slow.example.", .type = "TXT", .ttl = 60, .values = {"\"x y\""}}}});
  ASSERT_TRUE(info.has_value()) << describe(info.error());
  EXPECT_EQ(info->status, ChangeStatus::Pending);
  auto synced = r53().wait_for_change(info->id, {.first = std::chrono::milliseconds(200), .deadline = std::chrono::seconds(20)});
  ASSERT_TRUE(synced.has_value()) << describe(synced.error());
  EXPECT_EQ(synced->status, ChangeStatus::InSync);
  auto bogus = r53().get_change({"CNOSUCHCHANGE"});
  ASSERT_FALSE(bogus.has_value());
  EXPECT_EQ(bogus.error().code, ErrorCode::NotFound);
}

TEST_F(Route53Lab, InvalidBatchIsRefusedWithTheMessages) {
  auto zone = r53().create_hosted_zone({.name = "bad.example", .caller_reference = "cutover-test-bad-1"});
  ASSERT_TRUE(zone.has_value());
  RecordSet record{.name = "gone.bad.example.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}};
  auto info = r53().change_resource_record_sets(zone->zone.id, {{ChangeAction::Delete, record}});
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().code, ErrorCode::Invalid);
  EXPECT_EQ(info.error().http_status, 400);
  EXPECT_FALSE(info.error().message.empty());
}

TEST_F(Route53Lab, TagsAndDelete) {
  auto zone = r53().create_hosted_zone({.name = "tags.example", .caller_reference = "cutover-test-tags-1"});
  ASSERT_TRUE(zone.has_value());
  auto tagged = r53().change_tags(zone->zone.id, {{"managed-by", "cutover"}, {"pr", "123"}});
  ASSERT_TRUE(tagged.has_value()) << describe(tagged.error());
  auto untagged = r53().change_tags(zone->zone.id, {}, {"pr"});
  ASSERT_TRUE(untagged.has_value()) << describe(untagged.error());
  auto record = r53().apply_changes(zone->zone.id,
                                    {{ChangeAction::Create, {.name = "x.tags.example.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}}}});
  ASSERT_TRUE(record.has_value());
  auto not_empty = r53().delete_hosted_zone(zone->zone.id);
  ASSERT_FALSE(not_empty.has_value());
  EXPECT_EQ(not_empty.error().aws_code, "HostedZoneNotEmpty");
  EXPECT_EQ(not_empty.error().code, ErrorCode::Conflict);
  ASSERT_TRUE(r53()
                  .apply_changes(zone->zone.id,
                                 {{ChangeAction::Delete, {.name = "x.tags.example.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}}}})
                  .has_value());
  auto deleted = r53().delete_hosted_zone(zone->zone.id);
  ASSERT_TRUE(deleted.has_value()) << describe(deleted.error());
  EXPECT_EQ(r53().get_hosted_zone(zone->zone.id).error().code, ErrorCode::NotFound);
}

}  // namespace
}  // namespace cutover::aws::route53
