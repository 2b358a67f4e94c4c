// Route 53 bodies, parsers and the client over a fake server (batching:
// route53_batches_test.cc).

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

TEST(Route53Xml, APrivateZoneNamesItsVpcAfterTheName) {
  EXPECT_NE(
      create_zone_body(
          {.name = "db.example.net", .vpc = CreateZoneRequest::Vpc{.region = "eu-west-1", .id = "vpc-1a2b"}, .caller_reference = "ref-2"})
          .find("<Name>db.example.net</Name><VPC><VPCRegion>eu-west-1</VPCRegion><VPCId>vpc-1a2b</VPCId></VPC>"
                "<CallerReference>ref-2</CallerReference><HostedZoneConfig><PrivateZone>true</PrivateZone></HostedZoneConfig>"),
      std::string::npos);
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

TEST(Route53Xml, HealthCheckBodyAndParseRoundTrip) {
  HealthCheckConfig config{.type = "CALCULATED",
                           .inverted = true,
                           .health_threshold = 2,
                           .child_health_checks = {"c-1", "c-2"},
                           .regions = {"us-east-1", "eu-west-1"},
                           .insufficient_data_health_status = "LastKnownStatus"};
  std::string body = create_health_check_body("ref<1>", config);
  EXPECT_NE(body.find("<CallerReference>ref&lt;1&gt;</CallerReference><HealthCheckConfig><ChildHealthChecks>"
                      "<ChildHealthCheck>c-1</ChildHealthCheck><ChildHealthCheck>c-2</ChildHealthCheck></ChildHealthChecks>"
                      "<HealthThreshold>2</HealthThreshold><InsufficientDataHealthStatus>LastKnownStatus"),
            std::string::npos)
      << body;
  EXPECT_NE(body.find("<Inverted>true</Inverted><Regions><Region>us-east-1</Region>"), std::string::npos) << body;
  // What Route 53 returns for it reads back as the same config.
  std::string response =
      "<GetHealthCheckResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><HealthCheck><Id>hc-9</Id>" +
      body.substr(body.find("<CallerReference>"), body.find("</CreateHealthCheckRequest>") - body.find("<CallerReference>")) +
      "<HealthCheckVersion>1</HealthCheckVersion></HealthCheck></GetHealthCheckResponse>";
  auto parsed = parse_health_check(response, "GetHealthCheckResponse");
  ASSERT_TRUE(parsed.has_value()) << parsed.error().message;
  EXPECT_EQ(parsed->id, "hc-9");
  EXPECT_EQ(parsed->caller_reference, "ref<1>");
  EXPECT_EQ(parsed->config, config);

  auto alarm = parse_health_check_page(
      "<ListHealthChecksResponse><HealthChecks><HealthCheck><Id>hc-1</Id><CallerReference>r</CallerReference>"
      "<HealthCheckConfig><Type>CLOUDWATCH_METRIC</Type><AlarmIdentifier><Region>eu-west-1</Region><Name>5xx</Name>"
      "</AlarmIdentifier></HealthCheckConfig></HealthCheck></HealthChecks><IsTruncated>true</IsTruncated>"
      "<NextMarker>hc-2</NextMarker></ListHealthChecksResponse>");
  ASSERT_TRUE(alarm.has_value()) << alarm.error().message;
  ASSERT_EQ(alarm->checks.size(), 1u);
  EXPECT_EQ(alarm->checks[0].config.alarm, (AlarmIdentifier{.region = "eu-west-1", .name = "5xx"}));
  EXPECT_TRUE(alarm->truncated);
  EXPECT_EQ(alarm->next_marker, "hc-2");

  auto broken = parse_health_check("<GetHealthCheckResponse><HealthCheck><Id>x</Id></HealthCheck></GetHealthCheckResponse>",
                                   "GetHealthCheckResponse");
  ASSERT_FALSE(broken.has_value());
  EXPECT_EQ(broken.error().code, ErrorCode::Corrupt);
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

std::string change_response(std::string_view root, std::string_view id, std::string_view status) {
  return "<" + std::string(root) + "><ChangeInfo><Id>/change/" + std::string(id) + "</Id><Status>" + std::string(status) +
         "</Status></ChangeInfo></" + std::string(root) + ">";
}

std::vector<Change> new_records(int n) {
  std::vector<Change> out;
  for (int i = 0; i < n; ++i) out.push_back({ChangeAction::Create, a_record("n" + std::to_string(i) + ".example.net.", {"192.0.2.1"})});
  return out;
}

// "POST" for a submission, "GET C2" for a poll of change C2.
std::vector<std::string> calls(const FakeHttp& http) {
  std::vector<std::string> out;
  for (const HttpRequest& r : http.requests) {
    out.push_back(r.method == "POST" ? "POST" : "GET " + r.url.substr(r.url.rfind('/') + 1));
  }
  return out;
}

TEST_F(Route53ClientTest, ApplyChangesSubmitsEveryBatchThenWaitsOnce) {
  // 2,345 new records: three full requests, then one wait polling each change until INSYNC.
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C1", "PENDING"));
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C2", "PENDING"));
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C3", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C1", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C1", "INSYNC"));
  http.reply(200, change_response("GetChangeResponse", "C2", "INSYNC"));
  http.reply(200, change_response("GetChangeResponse", "C3", "INSYNC"));
  std::vector<BatchProgress> progress;
  auto infos = client().apply_changes({"Z1"}, new_records(2345), {.on_progress = [&](const BatchProgress& p) { progress.push_back(p); }});
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  ASSERT_EQ(infos->size(), 3u);
  for (const ChangeInfo& info : *infos) EXPECT_EQ(info.status, ChangeStatus::InSync);
  EXPECT_EQ(calls(http), (std::vector<std::string>{"POST", "POST", "POST", "GET C1", "GET C1", "GET C2", "GET C3"}));
  EXPECT_EQ(clock.slept, std::vector<std::chrono::milliseconds>{std::chrono::seconds(2)});  // one sleep: C1 was PENDING once
  // Submitted 1, 2, 3 (none done yet), then INSYNC 1, 2, 3 in order.
  ASSERT_EQ(progress.size(), 6u);
  EXPECT_EQ(progress[2].batch, 3u);
  EXPECT_EQ(progress[2].changes_done, 0u);
  EXPECT_EQ(progress[3].status, ChangeStatus::InSync);
  EXPECT_EQ(progress[3].changes_done, 1000u);
  EXPECT_EQ(progress.back().changes_done, 2345u);
  EXPECT_EQ(progress.back().changes_total, 2345u);
  EXPECT_EQ(progress.back().batches, 3u);
}

TEST_F(Route53ClientTest, ApplyChangesCanWaitAfterEachRequest) {
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C1", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C1", "INSYNC"));
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C2", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C2", "INSYNC"));
  auto infos = client().apply_changes({"Z1"}, new_records(150), {.limits = {.max_changes = 100}, .insync = InsyncWait::AfterEachRequest});
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  EXPECT_EQ(calls(http), (std::vector<std::string>{"POST", "GET C1", "POST", "GET C2"}));
}

TEST_F(Route53ClientTest, ApplyChangesAnsweredInsyncIsNotPolled) {
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C1", "INSYNC"));
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C2", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C2", "INSYNC"));
  auto infos = client().apply_changes({"Z1"}, new_records(1500));
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  EXPECT_EQ(calls(http), (std::vector<std::string>{"POST", "POST", "GET C2"}));
}

TEST_F(Route53ClientTest, ABatchWithAliasesToAnEarlierBatchWaitsForIt) {
  std::vector<Change> changes = new_records(1000);
  changes.push_back(
      {ChangeAction::Create, {.name = "w.example.net.", .type = "A", .alias = AliasTarget{"Z1", "n999.example.net.", false}}});
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C1", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C1", "INSYNC"));
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C2", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C2", "INSYNC"));
  auto infos = client().apply_changes({"Z1"}, changes);
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  EXPECT_EQ(calls(http), (std::vector<std::string>{"POST", "GET C1", "POST", "GET C2"}));
}

TEST_F(Route53ClientTest, PriorRequestNotCompleteIsRetriedThenWaitedOut) {
  std::string prior =
      "<ErrorResponse><Error><Type>Sender</Type><Code>PriorRequestNotComplete</Code><Message>still processing</Message></Error>"
      "</ErrorResponse>";
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C1", "PENDING"));
  for (int i = 0; i < 3; ++i) http.reply(400, prior);  // every attempt of the client's retry policy
  http.reply(200, change_response("GetChangeResponse", "C1", "INSYNC"));
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C2", "PENDING"));
  http.reply(200, change_response("GetChangeResponse", "C2", "INSYNC"));
  auto infos = client().apply_changes({"Z1"}, new_records(1500));
  ASSERT_TRUE(infos.has_value()) << describe(infos.error());
  EXPECT_EQ(calls(http), (std::vector<std::string>{"POST", "POST", "POST", "POST", "GET C1", "POST", "GET C2"}));
}

TEST_F(Route53ClientTest, AFailedBatchSaysWhatWasAcceptedBeforeIt) {
  http.reply(200, change_response("ChangeResourceRecordSetsResponse", "C1", "PENDING"));
  http.reply(400,
             "<InvalidChangeBatch><Messages><Message>Tried to create resource record set n1500.example.net. type A, "
             "but it already exists</Message></Messages></InvalidChangeBatch>");
  auto infos = client().apply_changes({"Z1"}, new_records(1500));
  ASSERT_FALSE(infos.has_value());
  EXPECT_EQ(infos.error().code, ErrorCode::Invalid);
  EXPECT_NE(infos.error().message.find("batch 2/2: "), std::string::npos) << infos.error().message;
  EXPECT_NE(infos.error().message.find("(1 batch accepted before it)"), std::string::npos) << infos.error().message;
  EXPECT_EQ(calls(http), (std::vector<std::string>{"POST", "POST"}));  // no wait for batch 1 after the failure
}

TEST_F(Route53ClientTest, OneWaitHasOneDeadlineForAllItsChanges) {
  int posts = 0;
  http.handler = [&](const HttpRequest& r) -> Result<HttpResponse> {
    if (r.method == "POST") {
      return HttpResponse{.status = 200,
                          .body = change_response("ChangeResourceRecordSetsResponse", "C" + std::to_string(++posts), "PENDING")};
    }
    std::string id = r.url.substr(r.url.rfind('/') + 1);
    // C1 is INSYNC after four sleeps (16.25 s); C2 never is.
    bool insync = id == "C1" && clock.slept.size() >= 4;
    return HttpResponse{.status = 200, .body = change_response("GetChangeResponse", id, insync ? "INSYNC" : "PENDING")};
  };
  auto infos = client().apply_changes({"Z1"}, new_records(1500), {.wait = {.deadline = std::chrono::seconds(30)}});
  ASSERT_FALSE(infos.has_value());
  EXPECT_EQ(infos.error().aws_code, "WaitTimeout");
  EXPECT_NE(infos.error().message.find("(batch 2/2) still PENDING after 30 s"), std::string::npos) << infos.error().message;
  std::chrono::milliseconds total{0};
  for (auto d : clock.slept) total += d;
  EXPECT_LE(total, std::chrono::seconds(30));
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
