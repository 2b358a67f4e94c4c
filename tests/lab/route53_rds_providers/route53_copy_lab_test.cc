// A production-shaped Route 53 zone copied into a new zone by the copy
// action, against moto behind the lab proxy: aliases to AWS resources (an ELB
// at the apex, CloudFront for A and AAAA) and to a record of the same zone,
// weighted, latency, failover (with a health check), geolocation (with the
// default location) and multivalue sets, and the less common types. Every
// record set must come out identical, the same-zone alias pointing at the
// new zone; a copy into another account must refuse the sets that use a
// health check, by name, before any change.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <regex>

#include "aws/route53_xml.h"
#include "planner/providers/record_ops.h"
#include "planner/providers/route53_records.h"
#include "planner/providers/route53_zone.h"
#include "planner/run/action_runner.h"
#include "planner/run/copy_check.h"
#include "tests/lab/route53_rds_providers/providers_lab.h"

namespace cutover::planner::lab {
namespace {

namespace r53 = aws::route53;

constexpr const char* kElbZone = "Z35SXDOTRQ7X7K";  // ELB (classic) in us-east-1: the same id in every account
constexpr const char* kCloudFront = "Z2FDTNDATAQYW2";

r53::RecordSet plain(std::string name, std::string type, std::vector<std::string> values, long ttl = 300) {
  return {.name = std::move(name), .type = std::move(type), .ttl = ttl, .values = std::move(values)};
}

r53::RecordSet routed(std::string name, std::string id, std::string value) {
  return {.name = std::move(name), .type = "A", .set_identifier = std::move(id), .ttl = 60, .values = {std::move(value)}};
}

// The zone as its owner built it, in Route 53's own terms. `zone_id` is the
// zone's own id (the same-zone alias names it); `health_check` the check
// the failover primary and a multivalue answer use.
std::vector<r53::RecordSet> production_zone(const std::string& zone_id, const std::string& health_check) {
  std::vector<r53::RecordSet> out{
      {.name = "example.com.", .type = "A", .alias = r53::AliasTarget{kElbZone, "dualstack.web-1234.us-east-1.elb.amazonaws.com.", true}},
      {.name = "www.example.com.", .type = "A", .alias = r53::AliasTarget{kCloudFront, "d111111abcdef8.cloudfront.net.", false}},
      {.name = "www.example.com.", .type = "AAAA", .alias = r53::AliasTarget{kCloudFront, "d111111abcdef8.cloudfront.net.", false}},
      plain("origin.example.com.", "A", {"192.0.2.5"}),
      {.name = "shop.example.com.", .type = "A", .alias = r53::AliasTarget{zone_id, "origin.example.com.", false}},
      plain("example.com.", "MX", {"10 mail.example.com.", "20 backup.example.net."}, 3600),
      plain("example.com.", "TXT", {"\"v=spf1 include:_spf.example.net -all\"", "\"" + std::string(255, 'a') + "\" \"tail\""}),
      plain("example.com.", "SPF", {"\"v=spf1 -all\""}),
      plain("example.com.", "CAA", {"0 issue \"amazon.com\"", "0 iodef \"mailto:security@example.com\""}),
      plain("_sip._udp.example.com.", "NAPTR", {"100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.com."}),
      plain("_443._tcp.www.example.com.", "TLSA", {"3 1 1 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}),
      plain("host.example.com.", "SSHFP", {"4 2 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}),
      plain("svc.example.com.", "HTTPS", {"1 . alpn=\"h2,h3\""}),
  };
  auto weighted = [&](std::string id, long weight, std::string value) {
    auto r = routed("w.example.com.", std::move(id), std::move(value));
    r.weight = weight;
    return r;
  };
  out.push_back(weighted("blue", 70, "192.0.2.10"));
  out.push_back(weighted("green", 30, "192.0.2.11"));
  auto latency = [&](std::string region, std::string value) {
    auto r = routed("api.example.com.", region, std::move(value));
    r.region = region;
    return r;
  };
  out.push_back(latency("us-east-1", "192.0.2.20"));
  out.push_back(latency("eu-west-1", "192.0.2.21"));
  auto primary = routed("app.example.com.", "primary", "192.0.2.30");
  primary.failover = "PRIMARY";
  primary.health_check_id = health_check;
  auto secondary = routed("app.example.com.", "secondary", "192.0.2.31");
  secondary.failover = "SECONDARY";
  out.push_back(primary);
  out.push_back(secondary);
  auto geo = [&](std::string id, r53::GeoLocation where, std::string value) {
    auto r = routed("geo.example.com.", std::move(id), std::move(value));
    r.geo_location = std::move(where);
    return r;
  };
  out.push_back(geo("europe", {"EU", "", ""}, "192.0.2.40"));
  out.push_back(geo("california", {"", "US", "CA"}, "192.0.2.41"));
  out.push_back(geo("default", {"", "*", ""}, "192.0.2.42"));
  for (int i = 1; i <= 2; ++i) {
    auto mv = routed("mv.example.com.", "mv-" + std::to_string(i), "192.0.2.5" + std::to_string(i));
    mv.multi_value_answer = true;
    if (i == 1) mv.health_check_id = health_check;
    out.push_back(mv);
  }
  return out;
}

class Route53CopyLab : public ProvidersLab {
 protected:
  r53::HostedZoneId create_zone(const std::string& account, const std::string& reference) {
    auto made = session(account)->route53().create_hosted_zone({.name = "example.com.", .caller_reference = reference});
    EXPECT_TRUE(made.has_value()) << (made ? "" : aws::describe(made.error()));
    return made ? made->zone.id : r53::HostedZoneId{};
  }

  // CreateHealthCheck has no client of ours (cutover never creates one): the
  // lab sends it through the signed service client.
  std::string create_health_check(const std::string& account) {
    std::string body =
        "<CreateHealthCheckRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\"><CallerReference>hc-app</CallerReference>"
        "<HealthCheckConfig><IPAddress>192.0.2.30</IPAddress><Port>443</Port><Type>HTTPS</Type><ResourcePath>/health</ResourcePath>"
        "<RequestInterval>30</RequestInterval><FailureThreshold>3</FailureThreshold></HealthCheckConfig></CreateHealthCheckRequest>";
    auto response =
        session(account)
            ->service_client(aws::Service::Route53)
            .call(
                {.operation = "CreateHealthCheck", .method = "POST", .path = "/2013-04-01/healthcheck", .body = body, .idempotent = false});
    EXPECT_TRUE(response.has_value()) << (response ? "" : aws::describe(response.error()));
    if (!response) return {};
    std::smatch id;
    EXPECT_TRUE(std::regex_search(response->body, id, std::regex("<Id>([^<]+)</Id>"))) << response->body;
    return id.size() > 1 ? id[1].str() : std::string{};
  }

  std::unique_ptr<DnsProvider> provider(const std::string& account, const r53::HostedZoneId& id) {
    return std::make_unique<Route53ZoneProvider>(session(account), Route53ZoneOptions{.name = name("example.com"),
                                                                                      .hosted_zone_id = id.value,
                                                                                      .wait = {.first = std::chrono::milliseconds(100),
                                                                                               .max = std::chrono::milliseconds(300),
                                                                                               .deadline = std::chrono::seconds(30)}});
  }

  // The zone's record sets by identity, as Rrsets (a same-zone alias as such), without the apex NS and SOA.
  std::map<std::string, Rrset> listing(const std::string& account, const r53::HostedZoneId& id) {
    std::map<std::string, Rrset> out;
    auto records = session(account)->route53().list_all_records(id);
    EXPECT_TRUE(records.has_value());
    if (!records) return out;
    for (const auto& record : *records) {
      if (record.name == "example.com." && (record.type == "NS" || record.type == "SOA")) continue;
      auto rrset = rrset_from_route53(record, id);
      EXPECT_TRUE(rrset.has_value()) << record.name << " " << record.type;
      if (rrset) out[describe(key_of(*rrset))] = *rrset;
    }
    return out;
  }

  Plan plan_{};
  ProviderSet providers_{};
  SecretStore secrets_ = SecretStore::open(std::nullopt).value();
  RunFacts run_{.run_date = "20261203"};
  CopyRecords copy_{.from_zone = "old", .to_zone = "new"};
};

TEST_F(Route53CopyLab, EveryKindOfRecordSetIsCopiedIdentically) {
  auto old_id = create_zone("old", "copy-lab-old");
  auto new_id = create_zone("old", "copy-lab-new");  // the same account: the health check carries over
  std::string check = create_health_check("old");
  ASSERT_FALSE(check.empty());
  std::vector<r53::Change> seed;
  for (auto& record : production_zone(old_id.value, check)) seed.push_back({.action = r53::ChangeAction::Create, .record = record});
  auto seeded = session("old")->route53().apply_changes(old_id, seed, {.comment = "seed"});
  ASSERT_TRUE(seeded.has_value()) << aws::describe(seeded.error());

  // What Route 53 gives back is what was sent, field for field.
  auto source = session("old")->route53().list_all_records(old_id).value();
  for (const auto& sent : production_zone(old_id.value, check)) {
    bool found = std::ranges::any_of(source, [&](const r53::RecordSet& r) { return r == sent; });
    EXPECT_TRUE(found) << "not listed back as sent: " << sent.name << " " << sent.type << " " << sent.set_identifier << "\n"
                       << aws::route53::change_batch_body({{.record = sent}}, "") << "\n"
                       << [&] {
                            std::string out;
                            for (const auto& r : source) {
                              if (r.name == sent.name && r.type == sent.type) out += r53::change_batch_body({{.record = r}}, "");
                            }
                            return out;
                          }();
  }

  providers_.zones["old"] = provider("old", old_id);
  providers_.zones["new"] = provider("old", new_id);
  StepGraph graph;
  graph.add(Step{.id = StepId{"switch.copy-records"}, .title = "copy", .actions = {copy_}});
  auto previews = preview_copies(graph, providers_);
  ASSERT_TRUE(previews.has_value()) << previews.error().message;
  ASSERT_EQ(previews->size(), 1u);
  EXPECT_EQ(to_string(*(*previews)[0].inventory),
            "24 record sets: 2 failover, 3 geolocation, 2 latency, 2 multivalue, 13 simple, 2 weighted; 4 aliases; health checks "
            "referenced: " +
                check);

  ActionRunner runner(plan_, providers_, secrets_, run_);
  auto copied = runner.run(copy_);
  ASSERT_TRUE(copied.has_value()) << copied.error().message;
  EXPECT_EQ(copied->how, "24 changes applied and in sync");
  EXPECT_TRUE(runner.in_effect(copy_).value());

  auto before = listing("old", old_id);
  auto after = listing("old", new_id);
  ASSERT_EQ(before.size(), 24u);
  for (const auto& [key, set] : before) {
    auto it = after.find(key);
    ASSERT_NE(it, after.end()) << key << " was not copied";
    EXPECT_EQ(it->second, set) << key;
  }
  EXPECT_EQ(after.size(), before.size());
  // The same-zone alias points at the new zone itself, as Route 53 holds it.
  auto in_new = session("old")->route53().list_all_records(new_id);
  ASSERT_TRUE(in_new.has_value()) << in_new.error().message;
  for (const auto& record : *in_new) {
    if (record.name != "shop.example.com.") continue;
    EXPECT_EQ(r53::bare_id(record.alias.value().hosted_zone_id), new_id.value);
  }
  // A second run finds nothing to do.
  auto again = runner.run(copy_);
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_EQ(again->how, "nothing to change: already in effect");
}

TEST_F(Route53CopyLab, ACopyIntoAnotherAccountRefusesHealthChecksByName) {
  auto old_id = create_zone("old", "copy-lab-old");
  auto new_id = create_zone("new", "copy-lab-new");
  std::string check = create_health_check("old");
  std::vector<r53::Change> seed;
  for (auto& record : production_zone(old_id.value, check)) seed.push_back({.action = r53::ChangeAction::Create, .record = record});
  ASSERT_TRUE(session("old")->route53().apply_changes(old_id, seed, {.comment = "seed"}).has_value());
  providers_.zones["old"] = provider("old", old_id);
  providers_.zones["new"] = provider("new", new_id);

  StepGraph graph;
  graph.add(Step{.id = StepId{"switch.copy-records"}, .title = "copy", .actions = {copy_}});
  auto refused = preview_copies(graph, providers_);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::Invalid);
  ASSERT_EQ(refused.error().problems.size(), 2u);
  EXPECT_NE(refused.error().problems[0].message.find(
                "app.example.com. A set 'primary': uses health check " + check + " of account " + lab->account("old") +
                "; a health check belongs to its account and this copy into account " + lab->account("new") + " does not recreate it"),
            std::string::npos)
      << refused.error().problems[0].message;
  EXPECT_NE(refused.error().problems[1].message.find("mv.example.com. A set 'mv-1'"), std::string::npos);

  int changes_before = count("ChangeResourceRecordSets");
  ActionRunner runner(plan_, providers_, secrets_, run_);
  auto ran = runner.run(copy_);
  ASSERT_FALSE(ran.has_value());
  EXPECT_EQ(ran.error().code, ErrorCode::Invalid);
  EXPECT_EQ(count("ChangeResourceRecordSets"), changes_before);  // nothing was sent
}

}  // namespace
}  // namespace cutover::planner::lab
