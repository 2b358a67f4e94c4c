// The health gates' AWS calls without HTTP: DescribeAlarms (CloudWatch, Query
// protocol) and GetHealthCheckStatus (Route 53), built and parsed.
#include <gtest/gtest.h>

#include "aws/cloudwatch.h"
#include "aws/route53_health_status.h"

namespace cutover::aws {
namespace {

TEST(CloudWatch, DescribeAlarmsAsksForMetricAndCompositeAlarmsByName) {
  auto body = cloudwatch::describe_alarms_query({"shop-5xx", "shop latency"}, "tok").body();
  EXPECT_EQ(body,
            "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=shop-5xx&AlarmNames.member.2=shop%20latency"
            "&AlarmTypes.member.1=MetricAlarm&AlarmTypes.member.2=CompositeAlarm&NextToken=tok");
}

TEST(CloudWatch, ParsesMetricAndCompositeAlarmsAndTheNextToken) {
  auto page = cloudwatch::parse_describe_alarms(R"(<DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
  <DescribeAlarmsResult>
    <MetricAlarms><member><AlarmName>shop-5xx</AlarmName><StateValue>ALARM</StateValue>
      <StateReason>Threshold Crossed: 1 datapoint [42.0] was greater than the threshold (10.0).</StateReason>
      <StateUpdatedTimestamp>2026-01-02T03:04:05.000Z</StateUpdatedTimestamp></member>
      <member><AlarmName>quiet</AlarmName><StateValue>INSUFFICIENT_DATA</StateValue></member></MetricAlarms>
    <CompositeAlarms><member><AlarmName>shop-any</AlarmName><StateValue>OK</StateValue></member></CompositeAlarms>
    <NextToken>page-2</NextToken>
  </DescribeAlarmsResult>
  <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
</DescribeAlarmsResponse>)");
  ASSERT_TRUE(page) << page.error().message;
  ASSERT_EQ(page->alarms.size(), 3u);
  EXPECT_EQ(page->alarms[0].name, "shop-5xx");
  EXPECT_EQ(page->alarms[0].state, cloudwatch::AlarmState::Alarm);
  EXPECT_NE(page->alarms[0].reason.find("greater than the threshold"), std::string::npos);
  EXPECT_EQ(page->alarms[0].updated, "2026-01-02T03:04:05.000Z");
  EXPECT_EQ(page->alarms[1].state, cloudwatch::AlarmState::InsufficientData);
  EXPECT_TRUE(page->alarms[2].composite);
  EXPECT_EQ(page->alarms[2].state, cloudwatch::AlarmState::Ok);
  EXPECT_EQ(page->next_token, "page-2");
  EXPECT_FALSE(cloudwatch::parse_describe_alarms("<ErrorResponse/>"));
}

TEST(HealthCheckStatus, HealthyWhenMoreThanEighteenPercentOfCheckersSucceed) {
  auto observation = [](bool ok) {
    return std::string("<HealthCheckObservation><Region>us-east-1</Region><IPAddress>192.0.2.1</IPAddress><StatusReport><Status>") +
           (ok ? "Success: HTTP Status Code 200, OK" : "Failure: Connection timed out.") +
           "</Status><CheckedTime>2026-01-02T03:04:05Z</CheckedTime></StatusReport></HealthCheckObservation>";
  };
  auto parse = [&](int ok, int failing) {
    std::string xml = "<GetHealthCheckStatusResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><HealthCheckObservations>";
    for (int i = 0; i < ok; ++i) xml += observation(true);
    for (int i = 0; i < failing; ++i) xml += observation(false);
    return route53::parse_health_check_status(xml + "</HealthCheckObservations></GetHealthCheckStatusResponse>").value();
  };
  EXPECT_TRUE(parse(3, 0).healthy());
  EXPECT_TRUE(parse(2, 8).healthy()) << "20 % succeed";
  EXPECT_FALSE(parse(1, 9).healthy()) << "10 % succeed";
  EXPECT_FALSE(parse(0, 0).healthy()) << "no observation says nothing";
  auto failing = parse(0, 1);
  EXPECT_EQ(failing.observations[0].region, "us-east-1");
  EXPECT_EQ(failing.observations[0].status, "Failure: Connection timed out.");
  EXPECT_EQ(route53::health_check_status_path("abc-1"), "/2013-04-01/healthcheck/abc-1/status");
}

}  // namespace
}  // namespace cutover::aws
