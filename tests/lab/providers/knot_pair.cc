#include "tests/lab/providers/knot_pair.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <thread>

#include "dns/soa_serial.h"

extern char** environ;

namespace cutover::lab {
namespace {

using dns::ErrorCode;
using dns::fail;
using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;
using A = KnotPairAddresses;

void write_file(const std::string& path, const std::string& text) {
  fs::create_directories(fs::path(path).parent_path());
  std::ofstream(path) << text;
}

// Refresh and retry of 2 s: even a lost NOTIFY is caught up quickly.
std::string test_zone() {
  return "$ORIGIN test.\n$TTL 60\n"
         "@ SOA ns1.test. hostmaster.test. 1 2 2 600 60\n"
         "@ NS ns1.test.\nns1 A 127.57.0.1\n"
         "example 3600 NS ns1.old-dns.test.\nexample 3600 NS ns2.old-dns.test.\n";
}

std::string example_zone() {
  return "$ORIGIN example.test.\n$TTL 300\n"
         "@ SOA ns1.example.test. hostmaster.example.test. 1 2 2 600 60\n"
         "@ 3600 NS ns1.example.test.\n@ 3600 NS ns2.example.test.\n"
         "ns1 A 127.57.0.1\nns2 A 127.57.0.2\n"
         "@ MX 10 mail.example.test.\nmail A 192.0.2.20\n"
         "www A 192.0.2.10\nwww A 192.0.2.11\n"
         "note TXT \"hello world\"\n";
}

std::string common_config(const std::string& dir, const char* address) {
  return "server:\n    rundir: \"" + dir + "\"\n    listen: [ " + address + "@53 ]\n"
         "    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n"
         "log:\n  - target: stderr\n    any: info\n"
         "database:\n    storage: \"" + dir + "/db\"\n"   // knotd fails every update without it (LAB-NOTES)
         "control:\n    listen: \"" + dir + "/knot.sock\"\n"
         "key:\n  - id: " + LabKey::kName + "\n    algorithm: hmac-sha256\n    secret: " + LabKey::kSecret + "\n";
}

std::string primary_config(const std::string& dir) {
  return common_config(dir, A::kPrimary) +
         "remote:\n  - id: secondary\n    address: " + A::kSecondary + "@53\n    via: " + A::kPrimary +
         "\n    key: " + LabKey::kName + "\n"
         "acl:\n  - id: lab_key\n    key: " + LabKey::kName + "\n    action: [transfer, update]\n"
         "template:\n  - id: default\n    storage: \"" + dir + "\"\n"
         "    zonefile-sync: -1\n    zonefile-load: whole\n    journal-content: none\n    semantic-checks: off\n"
         "    notify: secondary\n    acl: lab_key\n"
         "zone:\n  - domain: test\n    file: \"" + dir + "/test.zone\"\n"
         "  - domain: example.test\n    file: \"" + dir + "/example.test.zone\"\n";
}

std::string secondary_config(const std::string& dir) {
  return common_config(dir, A::kSecondary) +
         "remote:\n  - id: primary\n    address: " + A::kPrimary + "@53\n    via: " + A::kSecondary +
         "\n    key: " + LabKey::kName + "\n"
         "acl:\n  - id: from_primary\n    key: " + LabKey::kName + "\n    action: [notify, transfer]\n"
         "template:\n  - id: default\n    storage: \"" + dir + "\"\n"
         "    zonefile-sync: -1\n    journal-content: none\n    semantic-checks: off\n"
         "    master: primary\n    acl: from_primary\n"
         "zone:\n  - domain: test\n  - domain: example.test\n";
}

dns::Result<void> refuse_if_busy() {
  std::unique_ptr<FILE, int (*)(FILE*)> ss(::popen("ss -Hlnu 'sport = :53'; ss -Hlnt 'sport = :53'", "r"), ::pclose);
  if (!ss) return fail(ErrorCode::Io, "cannot run ss to check port 53");
  char line[512];
  while (std::fgets(line, sizeof line, ss.get())) {
    std::string text = line;
    for (const char* busy : {"127.57.", "0.0.0.0:53", "*:53", "[::]:53"}) {
      if (text.find(busy) != std::string::npos) return fail(ErrorCode::Io, "refusing to start Knot: port 53 already in use: " + text);
    }
  }
  return {};
}

// Polls until `server` answers both zones authoritatively, or 10 s pass.
dns::Result<void> wait_serving(const char* server) {
  auto address = *dns::parse_server_address(server);
  auto deadline = Clock::now() + std::chrono::seconds(10);
  std::string last;
  while (Clock::now() < deadline) {
    bool all = true;
    for (const char* zone : {"test.", "example.test."}) {
      auto seen = dns::soa_serials(std::span(&address, 1), *dns::DomainName::parse(zone),
                                   {.timeout = std::chrono::milliseconds(200), .attempts = 1});
      if (!seen) return std::unexpected(seen.error());
      if (!seen->front().serial) {
        all = false;
        last = std::string(zone) + ": " + seen->front().problem;
      }
    }
    if (all) return {};
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return fail(ErrorCode::Timeout, std::string("Knot at ") + server + " did not come up: " + last);
}

}  // namespace

std::string KnotPair::write_key_file(const std::string& file, const std::string& name, const std::string& secret) const {
  std::string path = dir_ + "/" + file;
  write_file(path, "key \"" + name + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + secret + "\";\n};\n");
  return path;
}

pid_t KnotPair::secondary_pid() const {
  for (const auto& p : processes_) {
    if (p.name == "secondary") return p.pid;
  }
  return -1;
}

dns::Result<void> KnotPair::spawn(const std::string& name, const std::string& config) {
  std::string idir = dir_ + "/" + name;
  fs::create_directories(idir + "/db");
  write_file(idir + "/knot.conf", config);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  std::string log = dir_ + "/" + name + ".log";
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  std::string conf = idir + "/knot.conf";
  std::vector<char*> args{const_cast<char*>("knotd"), const_cast<char*>("-c"), conf.data(), nullptr};
  pid_t pid = -1;
  int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return fail(ErrorCode::Io, "cannot start knotd (is it installed?)");
  processes_.push_back(Process{.name = name, .pid = pid});
  return {};
}

dns::Result<void> KnotPair::lock_addresses() {
  lock_fd_ = ::open(kLockFile, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
  if (lock_fd_ < 0) return fail(ErrorCode::Io, std::string("cannot open ") + kLockFile);
  auto deadline = Clock::now() + std::chrono::seconds(100);
  while (::flock(lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    if (Clock::now() > deadline) return fail(ErrorCode::Timeout, std::string("another Knot pair held ") + kLockFile + " for 100 s");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return {};
}

dns::Result<void> KnotPair::start() {
  if (auto ok = lock_addresses(); !ok) return ok;
  if (auto ok = refuse_if_busy(); !ok) return ok;
  char pattern[] = "/tmp/cutover-knot-pair.XXXXXX";
  if (!::mkdtemp(pattern)) return fail(ErrorCode::Io, "cannot create the lab's temp dir");
  dir_ = pattern;
  write_file(dir_ + "/primary/test.zone", test_zone());
  write_file(dir_ + "/primary/example.test.zone", example_zone());
  write_key_file("lab.key", LabKey::kName, LabKey::kSecret);
  // The secondary starts once the primary serves, so its first transfer succeeds at once.
  if (auto ok = spawn("primary", primary_config(dir_ + "/primary")); !ok) return ok;
  if (auto ok = wait_serving(A::kPrimary); !ok) return ok;
  if (auto ok = spawn("secondary", secondary_config(dir_ + "/secondary")); !ok) return ok;
  return wait_serving(A::kSecondary);
}

void KnotPair::stop() {
  for (auto& p : processes_) {
    if (p.pid > 0) {
      ::kill(p.pid, SIGCONT);  // a test may have paused it
      ::kill(p.pid, SIGTERM);
    }
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
  if (!dir_.empty() && std::getenv("CUTOVER_LAB_KEEP") == nullptr) {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  dir_.clear();
  if (lock_fd_ >= 0) ::close(lock_fd_);  // releases the flock
  lock_fd_ = -1;
}

}  // namespace cutover::lab
