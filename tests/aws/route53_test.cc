// Route 53 bodies, parsers, batching and the client over a fake server.

#include "aws/route53.h"

#include <gtest/gtest.h>

#include "aws/route53_xml.h"
#include "tests/aws/fakes.h"

namespace cutover::aws::route53 {
namespace {

using aws::testing::FakeClock;
using aws::testing::FakeHttp;

RecordSet a_record(std::string name, std::vector<std::string> values) {
  return {.name = std::move(name), .type = "A", .ttl = 300, .values = std::move(values)};
}

TEST(Route53Xml, CreateZoneBodyInModelOrder) {
  EXPECT_EQ(create_zone_body({.name = "pr-1.example.net", .caller_reference = "ref-1", .comment = "a<b"}),
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><CreateHostedZoneRequest "
            "xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><Name>pr-1.example.net</Name>"
            "<CallerReference>ref-1</CallerReference><HostedZoneConfig><Comment>a&lt;b</Comment>"
            "</HostedZoneConfig></CreateHostedZoneRequest>");
}

TEST(Route53Xml, ChangeBatchWithAliasAndTxt) {
  std::string body = change_batch_body({{ChangeAction::Upsert, {.name = "t.example.net.", .type = "TXT", .ttl = 60, .values = {"\"a b\""}}},
                                        {ChangeAction::Create,
                                         {.name = "w.example.net.",
                                          .type = "A",
                                          .set_identifier = "blue",
                                          .weight = 10,
                                          .alias = AliasTarget{"Z35", "lb.example.com.", false}}}},
                                       "why");
  EXPECT_NE(body.find("<ChangeBatch><Comment>why</Comment><Changes><Change><Action>UPSERT</Action>"
                      "<ResourceRecordSet><Name>t.example.net.</Name><Type>TXT</Type><TTL>60</TTL>"
                      "<ResourceRecords><ResourceRecord><Value>\"a b\"</Value></ResourceRecord></ResourceRecords>"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<Type>A</Type><SetIdentifier>blue</SetIdentifier><Weight>10</Weight><AliasTarget>"
                      "<HostedZoneId>Z35</HostedZoneId><DNSName>lb.example.com.</DNSName>"
                      "<EvaluateTargetHealth>false</EvaluateTargetHealth></AliasTarget>"),
            std::string::npos)
      << body;
}

TEST(Route53Xml, ParsesRecordPagesWithIdentifiers) {
  auto page = parse_record_page(R"(<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
    <ResourceRecordSets><ResourceRecordSet><Name>\052.example.net.</Name><Type>CNAME</Type><TTL>60</TTL>
    <ResourceRecords><ResourceRecord><Value>x.example.com</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>
    <ResourceRecordSet><Name>w.example.net.</Name><Type>A</Type><SetIdentifier>b</SetIdentifier><Weight>5</Weight>
    <AliasTarget><HostedZoneId>Z1</HostedZoneId><DNSName>t.</DNSName><EvaluateTargetHealth>true</EvaluateTargetHealth></AliasTarget>
    </ResourceRecordSet></ResourceRecordSets><IsTruncated>true</IsTruncated><NextRecordName>x.example.net.</NextRecordName>
    <NextRecordType>A</NextRecordType><NextRecordIdentifier>green</NextRecordIdentifier><MaxItems>2</MaxItems>
    </ListResourceRecordSetsResponse>)");
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->records.size(), 2u);
  EXPECT_EQ(page->records[0].name, "\\052.example.net.");
  EXPECT_EQ(page->records[0].ttl, 60);
  EXPECT_EQ(page->records[1].weight, 5);
  EXPECT_TRUE(page->records[1].alias->evaluate_target_health);
  EXPECT_FALSE(page->records[1].ttl.has_value());
  EXPECT_TRUE(page->truncated);
  EXPECT_EQ(page->next.identifier, "green");
}

// Sets a copy cannot carry must be seen to be refused by name: the parser
// keeps TrafficPolicyInstanceId, CidrRoutingConfig and GeoProximityLocation.
TEST(Route53Xml, ParsesAndWritesTrafficPolicyCidrAndGeoproximity) {
  auto page = parse_record_page(R"(<ListResourceRecordSetsResponse xmlns="https://route53.amazonaws.com/doc/2013-04-01/">
    <ResourceRecordSets><ResourceRecordSet><Name>tp.example.net.</Name><Type>A</Type><TTL>60</TTL>
    <ResourceRecords><ResourceRecord><Value>192.0.2.1</Value></ResourceRecord></ResourceRecords>
    <TrafficPolicyInstanceId>tpi-1</TrafficPolicyInstanceId></ResourceRecordSet>
    <ResourceRecordSet><Name>ip.example.net.</Name><Type>A</Type><SetIdentifier>office</SetIdentifier><TTL>60</TTL>
    <ResourceRecords><ResourceRecord><Value>192.0.2.2</Value></ResourceRecord></ResourceRecords>
    <CidrRoutingConfig><CollectionId>c-1</CollectionId><LocationName>hq</LocationName></CidrRoutingConfig></ResourceRecordSet>
    <ResourceRecordSet><Name>gp.example.net.</Name><Type>A</Type><SetIdentifier>c</SetIdentifier><TTL>60</TTL>
    <ResourceRecords><ResourceRecord><Value>192.0.2.3</Value></ResourceRecord></ResourceRecords>
    <GeoProximityLocation><Coordinates><Latitude>49.22</Latitude><Longitude>-74.01</Longitude></Coordinates><Bias>-20</Bias>
    </GeoProximityLocation></ResourceRecordSet></ResourceRecordSets><IsTruncated>false</IsTruncated><MaxItems>300</MaxItems>
    </ListResourceRecordSetsResponse>)");
  ASSERT_TRUE(page.has_value());
  ASSERT_EQ(page->records.size(), 3u);
  EXPECT_EQ(page->records[0].traffic_policy_instance_id, "tpi-1");
  EXPECT_EQ(page->records[1].cidr_routing, (CidrRoutingConfig{"c-1", "hq"}));
  EXPECT_EQ(page->records[2].geo_proximity, (GeoProximityLocation{.latitude = "49.22", .longitude = "-74.01", .bias = -20}));

  std::string body = change_batch_body({{ChangeAction::Delete, page->records[1]}, {ChangeAction::Create, page->records[2]}}, "");
  EXPECT_NE(body.find("<CidrRoutingConfig><CollectionId>c-1</CollectionId><LocationName>hq</LocationName></CidrRoutingConfig>"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<GeoProximityLocation><Coordinates><Latitude>49.22</Latitude><Longitude>-74.01</Longitude></Coordinates>"
                      "<Bias>-20</Bias></GeoProximityLocation>"),
            std::string::npos)
      << body;
}

TEST(Route53Xml, ParsesZoneDetailsAndStripsIdPrefixes) {
  auto details = parse_zone_details(R"(<CreateHostedZoneResponse><HostedZone><Id>/hostedzone/Z044</Id>
    <Name>pr-1.example.net.</Name><CallerReference>ref</CallerReference><Config><Comment>c</Comment>
    <PrivateZone>false</PrivateZone></Config><ResourceRecordSetCount>2</ResourceRecordSetCount></HostedZone>
    <ChangeInfo><Id>/change/C07</Id><Status>PENDING</Status><SubmittedAt>2026-01-31T23:59:01.512Z</SubmittedAt></ChangeInfo>
    <DelegationSet><NameServers><NameServer>ns-1.awsdns-08.org</NameServer><NameServer>ns-2.awsdns-55.co.uk</NameServer>
    </NameServers></DelegationSet></CreateHostedZoneResponse>)",
                                    "CreateHostedZoneResponse");
  ASSERT_TRUE(details.has_value());
  EXPECT_EQ(details->zone.id.value, "Z044");
  EXPECT_EQ(details->zone.record_count, 2);
  EXPECT_EQ(details->change->id.value, "C07");
  EXPECT_EQ(details->name_servers.size(), 2u);
  EXPECT_FALSE(parse_zone_details("<GetHostedZoneResponse/>", "CreateHostedZoneResponse").has_value());
  EXPECT_EQ(parse_zone_details("not xml", "X").error().code, ErrorCode::Corrupt);
}

TEST(Route53Batches, UpsertCountsTwiceAndLimitsHold) {
  std::vector<Change> changes;
  for (int i = 0; i < 300; ++i) {
    changes.push_back({ChangeAction::Upsert, a_record("n" + std::to_string(i) + ".example.net.", {"192.0.2.1", "192.0.2.2"})});
  }
  EXPECT_EQ(cost_of(changes[0]).records, 4u);
  auto batches = split_into_batches(changes, {.max_changes = 1000, .max_records = 1000, .max_value_chars = 32000});
  ASSERT_TRUE(batches.has_value());
  ASSERT_EQ(batches->size(), 2u);  // 250 upserts × 4 records = 1000
  EXPECT_EQ((*batches)[0].size(), 250u);
  auto hundred = split_into_batches(changes);
  EXPECT_EQ(hundred->size(), 3u);  // 100 changes per batch at most
}

TEST(Route53Batches, ValueCharactersLimit) {
  std::vector<Change> changes;
  std::string long_txt = "\"" + std::string(253, 'x') + "\"";  // 255 characters
  for (int i = 0; i < 130; ++i) {
    changes.push_back({ChangeAction::Create, {.name = "t" + std::to_string(i) + ".", .type = "TXT", .ttl = 60, .values = {long_txt}}});
  }
  auto batches = split_into_batches(changes, {.max_changes = 1000});
  ASSERT_TRUE(batches.has_value());
  ASSERT_EQ(batches->size(), 2u);
  EXPECT_EQ((*batches)[0].size(), 125u);  // 125 × 255 = 31,875 <= 32,000
  changes[0].record.values.assign(200, long_txt);
  EXPECT_EQ(split_into_batches(changes).error().code, ErrorCode::Invalid);
}

TEST(Route53Batches, AliasTargetsBeforeAliasesAndAliasDeletesFirst) {
  auto alias = [](std::string name, std::string target, ChangeAction action) {
    return Change{action, {.name = std::move(name), .type = "A", .alias = AliasTarget{"Z1", std::move(target), false}}};
  };
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

class Route53ClientTest : public ::testing::Test {
 protected:
  Client client() {
    return Client(
        ServiceClient({.url = "http://r53", .signing_region = "us-east-1", .signing_name = "route53", .protocol = Protocol::RestXml},
                      {.http = &http, .credentials = &creds, .clock = &clock, .random = [] { return 0.0; }}));
  }
  FakeHttp http;
  FakeClock clock;
  StaticCredentialsProvider creds{Credentials{"AKID", "secret"}};
};

std::string change_response(std::string_view root, std::string_view status) {
  return "<" + std::string(root) + "><ChangeInfo><Id>/change/C1</Id><Status>" + std::string(status) + "</Status></ChangeInfo></" +
         std::string(root) + ">";
}

TEST_F(Route53ClientTest, ListAllRecordsFollowsNameTypeAndIdentifier) {
  http.reply(200,
             "<ListResourceRecordSetsResponse><ResourceRecordSets><ResourceRecordSet><Name>a.</Name><Type>A</Type>"
             "</ResourceRecordSet></ResourceRecordSets><IsTruncated>true</IsTruncated><NextRecordName>b.</NextRecordName>"
             "<NextRecordType>A</NextRecordType><NextRecordIdentifier>x y</NextRecordIdentifier></ListResourceRecordSetsResponse>");
  http.reply(200,
             "<ListResourceRecordSetsResponse><ResourceRecordSets><ResourceRecordSet><Name>b.</Name><Type>A</Type>"
             "</ResourceRecordSet></ResourceRecordSets><IsTruncated>false</IsTruncated></ListResourceRecordSetsResponse>");
  auto records = client().list_all_records({"/hostedzone/Z9"}, 1);
  ASSERT_TRUE(records.has_value());
  EXPECT_EQ(records->size(), 2u);
  ASSERT_EQ(http.requests.size(), 2u);
  EXPECT_EQ(http.requests[0].url, "http://r53/2013-04-01/hostedzone/Z9/rrset?maxitems=1");
  EXPECT_EQ(http.requests[1].url, "http://r53/2013-04-01/hostedzone/Z9/rrset?name=b.&type=A&identifier=x%20y&maxitems=1");
}

TEST_F(Route53ClientTest, WaitForChangePollsWithGrowingDelaysUntilInsync) {
  http.reply(200, change_response("GetChangeResponse", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "INSYNC"));
  auto info = client().wait_for_change({"C1"}, {.first = std::chrono::seconds(2), .factor = 2.0});
  ASSERT_TRUE(info.has_value());
  EXPECT_EQ(info->status, ChangeStatus::InSync);
  EXPECT_EQ(clock.slept, (std::vector<std::chrono::milliseconds>{std::chrono::seconds(2), std::chrono::seconds(4)}));
}

TEST_F(Route53ClientTest, WaitForChangeStopsAtTheDeadline) {
  http.handler = [](const HttpRequest&) -> Result<HttpResponse> {
    return HttpResponse{.status = 200, .body = change_response("GetChangeResponse", "PENDING")};
  };
  auto info = client().wait_for_change({"C1"}, {.deadline = std::chrono::seconds(30)});
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(info.error().aws_code, "WaitTimeout");
  EXPECT_LE(clock.slept.size(), 5u);
}

TEST_F(Route53ClientTest, ApplyChangesSendsBatchesOneAtATimeAndReportsProgress) {
  std::vector<Change> changes;
  for (int i = 0; i < 150; ++i) changes.push_back({ChangeAction::Upsert, a_record("n" + std::to_string(i) + ".", {"192.0.2.1"})});
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "INSYNC"));
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "INSYNC"));
  std::vector<BatchProgress> progress;
  auto infos = client().apply_changes({"Z1"}, changes, {.on_progress = [&](const BatchProgress& p) { progress.push_back(p); }});
  ASSERT_TRUE(infos.has_value());
  EXPECT_EQ(infos->size(), 2u);
  EXPECT_EQ(http.requests.size(), 4u);
  ASSERT_EQ(progress.size(), 4u);
  EXPECT_EQ(progress.back().changes_done, 150u);
  EXPECT_EQ(progress.back().batches, 2u);
}

TEST_F(Route53ClientTest, CreateZoneAdoptsTheZoneWithTheSameCallerReference) {
  http.reply(200, "<ListHostedZonesByNameResponse><HostedZones/><IsTruncated>false</IsTruncated></ListHostedZonesByNameResponse>");
  http.reply(409, "<ErrorResponse><Error><Code>HostedZoneAlreadyExists</Code><Message>exists</Message></Error></ErrorResponse>");
  http.reply(200,
             "<ListHostedZonesByNameResponse><HostedZones><HostedZone><Id>/hostedzone/ZOTHER</Id><Name>x.net.</Name>"
             "<CallerReference>other</CallerReference></HostedZone><HostedZone><Id>/hostedzone/ZMINE</Id><Name>x.net.</Name>"
             "<CallerReference>mine</CallerReference></HostedZone></HostedZones><IsTruncated>false</IsTruncated>"
             "</ListHostedZonesByNameResponse>");
  http.reply(200,
             "<GetHostedZoneResponse><HostedZone><Id>/hostedzone/ZMINE</Id><Name>x.net.</Name></HostedZone>"
             "</GetHostedZoneResponse>");
  auto zone = client().create_hosted_zone({.name = "X.net", .caller_reference = "mine"});
  ASSERT_TRUE(zone.has_value());
  EXPECT_EQ(zone->zone.id.value, "ZMINE");
  EXPECT_EQ(http.requests.size(), 4u);
  EXPECT_EQ(http.requests[0].url, "http://r53/2013-04-01/hostedzonesbyname?dnsname=x.net.&maxitems=100");
}

TEST_F(Route53ClientTest, CreateOrDeleteBatchIsNotResentAfter5xx) {
  http.reply(503, "");
  auto info = client().change_resource_record_sets({"Z1"}, {{ChangeAction::Create, a_record("a.", {"192.0.2.1"})}});
  ASSERT_FALSE(info.has_value());
  EXPECT_EQ(http.requests.size(), 1u);
  http.reply(503, "");
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "PENDING"));
  info = client().change_resource_record_sets({"Z1"}, {{ChangeAction::Upsert, a_record("a.", {"192.0.2.1"})}});
  EXPECT_TRUE(info.has_value());  // only UPSERTs: safe to resend
}

}  // namespace
}  // namespace cutover::aws::route53
