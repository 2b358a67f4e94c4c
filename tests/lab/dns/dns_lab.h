#pragma once
// DnsLab: a small DNS hierarchy of real servers on loopback (127.53.0.0/16,
// port 53) for the lab tests: a root, the TLD `test.`, the old and the new
// provider's servers for `example.test` (one new server stale), the child
// zone `dev.example.test`, a zone with a lame and a dead server, a zone with
// a DS at the parent and no DNSKEY (signed.test), zones whose DNSKEY the DS
// names or not (goodkey.test, wrongkey.test), a zone with an NS name inside it
// and no glue (noglue.test), and Unbound as the caching resolver. Servers run in the
// foreground as our children; stop() ends exactly those PIDs.
//
// Needs root or `unshare --user --map-root-user --net` (then `ip link set lo up`).

#include <string>

#include "dns/result.h"
#include "tests/lab/common/server_lab.h"

namespace cutover::lab {

/// The addresses of the lab, in one place so tests read like the design.
struct LabAddresses {
  static constexpr const char* kRoot = "127.53.0.1";
  static constexpr const char* kTld1 = "127.53.1.1";
  static constexpr const char* kTld2 = "127.53.1.2";
  static constexpr const char* kOld1 = "127.53.10.1";
  static constexpr const char* kOld2 = "127.53.10.2";
  static constexpr const char* kNew1 = "127.53.20.1";
  static constexpr const char* kNew2 = "127.53.20.2";
  static constexpr const char* kNew3 = "127.53.20.3";
  static constexpr const char* kNewStale = "127.53.20.4";  // serves www.example.test with an old address
  static constexpr const char* kDev = "127.53.30.1";       // also the lame server of broken.test
  static constexpr const char* kBroken = "127.53.40.1";    // broken.test (good server), signed/goodkey/wrongkey/noglue.test
  static constexpr const char* kDead = "127.53.99.1";      // nothing listens here
  static constexpr const char* kUnbound = "127.53.53.1";
};

class DnsLab : public ServerLab {
 public:
  /// Writes configs and zones to a temp dir, starts every server and waits
  /// until each answers. Fails if port 53 of a lab address (or the wildcard)
  /// is already in use, if a server binary is missing, or if one does not come up.
  dns::Result<void> start();

  /// The root hints file of the lab (for --root-hints and Unbound).
  std::string root_hints() const { return dir_.path() + "/root.hints"; }
  /// A copy of the old provider's example.test zone file (for --zone-file).
  std::string example_zone_file() const { return dir_.path() + "/old/example.test.zone"; }

  /// Switches the TLD's delegation of example.test from the old servers to the
  /// new ones (reload), and waits until both TLD servers hand out the new set.
  dns::Result<void> delegate_example_to_new();

 private:
  dns::Result<void> wait_ready() const;
};

}  // namespace cutover::lab
