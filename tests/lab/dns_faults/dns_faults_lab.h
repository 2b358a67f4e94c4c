#pragma once
// DnsFaultsLab: real Knot servers on 127.60.0.0/16 port 53 (a range no other
// lab uses) with a fault layer in front of them: fault_relay.py listens on one
// address per fault and forwards to the real knotd, so the client meets a
// server that misbehaves in exactly one way (drops packets, answers late, sets
// TC, refuses, fails, answers from another address) while the answers that do
// come are Knot's. A second knotd serves an older copy of one zone: a lagging
// secondary.
//
// Each fault F has a zone F.test, delegated by the TLD to ns1.F.test (the real
// knotd, 127.60.2.1) and ns2.F.test (the faulty server), so `cutover status`
// finds the faulty server the way it finds any other: through the parent.
//
// Needs root or `unshare --user --map-root-user --net` (then `ip link set lo up`).

#include <string>
#include <vector>

#include "dns/result.h"
#include "tests/lab/common/server_lab.h"
#include "tests/lab/gates/gates_lab.h"

namespace cutover::lab {

struct DnsFaultsAddresses {
  static constexpr const char* kTld = "127.60.1.1";          // test.
  static constexpr const char* kGood = "127.60.2.1";         // every F.test, current (serial 2)
  static constexpr const char* kLagging = "127.60.2.2";      // lag.test as it was (serial 1, the old www)
  static constexpr const char* kRefusedToo = "127.60.3.9";   // a second refusing relay, for both sides of a parity check
  static constexpr const char* kLateParent = "127.60.4.1";   // the TLD, answering late
  static constexpr const char* kSpoofSource = "127.60.9.1";  // where the spoof relay's answers come from
};

/// One faulty server: the fault's name (a fault_relay.py fault, or "lag"),
/// its zone and the address cutover asks.
struct FaultyServer {
  std::string fault{};
  std::string zone{};     // "<fault>.test."
  std::string address{};  // 127.60.3.n, or the lagging knotd
};

/// Every faulty server of the lab, the control case ("pass") first.
std::vector<FaultyServer> faulty_servers();
const FaultyServer& faulty(const std::string& fault);

/// The zone F.test as the good server serves it (serial 2): what the
/// providers of the gate tests list. The lagging server's copy differs in
/// the serial and www's address (192.0.2.9 instead of 192.0.2.10).
ZoneSpec fault_zone(const FaultyServer& server);

class DnsFaultsLab : public ServerLab {
 public:
  /// Writes the zones and configs to a temp dir, starts the TLD, the good and
  /// the lagging knotd and the relay, and waits until they answer. Fails if
  /// anything listens on port 53 of 127.60.x.y (or the wildcard), if knotd or
  /// python3 is missing or a server does not come up.
  dns::Result<void> start(const std::string& python3, const std::string& relay_script);
  /// The zone file of F.test as the good server serves it (for check parity --zone-file).
  std::string zone_file(const FaultyServer& server) const { return dir() + "/good/" + server.zone + "zone"; }
};

}  // namespace cutover::lab
