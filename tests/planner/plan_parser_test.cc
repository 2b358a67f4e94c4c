#include "planner/plan/parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>

namespace cutover::planner {
namespace {

// A complete, valid plan (S1 + S2 on Route 53) that tests break one field at a time.
constexpr const char* kValid = R"({
  "version": 1,
  "domain": "example.com",
  "accounts": {
    "old": {"profile": "old-prod", "region": "eu-west-1"},
    "new": {"profile": "new-prod", "role_arn": "arn:aws:iam::222233334444:role/Dns", "external_id": "x"}
  },
  "zones": {
    "old": {"name": "example.com", "provider": "route53", "account": "old", "hosted_zone_id": "/hostedzone/Z0OLD1"},
    "new": {"name": "example.com", "provider": "route53", "account": "new", "hosted_zone_id": "create"},
    "dev": {"name": "dev.example.com", "provider": "route53", "account": "old", "hosted_zone_id": "create"}
  },
  "registrar": {"type": "route53domains", "account": "old"},
  "strategies": [
    {"type": "sub-delegation", "child": "dev.example.com", "child_zone": "dev", "parents": ["old", "new"]},
    {"type": "nameserver-switch", "from": "old", "to": "new", "lower_ttl_to": 60}
  ]
})";

std::vector<std::string> problems_of(std::string_view text) {
  auto plan = parse_plan(text);
  EXPECT_FALSE(plan.has_value()) << "the plan was accepted";
  if (plan) return {};
  EXPECT_EQ(plan.error().code, ErrorCode::Invalid);
  std::vector<std::string> out;
  for (const auto& p : plan.error().problems) out.push_back(to_string(p));
  return out;
}

std::string with(std::string text, const std::string& from, const std::string& to) {
  auto pos = text.find(from);
  EXPECT_NE(pos, std::string::npos) << from;
  return text.replace(pos, from.size(), to);
}

bool contains(const std::vector<std::string>& problems, const std::string& expected) {
  return std::ranges::any_of(problems, [&](const std::string& p) { return p == expected; });
}

TEST(PlanParser, ReadsAValidPlan) {
  auto plan = parse_plan(kValid);
  ASSERT_TRUE(plan.has_value()) << to_string(plan.error().problems.front());
  EXPECT_EQ(plan->domain.text(), "example.com.");
  EXPECT_EQ(plan->zones.size(), 3u);
  EXPECT_TRUE(plan->zones.at("new").created_by_plan());
  EXPECT_EQ(*std::get<Route53Zone>(plan->zones.at("old").provider).hosted_zone_id, "Z0OLD1");
  ASSERT_EQ(plan->strategies.size(), 2u);
  const auto& ns = std::get<NameserverSwitch>(plan->strategies[1]);
  EXPECT_EQ(ns.lower_ttl_to, 60u);
  EXPECT_EQ(std::get<SubDelegation>(plan->strategies[0]).copy_from, "old");  // defaults to the first parent
  EXPECT_EQ(plan->safety.lower_ttl_to, 300u);
}

TEST(PlanParser, NotJsonGivesLineAndColumn) {
  auto problems = problems_of("{\n  \"version\": 1,\n  \"domain\": \"example.com\"\n  \"zones\": {}\n}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("not valid JSON at line 4, column 9: syntax error while parsing object"), std::string::npos) << problems[0];
}

// Found by tests/fuzz/plan: a number beyond a double threw out of parse_plan.
TEST(PlanParser, NumberBeyondADoubleIsRefused) {
  auto problems = problems_of("{\"version\": 1, \"domain\": \"example.com\", \"safety\": {\"lower_ttl_to\": 9e999}}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].find("not valid JSON: number overflow parsing '9e999'"), std::string::npos) << problems[0];
}

TEST(PlanParser, TtlBelowMinimumIsNamedByPointer) {
  auto problems = problems_of(with(kValid, "\"lower_ttl_to\": 60", "\"lower_ttl_to\": 5"));
  EXPECT_TRUE(contains(problems, "/strategies/1/lower_ttl_to: 5 is below the minimum 30"));
}

TEST(PlanParser, UnknownKeysAreTypos) {
  auto problems = problems_of(with(kValid, "\"lower_ttl_to\": 60", "\"lower_tll_to\": 60"));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].starts_with("/strategies/1/lower_tll_to: unknown key (expected one of: type, from, to, lower_ttl_to"));
}

TEST(PlanParser, ReportsEveryProblemAtOnce) {
  std::string text = with(kValid, "\"version\": 1", "\"version\": 2");
  text = with(text, "\"provider\": \"route53\", \"account\": \"new\"", "\"provider\": \"bind\", \"account\": \"new\"");
  text = with(text, "\"type\": \"route53domains\"", "\"type\": \"godaddy\"");
  auto problems = problems_of(text);
  EXPECT_TRUE(contains(problems, "/version: 2 is above the maximum 1"));
  EXPECT_TRUE(contains(problems, "/zones/new/provider: 'bind' is not one of: route53, rfc2136"));
  EXPECT_TRUE(contains(problems, "/registrar/type: 'godaddy' is not one of: route53domains, parent-zone"));
}

TEST(PlanParser, MissingRequiredFields) {
  auto problems = problems_of(R"({"version": 1})");
  EXPECT_TRUE(contains(problems, "/domain: is required"));
  EXPECT_TRUE(contains(problems, "/zones: is required"));
  EXPECT_TRUE(contains(problems, "/strategies: is required"));
}

TEST(PlanParser, SubDelegatedNameMustLieUnderTheDomain) {
  auto problems = problems_of(with(kValid, "\"child\": \"dev.example.com\"", "\"child\": \"dev.example.org\""));
  EXPECT_TRUE(contains(problems, "/strategies/0/child: dev.example.org. does not lie under the domain example.com."));
}

TEST(PlanParser, SwitchNeedsTwoDifferentZones) {
  auto problems = problems_of(with(kValid, "\"from\": \"old\", \"to\": \"new\"", "\"from\": \"old\", \"to\": \"old\""));
  EXPECT_TRUE(contains(problems, "/strategies/1/to: a nameserver switch needs two different zones (old and new)"));
}

TEST(PlanParser, SwitchZonesMustExist) {
  auto problems = problems_of(with(kValid, "\"to\": \"new\"", "\"to\": \"neww\""));
  EXPECT_TRUE(contains(problems, "/strategies/1/to: names zone 'neww', which /zones does not define"));
}

TEST(PlanParser, DbPointerMustLiveInAManagedZone) {
  std::string db = R"(, {"type": "db-pointer", "name": "db.example.com", "zone": "prod", "account": "new",
                        "old_target": "a.rds.amazonaws.com", "new_target": "b.rds.amazonaws.com"}])";
  auto problems = problems_of(with(kValid, "\"lower_ttl_to\": 60}\n  ]", "\"lower_ttl_to\": 60}" + db));
  ASSERT_FALSE(problems.empty());
  EXPECT_TRUE(problems[0].starts_with("/strategies/2/zone: names zone 'prod', which /zones does not define"));
}

TEST(PlanParser, DbPointerNameMustBeBelowItsZone) {
  std::string db = R"(, {"type": "db-pointer", "name": "db.example.org", "zone": "new", "account": "new",
                        "old_target": "a.rds.amazonaws.com", "new_target": "b.rds.amazonaws.com"}])";
  auto problems = problems_of(with(kValid, "\"lower_ttl_to\": 60}\n  ]", "\"lower_ttl_to\": 60}" + db));
  EXPECT_TRUE(contains(problems, "/strategies/2/name: db.example.org. is not a name below zone 'new' (example.com.)"));
}

TEST(PlanParser, TransferNeedsTwoDifferentAccounts) {
  std::string transfer = R"(, {"type": "domain-transfer", "from_account": "old", "to_account": "old"}])";
  auto problems = problems_of(with(kValid, "\"lower_ttl_to\": 60}\n  ]", "\"lower_ttl_to\": 60}" + transfer));
  EXPECT_TRUE(contains(problems, "/strategies/2/to_account: a transfer needs two different accounts"));
}

TEST(PlanParser, TransferBeforeSwitchMovesTheRegistrarAccount) {
  std::string transfer = R"(, {"type": "domain-transfer", "from_account": "old", "to_account": "new", "when": "before-switch"}])";
  auto problems = problems_of(with(kValid, "\"lower_ttl_to\": 60}\n  ]", "\"lower_ttl_to\": 60}" + transfer));
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(problems[0].starts_with("/registrar/account: is 'old', but with the transfer before the switch"));
}

TEST(PlanParser, ZoneAccountsMustExist) {
  auto problems = problems_of(
      with(kValid, "\"account\": \"new\", \"hosted_zone_id\": \"create\"", "\"account\": \"staging\", \"hosted_zone_id\": \"create\""));
  EXPECT_TRUE(contains(problems, "/zones/new/account: names account 'staging', which /accounts does not define"));
}

TEST(PlanParser, BadHostedZoneIdAndDomainName) {
  std::string text = with(kValid, "/hostedzone/Z0OLD1", "zone one");
  text = with(text, "\"domain\": \"example.com\"", "\"domain\": \"example..com\"");
  auto problems = problems_of(text);
  EXPECT_TRUE(contains(problems, "/zones/old/hosted_zone_id: 'zone one' is neither a hosted zone id (Z...) nor \"create\""));
  EXPECT_TRUE(contains(problems, "/domain: empty label in domain name 'example..com'"));
}

TEST(PlanParser, MissingFileIsAnIoError) {
  auto plan = load_plan("/nonexistent/plan.json");
  ASSERT_FALSE(plan.has_value());
  EXPECT_EQ(plan.error().code, ErrorCode::Io);
}

// Every example plan in plans/ must validate: they are the documentation.
TEST(PlanParser, ExamplePlansAreValid) {
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(CUTOVER_SOURCE_DIR "/plans")) {
    if (entry.path().extension() != ".json") continue;
    ++seen;
    auto plan = load_plan(entry.path());
    EXPECT_TRUE(plan.has_value()) << entry.path() << ": " << (plan ? "" : plan.error().message);
  }
  EXPECT_GE(seen, 4);
}

// Inputs kept as files (like CLI11's fuzzFail): each must be refused, not crash.
TEST(PlanParser, KeptBadInputsAreRefused) {
  int seen = 0;
  for (const auto& entry : std::filesystem::directory_iterator(CUTOVER_SOURCE_DIR "/tests/planner/bad_plans")) {
    ++seen;
    auto plan = load_plan(entry.path());
    ASSERT_FALSE(plan.has_value()) << entry.path();
    EXPECT_EQ(plan.error().code, ErrorCode::Invalid) << entry.path();
    EXPECT_FALSE(plan.error().problems.empty()) << entry.path();
  }
  EXPECT_GE(seen, 3);
}

}  // namespace
}  // namespace cutover::planner
