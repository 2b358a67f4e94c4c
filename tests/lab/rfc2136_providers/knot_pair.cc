#include "tests/lab/rfc2136_providers/knot_pair.h"

#include <chrono>
#include <thread>

#include "dns/soa_serial.h"
#include "tests/lab/common/port53.h"
#include "tests/lab/common/server_configs.h"

namespace cutover::lab {
namespace {

using dns::ErrorCode;
using dns::fail;
using Clock = std::chrono::steady_clock;
using A = KnotPairAddresses;

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

// What sets a server of the pair apart: its address, the other server (the
// remote it talks to), the ACL for the lab key and the rest of its template.
struct PairRole {
  const char* address;
  const char* peer_id;
  const char* peer_address;
  const char* acl_id;
  const char* acl_actions;
};

// Unlike the other labs' servers, both hold the TSIG key and talk to each other,
// so only the server sections come from common/server_configs.h; the template
// section is left open for the role's own lines.
std::string pair_config(const std::string& dir, const PairRole& role) {
  return knot_server_config(dir, {role.address}) + "key:\n  - id: " + LabKey::kName +
         "\n    algorithm: hmac-sha256\n    secret: " + LabKey::kSecret +
         "\n"
         "remote:\n  - id: " +
         role.peer_id + "\n    address: " + role.peer_address + "@53\n    via: " + role.address + "\n    key: " + LabKey::kName +
         "\n"
         "acl:\n  - id: " +
         role.acl_id + "\n    key: " + LabKey::kName + "\n    action: [" + role.acl_actions +
         "]\n"
         "template:\n  - id: default\n    storage: \"" +
         dir +
         "\"\n"
         "    zonefile-sync: -1\n    journal-content: none\n    semantic-checks: off\n    acl: " +
         role.acl_id + "\n";
}

std::string primary_config(const std::string& dir) {
  return pair_config(dir, {A::kPrimary, "secondary", A::kSecondary, "lab_key", "transfer, update"}) +
         "    zonefile-load: whole\n    notify: secondary\n"
         "zone:\n  - domain: test\n    file: \"" +
         dir +
         "/test.zone\"\n"
         "  - domain: example.test\n    file: \"" +
         dir + "/example.test.zone\"\n";
}

std::string secondary_config(const std::string& dir) {
  return pair_config(dir, {A::kSecondary, "primary", A::kPrimary, "from_primary", "notify, transfer"}) +
         "    master: primary\n"
         "zone:\n  - domain: test\n  - domain: example.test\n";
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
  std::string path = dir_.path() + "/" + file;
  write_file(path, "key \"" + name + "\" {\n\talgorithm hmac-sha256;\n\tsecret \"" + secret + "\";\n};\n");
  return path;
}

pid_t KnotPair::secondary_pid() const { return servers_.pid_of("secondary"); }

dns::Result<void> KnotPair::start() {
  if (auto ok = lock_.acquire(kLockFile, std::chrono::seconds(100), "Knot pair"); !ok) return ok;
  if (auto ok = refuse_if_port53_busy("127.57.", "refusing to start Knot: port 53 already in use: "); !ok) return ok;
  if (auto ok = dir_.create("/tmp/cutover-knot-pair"); !ok) return ok;
  const std::string& dir = dir_.path();
  write_file(dir + "/primary/test.zone", test_zone());
  write_file(dir + "/primary/example.test.zone", example_zone());
  write_key_file("lab.key", LabKey::kName, LabKey::kSecret);
  // The secondary starts once the primary serves, so its first transfer succeeds at once.
  if (auto ok = spawn_knotd("primary", primary_config(dir + "/primary")); !ok) return ok;
  if (auto ok = wait_serving(A::kPrimary); !ok) return ok;
  if (auto ok = spawn_knotd("secondary", secondary_config(dir + "/secondary")); !ok) return ok;
  return wait_serving(A::kSecondary);
}

}  // namespace cutover::lab
