#include "tests/lab/dns/dns_lab.h"

#include <chrono>
#include <cstdlib>
#include <thread>
#include <vector>

#include "dns/prober.h"
#include "dns/server_address.h"
#include "tests/lab/common/port53.h"
#include "tests/lab/common/server_configs.h"
#include "tests/lab/common/wait_answering.h"
#include "tests/lab/dns/lab_zones.h"

namespace cutover::lab {
namespace {

using dns::ErrorCode;
using dns::fail;
using Clock = std::chrono::steady_clock;

constexpr const char* kLockFile = "/tmp/cutover-dns-lab.lock";

struct Instance {
  std::string name;
  std::vector<std::string> addresses;
  std::vector<KnotZone> zones;
  std::string probe_zone;
};

std::vector<Instance> knot_instances(const std::string& dir) {
  auto zone = [&](const std::string& instance, const std::string& domain) {
    return KnotZone{.domain = domain, .file = dir + "/" + instance + "/" + (domain == "." ? "root" : domain) + ".zone"};
  };
  using A = LabAddresses;
  return {
      {"root", {A::kRoot}, {zone("root", ".")}, "."},
      {"tld", {A::kTld1, A::kTld2}, {zone("tld", "test")}, "test."},
      {"old", {A::kOld1, A::kOld2}, {zone("old", "example.test")}, "example.test."},
      {"new", {A::kNew1, A::kNew2, A::kNew3}, {zone("new", "example.test")}, "example.test."},
      {"new-stale", {A::kNewStale}, {zone("new-stale", "example.test")}, "example.test."},
      {"dev", {A::kDev}, {zone("dev", "dev.example.test")}, "dev.example.test."},
      {"broken",
       {A::kBroken},
       {zone("broken", "broken.test"), zone("broken", "signed.test"), zone("broken", "goodkey.test"), zone("broken", "wrongkey.test"),
        zone("broken", "noglue.test")},
       "broken.test."},
  };
}

void write_zones(const std::string& dir) {
  write_file(dir + "/root/root.zone", root_zone());
  write_file(dir + "/tld/test.zone", tld_zone(false, 1));
  write_file(dir + "/old/example.test.zone", old_example_zone());
  write_file(dir + "/new/example.test.zone", new_example_zone(false));
  write_file(dir + "/new-stale/example.test.zone", new_example_zone(true));
  write_file(dir + "/dev/dev.example.test.zone", dev_zone());
  write_file(dir + "/broken/broken.test.zone", broken_zone());
  write_file(dir + "/broken/signed.test.zone", signed_zone());
  write_file(dir + "/broken/goodkey.test.zone", key_zone("goodkey.test", kGoodkeyDnskey));
  write_file(dir + "/broken/wrongkey.test.zone", key_zone("wrongkey.test", kWrongkeyDnskey));
  write_file(dir + "/broken/noglue.test.zone", noglue_zone());
  write_file(dir + "/root.hints", lab::root_hints());
}

}  // namespace

dns::Result<void> DnsLab::wait_ready() const {
  std::vector<dns::ProbeRequest> requests;
  for (const auto& instance : knot_instances(dir_.path())) {
    for (const auto& address : instance.addresses) {
      requests.push_back({.server = *dns::parse_server_address(address),
                          .question = {.name = *dns::DomainName::parse(instance.probe_zone), .type = dns::RecordType::SOA}});
    }
  }
  if (auto ok = wait_answering(requests, std::chrono::seconds(10), "lab server"); !ok) return ok;
  // Unbound answers only once it can resolve through the lab's root.
  std::vector<dns::ProbeRequest> unbound{{.server = *dns::parse_server_address(LabAddresses::kUnbound),
                                          .question = {.name = *dns::DomainName::parse("test."), .type = dns::RecordType::SOA},
                                          .recursion_desired = true}};
  return wait_answering(unbound, std::chrono::seconds(10), "lab server");
}

dns::Result<void> DnsLab::start() {
  // Lab runs from several build trees on one machine take turns instead of refusing each other.
  if (auto ok = lock_.acquire(kLockFile, std::chrono::minutes(5), "DNS lab"); !ok) return ok;
  if (auto ok = refuse_if_port53_busy("127.53.", "refusing to start the DNS lab: port 53 already in use: "); !ok) return ok;
  if (auto ok = dir_.create("/tmp/cutover-dns-lab"); !ok) return ok;
  const std::string& dir = dir_.path();
  write_zones(dir);
  for (const auto& instance : knot_instances(dir)) {
    auto config = knot_config(dir + "/" + instance.name, instance.addresses, instance.zones);
    if (auto ok = spawn_knotd(instance.name, config); !ok) return ok;
  }
  if (auto ok = spawn_unbound(LabAddresses::kUnbound); !ok) return ok;
  auto ready = wait_ready();
  if (!ready) return fail(ready.error().code, ready.error().message + servers_.reap_exited());
  return ready;
}

dns::Result<void> DnsLab::delegate_example_to_new() {
  const std::string& dir = dir_.path();
  write_file(dir + "/tld/test.zone", tld_zone(true, 2));
  std::string reload = "PATH=\"$PATH:/usr/sbin\" knotc -s " + dir + "/tld/knot.sock zone-reload test >>" + dir + "/tld.log 2>&1";
  if (std::system(reload.c_str()) != 0) return fail(ErrorCode::Io, "knotc zone-reload test failed");
  // Reloads usually apply in milliseconds but sometimes take ~0.7 s: poll.
  auto deadline = Clock::now() + std::chrono::seconds(10);
  while (Clock::now() < deadline) {
    std::vector<dns::ProbeRequest> requests;
    for (const char* tld : {LabAddresses::kTld1, LabAddresses::kTld2}) {
      requests.push_back({.server = *dns::parse_server_address(tld),
                          .question = {.name = *dns::DomainName::parse("example.test."), .type = dns::RecordType::NS}});
    }
    auto outcomes = dns::probe(requests, {.timeout = std::chrono::milliseconds(200)});
    bool switched = outcomes.has_value();
    for (const auto& o : outcomes.value_or(std::vector<dns::Outcome>{})) {
      bool has_new = false;
      for (const auto& rr : o.reply.authority) has_new |= rr.rdata.find("new-dns.test.") != std::string::npos;
      switched &= has_new;
    }
    if (switched) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return fail(ErrorCode::Timeout, "the TLD did not switch example.test to the new servers within 10 s");
}

}  // namespace cutover::lab
