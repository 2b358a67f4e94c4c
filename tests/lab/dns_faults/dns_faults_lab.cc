#include "tests/lab/dns_faults/dns_faults_lab.h"

#include <stdexcept>

#include "dns/prober.h"
#include "dns/server_address.h"
#include "tests/lab/common/port53.h"
#include "tests/lab/common/server_configs.h"
#include "tests/lab/common/wait_answering.h"

namespace cutover::lab {
namespace {

using dns::RecordType;
using A = DnsFaultsAddresses;

dns::DomainName dn(std::string_view text) { return dns::DomainName::parse(text).value(); }

planner::Rrset rr(const std::string& owner, RecordType type, std::vector<std::string> values) {
  return planner::Rrset{.name = dn(owner), .type = type, .ttl = 30, .values = std::move(values)};
}

// zone_text() writes serial 1: the good server's copies are one change ahead.
std::string with_serial(std::string text, int serial) {
  const std::string one = " 1 60 60 3600 5\n";
  text.replace(text.find(one), one.size(), " " + std::to_string(serial) + " 60 60 3600 5\n");
  return text;
}

std::string tld_text() {
  std::string out =
      "$ORIGIN test.\n$TTL 30\n@ IN SOA ns.nic.test. hostmaster.nic.test. 1 60 60 3600 5\n@ IN NS ns.nic.test.\n"
      "ns.nic IN A " +
      std::string(A::kTld) + "\n";
  for (const auto& s : faulty_servers()) {
    const std::string zone = s.zone;
    out += zone + " 10 IN NS ns1." + zone + "\n" + zone + " 10 IN NS ns2." + zone + "\n";
    out += "ns1." + zone + " 10 IN A " + A::kGood + "\nns2." + zone + " 10 IN A " + s.address + "\n";
  }
  return out;
}

}  // namespace

std::vector<FaultyServer> faulty_servers() {
  std::vector<FaultyServer> out;
  int n = 0;
  for (const char* fault : {"pass", "drop", "late", "tc", "tc-no-tcp", "refused", "servfail", "spoof"}) {
    out.push_back({.fault = fault, .zone = std::string(fault) + ".test.", .address = "127.60.3." + std::to_string(++n)});
  }
  out.push_back({.fault = "lag", .zone = "lag.test.", .address = A::kLagging});
  return out;
}

const FaultyServer& faulty(const std::string& fault) {
  static const std::vector<FaultyServer> all = faulty_servers();
  for (const auto& s : all) {
    if (s.fault == fault) return s;
  }
  throw std::logic_error("no faulty server " + fault);
}

ZoneSpec fault_zone(const FaultyServer& server) {
  const std::string& z = server.zone;
  return {.apex = z,
          .nameservers = {"ns1." + z, "ns2." + z},
          .servers = {A::kGood},
          .records = {
              rr("ns1." + z, RecordType::A, {A::kGood}),
              rr("ns2." + z, RecordType::A, {server.address}),
              rr("www." + z, RecordType::A, {"192.0.2.10"}),
              rr("www." + z, RecordType::AAAA, {"2001:db8::10"}),
              rr("mail." + z, RecordType::A, {"192.0.2.25"}),
              rr(z, RecordType::MX, {"10 mail." + z}),
              rr(z, RecordType::TXT, {"\"v=spf1 -all\""}),
              rr("api." + z, RecordType::CNAME, {"www." + z}),
          }};
}

dns::Result<void> DnsFaultsLab::start(const std::string& python3, const std::string& relay_script) {
  if (auto ok = refuse_if_port53_busy("127.60.", "refusing to start the DNS faults lab: port 53 in use: "); !ok) return ok;
  if (auto ok = dir_.create("/tmp/cutover-dns-faults-lab"); !ok) return ok;
  const std::string& dir = dir_.path();
  std::vector<dns::ProbeRequest> ready;
  auto expect_soa = [&ready](const std::string& address, const std::string& zone) {
    ready.push_back({.server = *dns::parse_server_address(address), .question = {.name = dn(zone), .type = RecordType::SOA}});
  };

  write_file(dir + "/tld/zone", tld_text());
  if (auto ok = spawn_knotd("tld", knot_config(dir + "/tld", {A::kTld}, {KnotZone{.domain = "test.", .file = dir + "/tld/zone"}})); !ok) {
    return ok;
  }
  expect_soa(A::kTld, "test.");

  std::vector<KnotZone> good;
  for (const auto& s : faulty_servers()) {
    std::string file = zone_file(s);
    write_file(file, with_serial(zone_text(fault_zone(s)), 2));
    good.push_back({.domain = s.zone, .file = file});
    expect_soa(A::kGood, s.zone);
  }
  if (auto ok = spawn_knotd("good", knot_config(dir + "/good", {A::kGood}, good)); !ok) return ok;

  auto old = fault_zone(faulty("lag"));
  old.records[2].values = {"192.0.2.9"};  // www A before the change the lagging server has not seen
  write_file(dir + "/lagging/zone", zone_text(old));
  if (auto ok = spawn_knotd("lagging",
                            knot_config(dir + "/lagging", {A::kLagging}, {KnotZone{.domain = "lag.test.", .file = dir + "/lagging/zone"}}));
      !ok) {
    return ok;
  }
  expect_soa(A::kLagging, "lag.test.");
  if (auto ok = wait_answering(ready, std::chrono::seconds(10), "DNS faults lab server"); !ok) return ok;

  // The control relay last: once it answers, every socket before it is bound.
  // Late answers come 5 s late: far past any client's budget here, so one that waited for them is caught by its wall time.
  std::vector<std::string> argv{python3,
                                relay_script,
                                "--spoof-source",
                                A::kSpoofSource,
                                "--delay",
                                "5",
                                std::string(A::kLateParent) + "=late>" + A::kTld,
                                std::string(A::kRefusedToo) + "=refused>" + A::kGood};
  for (const auto& s : faulty_servers()) {
    if (s.fault != "lag" && s.fault != "pass") argv.push_back(s.address + "=" + s.fault + ">" + A::kGood);
  }
  argv.push_back(faulty("pass").address + "=pass>" + A::kGood);
  if (auto ok = servers_.spawn("relay", argv, dir + "/relay.log"); !ok) return ok;
  std::vector<dns::ProbeRequest> relay{
      {.server = *dns::parse_server_address(faulty("pass").address), .question = {.name = dn("pass.test."), .type = RecordType::SOA}}};
  if (auto ok = wait_answering(relay, std::chrono::seconds(10), "DNS faults relay"); !ok) {
    return dns::fail(ok.error().code, ok.error().message + servers_.reap_exited());
  }
  return {};
}

}  // namespace cutover::lab
