#include "tests/lab/gates/gates_lab.h"

#include <chrono>
#include <stdexcept>

#include "dns/prober.h"
#include "dns/server_address.h"
#include "tests/lab/common/port53.h"
#include "tests/lab/common/server_configs.h"
#include "tests/lab/common/wait_answering.h"

namespace cutover::lab {
namespace {

using dns::RecordType;
using A = GatesAddresses;

dns::DomainName dn(std::string_view text) { return dns::DomainName::parse(text).value(); }

planner::Rrset rr(std::string_view owner, RecordType type, std::uint32_t ttl, std::vector<std::string> values) {
  return planner::Rrset{.name = dn(owner), .type = type, .ttl = ttl, .values = std::move(values)};
}

planner::Rrset weighted(std::string_view owner, std::string id, std::uint32_t weight, std::string value) {
  auto set = rr(owner, RecordType::A, 30, {std::move(value)});
  set.routing = planner::Routing{.set_identifier = std::move(id), .weight = weight};
  return set;
}

// The records both providers serve for example.test (dev is delegated to the child).
std::vector<planner::Rrset> example_records() {
  return {
      rr("www.example.test", RecordType::A, 30, {"192.0.2.10"}),
      rr("www.example.test", RecordType::AAAA, 30, {"2001:db8::10"}),
      rr("mail.example.test", RecordType::A, 30, {"192.0.2.25"}),
      rr("example.test", RecordType::MX, 30, {"10 mail.example.test."}),
      rr("api.example.test", RecordType::CNAME, 30, {"www.example.test."}),
      rr("db.example.test", RecordType::CNAME, 60, {"old-db.cluster.test."}),
      rr("dev.example.test", RecordType::NS, 10, {"ns1.dev-dns.test."}),
      rr("example.test", RecordType::TXT, 30, {"\"v=spf1 include:Mail.Example.test -all\""}),
      // A delegation with glue and a DS: both are the parent's to answer.
      rr("lab.example.test", RecordType::NS, 30, {"ns1.lab.example.test."}),
      rr("ns1.lab.example.test", RecordType::A, 30, {"192.0.2.53"}),
      rr("lab.example.test", RecordType::DS, 30, {"12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"}),
      // A weighted pair: Knot serves both values as one RRset, one answer the
      // weighted name can give on Route 53 is either; both are the old zone's.
      weighted("shop.example.test", "blue", 70, "192.0.2.41"),
      weighted("shop.example.test", "green", 30, "192.0.2.42"),
  };
}

planner::Rrset& find(ZoneSpec& spec, std::string_view owner, RecordType type) {
  for (auto& r : spec.records) {
    if (r.name == dn(owner) && r.type == type) return r;
  }
  throw std::logic_error("no " + std::string(owner) + " in the spec");
}

std::string root_text() {
  return "$ORIGIN .\n$TTL 30\n"
         ". IN SOA ns.root-servers.test. hostmaster.test. 1 60 60 3600 5\n"
         ". IN NS ns.root-servers.test.\n"
         "test. IN NS ns1.nic.test.\ntest. IN NS ns2.nic.test.\n"
         "ns1.nic.test. IN A 127.55.1.1\nns2.nic.test. IN A 127.55.1.2\n"
         "ns.root-servers.test. IN A 127.55.0.1\n";
}

std::string tld_text() {
  return "$ORIGIN test.\n$TTL 30\n"
         "@ IN SOA ns1.nic.test. hostmaster.nic.test. 1 60 60 3600 5\n"
         "@ IN NS ns1.nic.test.\n@ IN NS ns2.nic.test.\n"
         "ns1.nic IN A 127.55.1.1\nns2.nic IN A 127.55.1.2\nns.root-servers IN A 127.55.0.1\n"
         "ns1.old-dns IN A 127.55.10.1\nns2.old-dns IN A 127.55.10.2\n"
         "ns1.new-dns IN A 127.55.20.1\nns2.new-dns IN A 127.55.20.2\n"
         "ns1.dev-dns IN A 127.55.30.1\n"
         "example 10 IN NS ns1.old-dns.test.\nexample 10 IN NS ns2.old-dns.test.\n"
         "signed 10 IN NS ns1.old-dns.test.\n"
         "signed 10 IN DS 12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF\n";
}

struct Instance {
  std::string name;
  std::vector<std::string> addresses;
  std::string domain;  // "." for the root
  std::string text;
};

std::vector<Instance> instances() {
  auto stale = new_example();
  stale.records[0].values = {"192.0.2.99"};  // www.example.test A: an update this server missed
  std::vector<Instance> out{
      {"root", {A::kRoot}, ".", root_text()},
      {"tld", {A::kTld1, A::kTld2}, "test.", tld_text()},
      {"old", {A::kOld1, A::kOld2}, "example.test.", zone_text(old_example())},
      {"new", {A::kNew1, A::kNew2}, "example.test.", zone_text(new_example())},
      {"stale", {A::kNewStale}, "example.test.", zone_text(stale)},
      {"dev", {A::kDev}, "dev.example.test.", zone_text(dev_example())},
  };
  for (const auto& v : parity_variants()) out.push_back({v.key, v.spec.servers, "example.test.", zone_text(v.served)});
  return out;
}

}  // namespace

ZoneSpec old_example() {
  return {.apex = "example.test.",
          .nameservers = {"ns1.old-dns.test.", "ns2.old-dns.test."},
          .servers = {A::kOld1, A::kOld2},
          .records = example_records()};
}

ZoneSpec new_example() {
  return {.apex = "example.test.",
          .nameservers = {"ns1.new-dns.test.", "ns2.new-dns.test."},
          .servers = {A::kNew1, A::kNew2},
          .records = example_records()};
}

ZoneSpec new_example_with_stale() {
  auto spec = new_example();
  spec.servers.push_back(A::kNewStale);
  return spec;
}

ZoneSpec dev_example() {
  return {.apex = "dev.example.test.",
          .nameservers = {"ns1.dev-dns.test."},
          .servers = {A::kDev},
          .records = {rr("app.dev.example.test", RecordType::A, 30, {"192.0.2.30"})}};
}

std::vector<ParityVariant> parity_variants() {
  std::vector<ParityVariant> out;
  auto variant = [&out](std::string key, auto change) {
    ZoneSpec spec = new_example();
    spec.servers = {A::kVariants + std::to_string(out.size() + 1)};
    change(spec);
    out.push_back({std::move(key), spec, spec});
  };
  variant("new-extra", [](ZoneSpec& z) { z.records.push_back(rr("extra.example.test", RecordType::A, 30, {"192.0.2.77"})); });
  variant("new-missing", [](ZoneSpec& z) { std::erase(z.records, find(z, "mail.example.test", RecordType::A)); });
  variant("new-txt-case",
          [](ZoneSpec& z) { find(z, "example.test", RecordType::TXT).values = {"\"v=spf1 include:mail.example.test -all\""}; });
  variant("new-longer-ttl", [](ZoneSpec& z) { find(z, "www.example.test", RecordType::A).ttl = 86400; });
  variant("new-shorter-ttl", [](ZoneSpec& z) { find(z, "www.example.test", RecordType::A).ttl = 5; });
  variant("new-ds", [](ZoneSpec& z) {
    find(z, "lab.example.test", RecordType::DS).values = {"12345 13 2 FFFF456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF"};
  });
  variant("new-glue", [](ZoneSpec& z) { find(z, "ns1.lab.example.test", RecordType::A).values = {"192.0.2.54"}; });
  // Listed as the old zone lists it, but the server answers a value the old zone never gives.
  variant("new-routed-stray", [](ZoneSpec&) {});
  find(out.back().served, "shop.example.test", RecordType::A).values = {"192.0.2.99"};
  return out;
}

std::string zone_text(const ZoneSpec& spec) {
  std::string out =
      "$ORIGIN " + spec.apex + "\n$TTL 30\n@ IN SOA " + spec.nameservers.front() + " hostmaster." + spec.apex + " 1 60 60 3600 5\n";
  for (const auto& ns : spec.nameservers) out += "@ 10 IN NS " + ns + "\n";
  for (const auto& set : spec.records) {
    for (const auto& value : set.values) {
      out += set.name.text() + " " + std::to_string(set.ttl) + " IN " + std::string(dns::to_string(set.type)) + " " + value + "\n";
    }
  }
  return out;
}

ServedZone::ServedZone(ZoneSpec spec) : spec_(std::move(spec)), apex_(dn(spec_.apex)) {}

planner::Result<void> ServedZone::create(std::string_view) {
  return planner::fail(planner::ErrorCode::Unsupported, "the gates lab's zones are fixed");
}
planner::Result<void> ServedZone::remove() { return planner::fail(planner::ErrorCode::Unsupported, "the gates lab's zones are fixed"); }
planner::Result<void> ServedZone::apply(const std::vector<planner::RrsetChange>&, std::string_view) {
  return planner::fail(planner::ErrorCode::Unsupported, "the gates lab's zones are fixed");
}

planner::Result<std::vector<planner::Rrset>> ServedZone::list() {
  std::vector<planner::Rrset> out{rr(spec_.apex, RecordType::SOA, 30, {spec_.nameservers.front() + " hostmaster. 1 60 60 3600 5"}),
                                  rr(spec_.apex, RecordType::NS, 10, spec_.nameservers)};
  out.insert(out.end(), spec_.records.begin(), spec_.records.end());
  return out;
}

planner::Result<std::vector<dns::DomainName>> ServedZone::nameservers() {
  std::vector<dns::DomainName> out;
  for (const auto& ns : spec_.nameservers) out.push_back(dn(ns));
  return out;
}

dns::Result<void> GatesLab::start() {
  if (auto ok = refuse_if_port53_busy("127.55.", "refusing to start the gates lab: port 53 in use: "); !ok) return ok;
  if (auto ok = dir_.create("/tmp/cutover-gates-lab"); !ok) return ok;
  const std::string& dir = dir_.path();
  write_file(dir + "/root.hints", ". 3600000 IN NS ns.root-servers.test.\nns.root-servers.test. 3600000 IN A 127.55.0.1\n");
  std::vector<dns::ProbeRequest> ready;
  for (const auto& instance : instances()) {
    std::string idir = dir + "/" + instance.name;
    std::string file = idir + "/zone";
    write_file(file, instance.text);
    auto config = knot_config(idir, instance.addresses, {KnotZone{.domain = instance.domain, .file = file}});
    if (auto ok = spawn_knotd(instance.name, config); !ok) return ok;
    for (const auto& address : instance.addresses) {
      ready.push_back({.server = *dns::parse_server_address(address), .question = {.name = dn(instance.domain), .type = RecordType::SOA}});
    }
  }
  if (auto ok = wait_answering(ready, std::chrono::seconds(10), "gates lab server"); !ok) return ok;
  if (auto ok = spawn_unbound(A::kUnbound); !ok) return ok;
  // Unbound answers only once it resolves through the lab's root.
  std::vector<dns::ProbeRequest> unbound{{.server = *dns::parse_server_address(A::kUnbound),
                                          .question = {.name = dn("test."), .type = RecordType::SOA},
                                          .recursion_desired = true}};
  return wait_answering(unbound, std::chrono::seconds(10), "gates lab server");
}

}  // namespace cutover::lab
