#include "tests/lab/dns/dns_lab.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "dns/prober.h"
#include "dns/server_address.h"
#include "tests/lab/dns/lab_zones.h"

namespace cutover::lab {
namespace {

using dns::ErrorCode;
using dns::fail;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr const char* kLockFile = "/tmp/cutover-dns-lab.lock";

struct Instance {
  std::string name;
  std::vector<std::string> addresses;
  std::vector<KnotZone> zones;
  std::string probe_zone;
};

void write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

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
      {"broken", {A::kBroken}, {zone("broken", "broken.test"), zone("broken", "signed.test")}, "broken.test."},
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
  write_file(dir + "/root.hints", lab::root_hints());
}

// Polls `requests` until every one gets a reply from its server or the deadline passes.
dns::Result<void> wait_answering(const std::vector<dns::ProbeRequest>& requests, Clock::duration within) {
  auto deadline = Clock::now() + within;
  std::string last;
  while (Clock::now() < deadline) {
    auto outcomes = dns::probe(requests, {.timeout = std::chrono::milliseconds(200), .attempts = 1});
    if (!outcomes) return std::unexpected(outcomes.error());
    bool all = true;
    for (std::size_t i = 0; i < outcomes->size(); ++i) {
      if ((*outcomes)[i].kind != dns::OutcomeKind::Answer) {
        all = false;
        last = dns::to_string(requests[i].server) + " " + requests[i].question.name.text() + ": " +
               std::string(dns::to_string((*outcomes)[i].kind));
      }
    }
    if (all) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fail(ErrorCode::Timeout, "lab server did not come up: " + last);
}

}  // namespace

dns::Result<void> DnsLab::refuse_if_busy() const {
  std::unique_ptr<FILE, int (*)(FILE*)> ss(::popen("ss -Hlnu 'sport = :53'; ss -Hlnt 'sport = :53'", "r"), ::pclose);
  if (!ss) return fail(ErrorCode::Io, "cannot run ss to check port 53");
  char line[512];
  while (std::fgets(line, sizeof line, ss.get())) {
    std::string text = line;
    for (const char* busy : {"127.53.", "0.0.0.0:53", "*:53", "[::]:53"}) {
      if (text.find(busy) != std::string::npos) {
        return fail(ErrorCode::Io, "refusing to start the DNS lab: port 53 already in use: " + text);
      }
    }
  }
  return {};
}

dns::Result<void> DnsLab::spawn(const std::string& name, const std::vector<std::string>& argv) {
  std::string log = dir_ + "/" + name + ".log";
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  // Debian puts knotd and unbound in /usr/sbin, which a CI job's PATH may lack.
  std::string fallback = "/usr/sbin/" + argv[0];
  pid_t parent = ::getpid();
  pid_t pid = ::fork();
  if (pid < 0) return fail(ErrorCode::Io, "cannot fork to start " + argv[0]);
  if (pid == 0) {
    // If the test process dies (a crash, a ctest timeout), its servers die
    // with it instead of holding port 53 and failing every later test.
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    ::execvp(args[0], args.data());
    ::execv(fallback.c_str(), args.data());
    ::_exit(127);
  }
  processes_.push_back(Process{.name = name, .pid = pid});
  return {};
}

std::string DnsLab::exited() {
  std::string out;
  for (auto& p : processes_) {
    int status = 0;
    if (p.pid > 0 && ::waitpid(p.pid, &status, WNOHANG) == p.pid) {
      out += " " + p.name + " exited (status " + std::to_string(WEXITSTATUS(status)) + ", log " + dir_ + "/" + p.name + ".log);";
      p.pid = -1;  // reaped: stop() must not signal a pid that may be reused
    }
  }
  return out;
}

dns::Result<void> DnsLab::wait_ready() const {
  std::vector<dns::ProbeRequest> requests;
  for (const auto& instance : knot_instances(dir_)) {
    for (const auto& address : instance.addresses) {
      requests.push_back({.server = *dns::parse_server_address(address),
                          .question = {.name = *dns::DomainName::parse(instance.probe_zone), .type = dns::RecordType::SOA}});
    }
  }
  if (auto ok = wait_answering(requests, std::chrono::seconds(10)); !ok) return ok;
  // Unbound answers only once it can resolve through the lab's root.
  return wait_answering({{.server = *dns::parse_server_address(LabAddresses::kUnbound),
                          .question = {.name = *dns::DomainName::parse("test."), .type = dns::RecordType::SOA},
                          .recursion_desired = true}},
                        std::chrono::seconds(10));
}

dns::Result<void> DnsLab::lock() {
  // Lab runs from several build trees on one machine take turns instead of
  // refusing each other. O_CLOEXEC: the servers must not inherit (and hold) the lock.
  lock_fd_ = ::open(kLockFile, O_CREAT | O_RDWR | O_CLOEXEC, 0644);
  if (lock_fd_ < 0) return fail(ErrorCode::Io, std::string("cannot open ") + kLockFile);
  auto deadline = Clock::now() + std::chrono::minutes(5);
  while (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    if (Clock::now() > deadline) return fail(ErrorCode::Timeout, std::string("another DNS lab held ") + kLockFile + " for 5 minutes");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return {};
}

dns::Result<void> DnsLab::start() {
  if (auto ok = lock(); !ok) return ok;
  if (auto ok = refuse_if_busy(); !ok) return ok;
  char pattern[] = "/tmp/cutover-dns-lab.XXXXXX";
  if (!::mkdtemp(pattern)) return fail(ErrorCode::Io, "cannot create the lab's temp dir");
  dir_ = pattern;
  write_zones(dir_);
  for (const auto& instance : knot_instances(dir_)) {
    std::string idir = dir_ + "/" + instance.name;
    fs::create_directories(idir + "/db");  // knotd fails every update without it (LAB-NOTES)
    write_file(idir + "/knot.conf", knot_config(idir, instance.addresses, instance.zones));
    if (auto ok = spawn(instance.name, {"knotd", "-c", idir + "/knot.conf"}); !ok) return ok;
  }
  write_file(dir_ + "/unbound.conf", unbound_config(dir_, LabAddresses::kUnbound));
  if (auto ok = spawn("unbound", {"unbound", "-d", "-c", dir_ + "/unbound.conf"}); !ok) return ok;
  auto ready = wait_ready();
  if (!ready) return fail(ready.error().code, ready.error().message + exited());
  return ready;
}

dns::Result<void> DnsLab::delegate_example_to_new() {
  write_file(dir_ + "/tld/test.zone", tld_zone(true, 2));
  std::string reload = "PATH=\"$PATH:/usr/sbin\" knotc -s " + dir_ + "/tld/knot.sock zone-reload test >>" + dir_ + "/tld.log 2>&1";
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

void DnsLab::stop() {
  for (auto& p : processes_) {
    if (p.pid > 0) ::kill(p.pid, SIGTERM);
  }
  for (auto& p : processes_) {
    if (p.pid <= 0) continue;
    auto deadline = Clock::now() + std::chrono::seconds(5);
    while (::waitpid(p.pid, nullptr, WNOHANG) == 0) {
      if (Clock::now() > deadline) {
        ::kill(p.pid, SIGKILL);
        ::waitpid(p.pid, nullptr, 0);
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    p.pid = -1;
  }
  processes_.clear();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
  lock_fd_ = -1;
  if (!dir_.empty() && std::getenv("CUTOVER_LAB_KEEP") == nullptr) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  dir_.clear();
}

}  // namespace cutover::lab
