// A rich zone on BIND 9, copied into Knot by dns::transfer_zone and
// dns::send_update with wire RDATA: every RRset must arrive byte for byte,
// and the parity check must find the two servers alike, then find exactly
// the one TXT whose letter case was changed in Knot.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <map>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "dns/axfr.h"
#include "dns/ldns_convert.h"
#include "dns/parity.h"
#include "dns/update.h"
#include "tests/lab/common/child_processes.h"
#include "tests/lab/common/lab_dir.h"
#include "tests/lab/common/port53.h"
#include "tests/lab/common/server_configs.h"
#include "tests/lab/common/wait_answering.h"

namespace cutover::dns {
namespace {

constexpr const char* kBind = "127.59.0.1";
constexpr const char* kKnot = "127.59.0.2";
constexpr const char* kKeyName = "bind-lab-key";
constexpr const char* kSecret = "YmluZC1sYWIta2V5LXNlY3JldC0zMi1ieXRlcy1sb25nIQ==";
constexpr int kGenerated = 1100;

DomainName name(const std::string& text) { return DomainName::parse(text).value(); }
ServerAddress address(const char* text) { return parse_server_address(text).value(); }
TsigKey key() { return TsigKey{.name = name(kKeyName), .algorithm = "hmac-sha256", .secret = kSecret}; }

// The part both zones start with: the same SOA names, apex NS and glue.
std::string zone_head() {
  return "$ORIGIN example.test.\n$TTL 300\n"
         "@ SOA ns1.example.test. hostmaster.example.test. 1 3600 600 86400 300\n"
         "@ 3600 NS ns1.example.test.\n@ 3600 NS ns2.example.test.\n"
         "ns1 A 127.59.0.1\nns2 A 127.59.0.2\n";
}

// Every type BIND accepts in a zone file, names with escaped octets, long
// and multi-string TXT, an empty non-terminal, a delegation with glue and DS.
std::string rich_records() {
  std::string hex64(64, 'a');
  return "@ MX 10 Mail.Example.test.\n"
         "@ TXT \"v=spf1 include:_spf.Example.com -all\"\n"
         "@ SPF \"v=spf1 -all\"\n"
         "@ CAA 0 issue \"letsencrypt.org\"\n@ CAA 128 iodef \"mailto:security@example.test\"\n"
         "@ HTTPS 1 . alpn=\"h2,h3\" ipv4hint=192.0.2.1 ech=AEj+DQBEAQAgACBq\n"
         "svc SVCB 1 svc-target.example.test. alpn=\"h2\" port=8443 key65000=\"x\"\n"
         "www A 192.0.2.10\nwww A 192.0.2.11\nwww AAAA 2001:db8::10\n"
         "sip NAPTR 100 10 \"S\" \"SIP+D2U\" \"\" _sip._udp.example.test.\n"
         "enum NAPTR 10 100 \"u\" \"E2U+sip\" \"!^.*$!sip:Info@example.test!\" .\n"
         "_sip._udp SRV 0 5 5060 Sip.example.test.\n"
         "host HINFO \"PC-Intel\" \"Linux\"\n"
         "loc LOC 52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m\n"
         "ssh SSHFP 1 1 0123456789abcdef0123456789abcdef01234567\n"
         "ssh SSHFP 4 2 " +
         hex64 +
         "\n"
         "_443._tcp.www TLSA 3 1 1 " +
         hex64 +
         "\n"
         "abc._smimecert SMIMEA 3 1 1 " +
         hex64 +
         "\n"
         "openpgp OPENPGPKEY AQIDBAUGBwg=\n"
         "dname DNAME Other.test.\n"
         "_http._tcp URI 10 1 \"https://www.example.test/Path\"\n"
         "rp RP admin.example.test. rp-txt.example.test.\n"
         "afsdb AFSDB 1 afs.example.test.\n"
         "kx KX 10 kx.example.test.\n"
         "cert CERT PGP 0 0 AQIDBAUGBwg=\n"
         "apl APL 1:192.0.2.0/24 !1:192.0.2.128/25\n"
         "dhcid DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=\n"
         "ipseckey IPSECKEY 10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==\n"
         "eui48 EUI48 00-00-5e-00-53-2a\neui64 EUI64 00-00-5e-ef-10-00-00-2a\n"
         "unknown TYPE65534 \\# 4 deadbeef\n"
         "\\@ TXT \"at sign owner\"\n"
         "a\\032b TXT \"space in owner\"\n"
         "a\\.b TXT \"dot in owner\"\n"
         "long TXT \"" +
         std::string(255, 'x') + "\" \"" + std::string(100, 'y') +
         "\"\n"
         "multi TXT \"one\" \"two\" \"three\"\n"
         "case TXT \"MixedCase Token\"\n"
         "x.y.ent A 192.0.2.50\n"  // y.ent and ent: empty non-terminals
         "child NS ns.child.example.test.\n"
         "child DS 12345 13 2 " +
         hex64 +
         "\n"
         "ns.child A 192.0.2.53\n";
}

std::string generated_records() {
  std::string out;
  for (int i = 0; i < kGenerated; ++i) {
    out += "host" + std::to_string(i) + " 600 A 198.51." + std::to_string(100 + i / 250) + "." + std::to_string(i % 250) + "\n";
  }
  return out;
}

std::string bind_config(const std::string& dir) {
  return "options {\n  directory \"" + dir + "\";\n  pid-file \"" + dir +
         "/named.pid\";\n"
         "  session-keyfile \"" +
         dir + "/session.key\";\n  managed-keys-directory \"" + dir +
         "\";\n"
         "  listen-on port 53 { " +
         kBind +
         "; };\n  listen-on-v6 { none; };\n"
         "  recursion no;\n  notify no;\n  dnssec-validation no;\n};\n"
         "controls { };\n"
         "key \"" +
         kKeyName + "\" { algorithm hmac-sha256; secret \"" + kSecret +
         "\"; };\n"
         "zone \"example.test\" { type primary; file \"" +
         dir + "/bind.zone\"; allow-transfer { key " + kKeyName + "; }; };\n";
}

std::string knot_config(const std::string& dir) {
  return lab::knot_server_config(dir, {kKnot}) + "key:\n  - id: " + kKeyName + "\n    algorithm: hmac-sha256\n    secret: " + kSecret +
         "\n"
         "acl:\n  - id: lab_key\n    key: " +
         kKeyName +
         "\n    action: [transfer, update]\n"
         "template:\n  - id: default\n    storage: \"" +
         dir +
         "\"\n"
         "    zonefile-sync: -1\n    zonefile-load: whole\n    journal-content: none\n    semantic-checks: off\n"
         "    acl: lab_key\n"
         "zone:\n  - domain: example.test\n    file: \"" +
         dir + "/knot.zone\"\n";
}

using Key = std::tuple<std::string, std::uint16_t>;
struct Held {
  std::uint32_t ttl{0};
  std::vector<std::vector<std::uint8_t>> wire{};
  bool operator==(const Held&) const = default;
};

// The zone's RRsets but the SOA (its serial moves with every UPDATE), wire
// sorted. Knot stores the domain names inside RDATA lower-cased (BIND keeps
// their case), so those names are folded; every other octet must be equal.
std::map<Key, Held> by_rrset(const std::vector<RecordSet>& sets) {
  std::map<Key, Held> out;
  for (const auto& set : sets) {
    if (set.type == RecordType::SOA) continue;
    Held held{.ttl = set.ttl};
    for (const auto& wire : set.wire) held.wire.push_back(detail::fold_rdata_names(set.type, wire));
    std::ranges::sort(held.wire);
    out[{set.name.text(), static_cast<std::uint16_t>(set.type)}] = std::move(held);
  }
  return out;
}

class BindZonesLab : public ::testing::Test {
 protected:
  void SetUp() override {
    auto free = lab::refuse_if_port53_busy("127.59.", "the BIND zones lab's addresses are taken");
    ASSERT_TRUE(free.has_value()) << free.error().message;
    ASSERT_TRUE(dir_.create("/tmp/cutover-bind-zones").has_value());
    const std::string& dir = dir_.path();
    lab::write_file(dir + "/bind.zone", zone_head() + rich_records() + generated_records());
    lab::write_file(dir + "/knot.zone", zone_head());
    lab::write_file(dir + "/named.conf", bind_config(dir));
    lab::write_file(dir + "/knot.conf", knot_config(dir));
    // named listens only on addresses an interface holds (Knot binds any
    // loopback address): give lo the BIND address for the test's duration.
    ASSERT_EQ(std::system((std::string("ip addr replace ") + kBind + "/32 dev lo").c_str()), 0);
    added_address_ = true;
    auto bind = children_.spawn("named", {"named", "-g", "-c", dir + "/named.conf", "-u", "root"}, dir + "/named.log");
    ASSERT_TRUE(bind.has_value()) << bind.error().message;
    auto knot = children_.spawn("knotd", {"knotd", "-c", dir + "/knot.conf"}, dir + "/knotd.log");
    ASSERT_TRUE(knot.has_value()) << knot.error().message;
    std::vector<ProbeRequest> up{{.server = address(kBind), .question = {.name = name("example.test."), .type = RecordType::SOA}},
                                 {.server = address(kKnot), .question = {.name = name("example.test."), .type = RecordType::SOA}}};
    auto ready = lab::wait_answering(up, std::chrono::seconds(20), "BIND and Knot");
    ASSERT_TRUE(ready.has_value()) << ready.error().message << children_.reap_exited();
  }

  void TearDown() override {
    children_.stop();
    if (added_address_) std::system((std::string("ip addr del ") + kBind + "/32 dev lo 2>/dev/null").c_str());
  }

  // Knot answers an UPDATE before it publishes it (LAB-NOTES): poll until `done`.
  template <class Done>
  std::vector<RecordSet> knot_zone_when(Done done) {
    std::vector<RecordSet> sets;
    for (int i = 0; i < 100; ++i) {
      auto listed = transfer_zone(address(kKnot), name("example.test."), key());
      EXPECT_TRUE(listed.has_value()) << listed.error().message;
      if (!listed) break;
      sets = std::move(*listed);
      if (done(sets)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return sets;
  }

  lab::LabDir dir_{};
  lab::ChildProcesses children_{};
  bool added_address_{false};
};

TEST_F(BindZonesLab, RichZoneCopiesByteForByteAndParityFindsOneTxtCaseChange) {
  auto source = transfer_zone(address(kBind), name("example.test."), key());
  ASSERT_TRUE(source.has_value()) << source.error().message;
  ASSERT_GT(source->size(), 1000u);
  auto want = by_rrset(*source);
  // ldns prints '@' in a name unescaped; DomainName compares spellings.
  for (const char* owner : {"@.example.test.", "a\\032b.example.test.", "a\\.b.example.test.", "x.y.ent.example.test."}) {
    EXPECT_TRUE(std::ranges::any_of(*source, [&](const RecordSet& s) { return s.name == name(owner); })) << owner;
  }
  for (auto type : {RecordType::NAPTR, RecordType::HTTPS, RecordType::SVCB, RecordType::DNAME, RecordType::LOC, RecordType::SSHFP,
                    RecordType::TLSA, RecordType::SMIMEA, RecordType::OPENPGPKEY, RecordType::URI, RecordType::SPF, RecordType::HINFO,
                    RecordType::CAA, RecordType::DS, RecordType::APL, static_cast<RecordType>(65534)}) {
    EXPECT_TRUE(std::ranges::any_of(*source, [&](const RecordSet& s) { return s.type == type; })) << to_string(type);
  }

  std::vector<UpdateRecord> batch;
  for (const auto& set : *source) {
    if (set.type == RecordType::SOA) continue;
    auto records = replace_rrset(set);
    batch.insert(batch.end(), records.begin(), records.end());
  }
  auto sent = send_update(address(kKnot), name("example.test."), batch, key());
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  auto copy = knot_zone_when([&](const std::vector<RecordSet>& sets) { return by_rrset(sets).size() == want.size(); });
  auto got = by_rrset(copy);
  ASSERT_EQ(got.size(), want.size());
  for (const auto& [rrset, held] : want) {
    auto it = got.find(rrset);
    ASSERT_NE(it, got.end()) << std::get<0>(rrset) << " " << to_string(static_cast<RecordType>(std::get<1>(rrset)));
    EXPECT_EQ(it->second, held) << std::get<0>(rrset) << " " << to_string(static_cast<RecordType>(std::get<1>(rrset)));
  }

  std::vector<Question> questions{{.name = name("y.ent.example.test."), .type = RecordType::A}};
  for (const auto& set : *source) {
    if (set.type != RecordType::SOA) questions.push_back({.name = set.name, .type = set.type});
  }
  ParityOptions options{.old_servers = {address(kBind)}, .new_servers = {address(kKnot)}, .questions = questions};
  auto alike = check_parity(options);
  ASSERT_TRUE(alike.has_value()) << alike.error().message;
  EXPECT_EQ(alike->verdict, Verdict::Consistent);
  for (const auto& d : alike->differences) ADD_FAILURE() << d.question.name.text() << " " << to_string(d.question.type);

  auto changed = replace_rrset(name("case.example.test."), RecordType::TXT, 300, {"\"mixedcase token\""});
  ASSERT_TRUE(send_update(address(kKnot), name("example.test."), changed, key()).has_value());
  knot_zone_when([](const std::vector<RecordSet>& sets) {
    return std::ranges::any_of(sets, [](const RecordSet& s) { return s.rdata == std::vector<std::string>{"\"mixedcase token\""}; });
  });
  auto differ = check_parity(options);
  ASSERT_TRUE(differ.has_value()) << differ.error().message;
  EXPECT_EQ(differ->verdict, Verdict::NotConsistent);
  ASSERT_EQ(differ->differences.size(), 1u);
  const auto& d = differ->differences.front();
  EXPECT_EQ(d.question.name, name("case.example.test."));
  EXPECT_EQ(d.question.type, RecordType::TXT);
  EXPECT_TRUE(d.server_is_new);
  EXPECT_EQ(d.expected.records, std::vector<std::string>{"case.example.test. txt \"MixedCase Token\""});
  EXPECT_EQ(d.actual.records, std::vector<std::string>{"case.example.test. txt \"mixedcase token\""});
}

}  // namespace
}  // namespace cutover::dns
