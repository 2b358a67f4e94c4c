// Rfc2136ZoneProvider against a real Knot primary/secondary pair: list,
// upsert and delete seen on both servers the moment apply() returns, apply()
// waiting for a paused secondary and failing on one that stays behind, a
// wrong key refused without the secret, zones that cannot be created.

#include <signal.h>

#include <thread>

#include "planner/providers/record_ops.h"
#include "planner/providers/rfc2136_zone.h"
#include "tests/lab/rfc2136_providers/lab_fixture.h"

namespace cutover::lab {
namespace {

using dns::RecordType;
using planner::ChangeKind;
using planner::Rrset;
using planner::RrsetChange;
using A = KnotPairAddresses;

std::optional<Rrset> find(const std::vector<Rrset>& zone, const char* owner, RecordType type) {
  auto it = std::ranges::find_if(zone, [&](const Rrset& r) { return r.name.text() == owner && r.type == type; });
  if (it == zone.end()) return std::nullopt;
  return *it;
}

class Rfc2136ZoneLab : public KnotPairTest {
 protected:
  planner::Rfc2136Zone spec(const std::string& key_file) const {
    return {.primaries = {A::kPrimary},
            .nameservers = {name("ns1.example.test."), name("ns2.example.test.")},
            .servers = {A::kPrimary, A::kSecondary},
            .tsig_key_file = key_file};
  }
  std::unique_ptr<planner::Rfc2136ZoneProvider> open(const char* zone, planner::Rfc2136Options options = {}) {
    auto provider = planner::Rfc2136ZoneProvider::open(name(zone), spec(lab_.key_file()), options);
    EXPECT_TRUE(provider.has_value()) << provider.error().message;
    return provider ? std::move(*provider) : nullptr;
  }
  static RrsetChange upsert(const char* owner, RecordType type, std::uint32_t ttl, std::vector<std::string> values) {
    return {.kind = ChangeKind::Upsert, .rrset = {.name = name(owner), .type = type, .ttl = ttl, .values = std::move(values)}};
  }
  static RrsetChange remove(const char* owner, RecordType type) {
    return {.kind = ChangeKind::Delete, .rrset = {.name = name(owner), .type = type}};
  }
  /// Upserts the apex NS set as `sent`, then checks that the provider lists it
  /// with `ttl` and the secondary serves `served` (the names in sorted order).
  void upsert_apex_ns(std::uint32_t ttl, const std::vector<std::string>& sent, const std::vector<std::string>& served) {
    auto zone = open("example.test.");
    ASSERT_TRUE(zone);
    auto applied = zone->apply({upsert("example.test.", RecordType::NS, ttl, sent)}, "lab");
    ASSERT_TRUE(applied.has_value()) << applied.error().message;
    auto listed = zone->list();
    ASSERT_TRUE(listed.has_value()) << listed.error().message;
    auto ns = find(*listed, "example.test.", RecordType::NS);
    ASSERT_TRUE(ns);
    EXPECT_EQ(ns->ttl, ttl);
    EXPECT_TRUE(planner::same_values(ns->values, served)) << ns->values.size();
    EXPECT_EQ(values_at(A::kSecondary, "example.test.", RecordType::NS), served);
  }
};

TEST_F(Rfc2136ZoneLab, ListsTheZoneAndReportsItsServers) {
  auto zone = open("example.test.");
  ASSERT_TRUE(zone);
  auto listed = zone->list();
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  EXPECT_TRUE(find(*listed, "example.test.", RecordType::SOA));
  auto ns = find(*listed, "example.test.", RecordType::NS);
  ASSERT_TRUE(ns);
  EXPECT_TRUE(planner::same_values(ns->values, {"NS1.example.test.", "ns2.example.test."}));
  EXPECT_EQ(find(*listed, "www.example.test.", RecordType::A)->values.size(), 2u);

  auto names = zone->nameservers();
  ASSERT_TRUE(names.has_value());
  EXPECT_EQ(names->size(), 2u);
  auto servers = zone->server_addresses();
  ASSERT_TRUE(servers.has_value());
  EXPECT_EQ(*servers, (std::vector<std::string>{"127.57.0.1", "127.57.0.2"}));
}

TEST_F(Rfc2136ZoneLab, UpsertsAndDeletesAreOnBothServersWhenApplyReturns) {
  auto zone = open("example.test.");
  ASSERT_TRUE(zone);
  auto applied = zone->apply(
      {upsert("www.example.test.", RecordType::A, 60, {"192.0.2.99"}),
       upsert("api.example.test.", RecordType::CNAME, 60, {"WWW.example.test."}), remove("note.example.test.", RecordType::TXT)},
      "lab");
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  // No polling here: apply() promised every server has it.
  for (const char* server : {A::kPrimary, A::kSecondary}) {
    SCOPED_TRACE(server);
    EXPECT_EQ(values_at(server, "www.example.test.", RecordType::A), std::vector<std::string>{"192.0.2.99"});
    EXPECT_EQ(values_at(server, "api.example.test.", RecordType::CNAME), std::vector<std::string>{"www.example.test."});
    EXPECT_TRUE(values_at(server, "note.example.test.", RecordType::TXT).empty());
  }
  auto listed = zone->list();
  ASSERT_TRUE(listed.has_value()) << listed.error().message;
  EXPECT_TRUE(planner::changes_in_effect(*listed, {upsert("www.example.test.", RecordType::A, 60, {"192.0.2.99"})}));
  EXPECT_FALSE(find(*listed, "note.example.test.", RecordType::TXT));
}

TEST_F(Rfc2136ZoneLab, ApexNsIsChangedRecordByRecordWithItsTtl) {
  // Lower the TTL, keep ns1, swap ns2 for ns3: servers ignore deleting the apex NS as an RRset.
  upsert_apex_ns(60, {"ns1.example.test.", "ns3.example.test."}, {"ns1.example.test.", "ns3.example.test."});
}

TEST_F(Rfc2136ZoneLab, ApexNsTtlAloneIsLowered) {
  // Same names, lower TTL: adding records that exist changes nothing on the server by itself.
  upsert_apex_ns(30, {"ns2.example.test.", "ns1.example.test."}, {"ns1.example.test.", "ns2.example.test."});
}

TEST_F(Rfc2136ZoneLab, AnUpdateThatChangesNothingStillReturns) {
  auto zone = open("example.test.", {.primary_settle = std::chrono::seconds(1)});
  ASSERT_TRUE(zone);
  auto applied = zone->apply(
      {upsert("www.example.test.", RecordType::A, 300, {"192.0.2.11", "192.0.2.10"}), remove("absent.example.test.", RecordType::A)},
      "lab");
  EXPECT_TRUE(applied.has_value()) << applied.error().message;
}

TEST_F(Rfc2136ZoneLab, ApplyWaitsForAPausedSecondary) {
  auto zone = open("example.test.");
  ASSERT_TRUE(zone);
  pid_t secondary = lab_.secondary_pid();
  ASSERT_GT(secondary, 0);
  ASSERT_EQ(::kill(secondary, SIGSTOP), 0);
  auto started = std::chrono::steady_clock::now();
  std::thread resume([secondary] {
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    ::kill(secondary, SIGCONT);
  });
  auto applied = zone->apply({upsert("www.example.test.", RecordType::A, 60, {"192.0.2.77"})}, "lab");
  auto waited = std::chrono::steady_clock::now() - started;
  resume.join();
  ASSERT_TRUE(applied.has_value()) << applied.error().message;
  EXPECT_GE(waited, std::chrono::milliseconds(1400));
  EXPECT_EQ(values_at(A::kSecondary, "www.example.test.", RecordType::A), std::vector<std::string>{"192.0.2.77"});
}

TEST_F(Rfc2136ZoneLab, ASecondaryThatStaysBehindFailsApplyNamingIt) {
  auto zone = open("example.test.", {.sync_timeout = std::chrono::seconds(2)});
  ASSERT_TRUE(zone);
  ASSERT_EQ(::kill(lab_.secondary_pid(), SIGSTOP), 0);  // KnotPair::stop() resumes it
  auto applied = zone->apply({upsert("www.example.test.", RecordType::A, 60, {"192.0.2.78"})}, "lab");
  ::kill(lab_.secondary_pid(), SIGCONT);
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().code, planner::ErrorCode::Provider);
  EXPECT_NE(applied.error().message.find("not in sync after 2 s"), std::string::npos) << applied.error().message;
  EXPECT_NE(applied.error().message.find("127.57.0.2 timeout"), std::string::npos) << applied.error().message;
  EXPECT_EQ(applied.error().message.find("127.57.0.1"), std::string::npos) << "only the server behind is named";
}

TEST_F(Rfc2136ZoneLab, AWrongKeyIsRefusedWithoutTheSecret) {
  const std::string secret = "d3Jvbmctc2VjcmV0LXdyb25nLXNlY3JldC13cm9uZyE=";
  auto spec_wrong = spec(lab_.write_key_file("wrong.key", LabKey::kName, secret));
  auto zone = planner::Rfc2136ZoneProvider::open(name("example.test."), spec_wrong);
  ASSERT_TRUE(zone.has_value()) << zone.error().message;
  auto applied = (*zone)->apply({upsert("www.example.test.", RecordType::A, 60, {"192.0.2.66"})}, "lab");
  ASSERT_FALSE(applied.has_value());
  EXPECT_EQ(applied.error().code, planner::ErrorCode::Provider);
  EXPECT_NE(applied.error().message.find("refused: NOTAUTH (BADSIG)"), std::string::npos) << applied.error().message;
  EXPECT_EQ(applied.error().message.find(secret), std::string::npos);
  auto listed = (*zone)->list();
  ASSERT_FALSE(listed.has_value());
  EXPECT_NE(listed.error().message.find("BADSIG"), std::string::npos) << listed.error().message;
  EXPECT_EQ(listed.error().message.find(secret), std::string::npos);
  EXPECT_EQ(values_at(A::kPrimary, "www.example.test.", RecordType::A), (std::vector<std::string>{"192.0.2.10", "192.0.2.11"}));
}

TEST_F(Rfc2136ZoneLab, ZonesAreNeitherCreatedNorDeleted) {
  auto held = open("example.test.");
  auto absent = open("absent.test.");
  ASSERT_TRUE(held && absent);
  auto held_exists = held->exists();
  auto absent_exists = absent->exists();
  ASSERT_TRUE(held_exists.has_value() && absent_exists.has_value());
  EXPECT_TRUE(*held_exists);
  EXPECT_FALSE(*absent_exists);
  EXPECT_TRUE(held->create("ref-1").has_value());  // already there: nothing to do
  auto created = absent->create("ref-2");
  ASSERT_FALSE(created.has_value());
  EXPECT_EQ(created.error().code, planner::ErrorCode::Unsupported);
  EXPECT_NE(created.error().message.find("RFC 2136 cannot create or delete zones; create zone absent.test. on the server"),
            std::string::npos)
      << created.error().message;
  auto removed = held->remove();
  ASSERT_FALSE(removed.has_value());
  EXPECT_EQ(removed.error().code, planner::ErrorCode::Unsupported);
  EXPECT_TRUE(absent->remove().has_value());  // already gone
}

TEST_F(Rfc2136ZoneLab, RefusesChangesItCannotMake) {
  auto zone = open("example.test.");
  ASSERT_TRUE(zone);
  auto soa = zone->apply({upsert("example.test.", RecordType::SOA, 60, {"a. b. 9 1 1 1 1"})}, "lab");
  ASSERT_FALSE(soa.has_value());
  EXPECT_EQ(soa.error().code, planner::ErrorCode::Invalid);
  auto outside = zone->apply({upsert("www.other.test.", RecordType::A, 60, {"192.0.2.1"})}, "lab");
  ASSERT_FALSE(outside.has_value());
  EXPECT_NE(outside.error().message.find("is not in zone example.test."), std::string::npos);
  auto bad = zone->apply({upsert("www.example.test.", RecordType::A, 60, {"not-an-address"})}, "lab");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("bad value 'not-an-address'"), std::string::npos) << bad.error().message;
  // A Route 53 weighted set has no RFC 2136 form: refused, never sent as a plain RRset.
  auto weighted = upsert("w.example.test.", RecordType::A, 60, {"192.0.2.1"});
  weighted.rrset.routing = planner::Routing{.set_identifier = "blue", .weight = 10};
  auto routed = zone->apply({weighted}, "lab");
  ASSERT_FALSE(routed.has_value());
  EXPECT_EQ(routed.error().code, planner::ErrorCode::Invalid);
  EXPECT_NE(routed.error().message.find("an alias or routing-policy set"), std::string::npos) << routed.error().message;
}

// The copy sends CREATE for a set the target lacks (Route 53 counts it once):
// an UPDATE takes it like an UPSERT.
TEST_F(Rfc2136ZoneLab, ACreateIsSentLikeAnUpsert) {
  auto zone = open("example.test.");
  ASSERT_TRUE(zone);
  auto created = upsert("new.example.test.", RecordType::A, 60, {"192.0.2.9"});
  created.kind = planner::ChangeKind::Create;
  ASSERT_TRUE(zone->apply({created}, "lab").has_value());
  EXPECT_TRUE(planner::changes_in_effect(zone->list().value(), {created}));
}

TEST_F(Rfc2136ZoneLab, OpenNamesABadKeyFile) {
  auto zone = planner::Rfc2136ZoneProvider::open(name("example.test."), spec(lab_.dir() + "/missing.key"));
  ASSERT_FALSE(zone.has_value());
  EXPECT_EQ(zone.error().code, planner::ErrorCode::Invalid);
  EXPECT_NE(zone.error().message.find("missing.key"), std::string::npos) << zone.error().message;
}

}  // namespace
}  // namespace cutover::lab
