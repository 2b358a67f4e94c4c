// dns_lab: starts the DNS lab by hand and keeps it running until Ctrl-C, for
// trying `cutover status` and `cutover check` against real servers.
//   sudo ./dns_lab      or      unshare --user --map-root-user --net sh -c 'ip link set lo up; ./dns_lab'

#include <signal.h>
#include <unistd.h>

#include <iostream>

#include "tests/lab/dns/dns_lab.h"

int main() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigprocmask(SIG_BLOCK, &set, nullptr);
  cutover::lab::DnsLab lab;
  if (auto ok = lab.start(); !ok) {
    std::cerr << "dns_lab: " << ok.error().message << "\n";
    return 1;
  }
  using A = cutover::lab::LabAddresses;
  std::cout << "DNS lab up in " << lab.dir() << "\n"
            << "  root hints   " << lab.root_hints() << "\n"
            << "  TLD test.    " << A::kTld1 << " " << A::kTld2 << "\n"
            << "  old example  " << A::kOld1 << " " << A::kOld2 << "\n"
            << "  new example  " << A::kNew1 << " " << A::kNew2 << " " << A::kNew3 << " " << A::kNewStale << " (stale www)\n"
            << "  dev child    " << A::kDev << "\n  broken.test  " << A::kBroken << " (+ lame " << A::kDev << ", dead " << A::kDead
            << ")\n  unbound      " << A::kUnbound << "\n"
            << "  zone file    " << lab.example_zone_file() << "\nCtrl-C to stop." << std::endl;
  int signal = 0;
  sigwait(&set, &signal);
  lab.stop();
  return 0;
}
