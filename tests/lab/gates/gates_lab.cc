#include "tests/lab/gates/gates_lab.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "dns/prober.h"
#include "dns/server_address.h"
#include "tests/lab/dns/lab_zones.h"

extern char** environ;

namespace cutover::lab {
namespace {

using dns::ErrorCode;
using dns::fail;
using dns::RecordType;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using A = GatesAddresses;

dns::DomainName dn(std::string_view text) { return dns::DomainName::parse(text).value(); }

planner::Rrset rr(std::string_view owner, RecordType type, std::uint32_t ttl, std::vector<std::string> values) {
  return planner::Rrset{.name = dn(owner), .type = type, .ttl = ttl, .values = std::move(values)};
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
  };
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
  return {
      {"root", {A::kRoot}, ".", root_text()},
      {"tld", {A::kTld1, A::kTld2}, "test.", tld_text()},
      {"old", {A::kOld1, A::kOld2}, "example.test.", zone_text(old_example())},
      {"new", {A::kNew1, A::kNew2}, "example.test.", zone_text(new_example())},
      {"stale", {A::kNewStale}, "example.test.", zone_text(stale)},
      {"dev", {A::kDev}, "dev.example.test.", zone_text(dev_example())},
  };
}

void write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

// Polls until every request is answered, or the deadline passes.
dns::Result<void> wait_answering(const std::vector<dns::ProbeRequest>& requests) {
  auto deadline = Clock::now() + std::chrono::seconds(10);
  std::string last;
  while (Clock::now() < deadline) {
    auto outcomes = dns::probe(requests, {.timeout = std::chrono::milliseconds(200), .attempts = 1});
    if (!outcomes) return std::unexpected(outcomes.error());
    bool all = true;
    for (std::size_t i = 0; i < outcomes->size(); ++i) {
      if ((*outcomes)[i].kind == dns::OutcomeKind::Answer) continue;
      all = false;
      last = dns::to_string(requests[i].server) + ": " + std::string(dns::to_string((*outcomes)[i].kind));
    }
    if (all) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fail(ErrorCode::Timeout, "gates lab server did not come up: " + last);
}

}  // namespace

ZoneSpec old_example() {
  return {.apex = "example.test.", .nameservers = {"ns1.old-dns.test.", "ns2.old-dns.test."},
          .servers = {A::kOld1, A::kOld2}, .records = example_records()};
}

ZoneSpec new_example() {
  return {.apex = "example.test.", .nameservers = {"ns1.new-dns.test.", "ns2.new-dns.test."},
          .servers = {A::kNew1, A::kNew2}, .records = example_records()};
}

ZoneSpec new_example_with_stale() {
  auto spec = new_example();
  spec.servers.push_back(A::kNewStale);
  return spec;
}

ZoneSpec dev_example() {
  return {.apex = "dev.example.test.", .nameservers = {"ns1.dev-dns.test."}, .servers = {A::kDev},
          .records = {rr("app.dev.example.test", RecordType::A, 30, {"192.0.2.30"})}};
}

std::string zone_text(const ZoneSpec& spec) {
  std::string out = "$ORIGIN " + spec.apex + "\n$TTL 30\n@ IN SOA " + spec.nameservers.front() +
                    " hostmaster." + spec.apex + " 1 60 60 3600 5\n";
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
planner::Result<void> ServedZone::remove() {
  return planner::fail(planner::ErrorCode::Unsupported, "the gates lab's zones are fixed");
}
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

dns::Result<void> GatesLab::refuse_if_busy() const {
  std::unique_ptr<FILE, int (*)(FILE*)> ss(::popen("ss -Hlnu 'sport = :53'; ss -Hlnt 'sport = :53'", "r"), ::pclose);
  if (!ss) return fail(ErrorCode::Io, "cannot run ss to check port 53");
  char line[512];
  while (std::fgets(line, sizeof line, ss.get())) {
    std::string text = line;
    for (const char* busy : {"127.55.", "0.0.0.0:53", "*:53", "[::]:53"}) {
      if (text.find(busy) != std::string::npos) return fail(ErrorCode::Io, "refusing to start the gates lab: port 53 in use: " + text);
    }
  }
  return {};
}

dns::Result<void> GatesLab::spawn(const std::string& name, const std::vector<std::string>& argv) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  std::string log = dir_ + "/" + name + ".log";
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return fail(ErrorCode::Io, "cannot start " + argv[0] + " (is it installed?)");
  pids_.push_back(pid);
  return {};
}

dns::Result<void> GatesLab::start() {
  if (auto ok = refuse_if_busy(); !ok) return ok;
  char pattern[] = "/tmp/cutover-gates-lab.XXXXXX";
  if (!::mkdtemp(pattern)) return fail(ErrorCode::Io, "cannot create the lab's temp dir");
  dir_ = pattern;
  write_file(dir_ + "/root.hints", ". 3600000 IN NS ns.root-servers.test.\nns.root-servers.test. 3600000 IN A 127.55.0.1\n");
  std::vector<dns::ProbeRequest> ready;
  for (const auto& instance : instances()) {
    std::string idir = dir_ + "/" + instance.name;
    std::string file = idir + "/zone";
    write_file(file, instance.text);
    fs::create_directories(idir + "/db");
    write_file(idir + "/knot.conf", knot_config(idir, instance.addresses, {KnotZone{.domain = instance.domain, .file = file}}));
    if (auto ok = spawn(instance.name, {"knotd", "-c", idir + "/knot.conf"}); !ok) return ok;
    for (const auto& address : instance.addresses) {
      ready.push_back({.server = *dns::parse_server_address(address), .question = {.name = dn(instance.domain), .type = RecordType::SOA}});
    }
  }
  if (auto ok = wait_answering(ready); !ok) return ok;
  write_file(dir_ + "/unbound.conf", unbound_config(dir_, A::kUnbound));
  if (auto ok = spawn("unbound", {"unbound", "-d", "-c", dir_ + "/unbound.conf"}); !ok) return ok;
  // Unbound answers only once it resolves through the lab's root.
  return wait_answering({{.server = *dns::parse_server_address(A::kUnbound),
                          .question = {.name = dn("test."), .type = RecordType::SOA},
                          .recursion_desired = true}});
}

void GatesLab::stop() {
  for (pid_t pid : pids_) ::kill(pid, SIGTERM);
  for (pid_t pid : pids_) {
    auto deadline = Clock::now() + std::chrono::seconds(5);
    while (::waitpid(pid, nullptr, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        ::kill(pid, SIGKILL);
        ::waitpid(pid, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  pids_.clear();
  if (!dir_.empty() && std::getenv("CUTOVER_LAB_KEEP") == nullptr) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  dir_.clear();
}

}  // namespace cutover::lab
