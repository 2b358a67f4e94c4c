#include "tests/lab/common/server_configs.h"

namespace cutover::lab {

std::string knot_server_config(const std::string& dir, const std::vector<std::string>& addresses) {
  std::string listen;
  for (const auto& a : addresses) listen += (listen.empty() ? "" : ", ") + a + "@53";
  return "server:\n    rundir: \"" + dir + "\"\n    listen: [ " + listen +
         " ]\n"
         "    udp-workers: 1\n    tcp-workers: 1\n    background-workers: 1\n"
         "log:\n  - target: stderr\n    any: info\n"
         "database:\n    storage: \"" +
         dir +
         "/db\"\n"  // knotd fails every update without it (LAB-NOTES)
         "control:\n    listen: \"" +
         dir + "/knot.sock\"\n";
}

std::string knot_config(const std::string& dir, const std::vector<std::string>& addresses, const std::vector<KnotZone>& zones) {
  std::string out = knot_server_config(dir, addresses) + "template:\n  - id: default\n    storage: \"" + dir +
                    "\"\n"
                    "    zonefile-sync: -1\n    zonefile-load: whole\n    journal-content: none\n"
                    "    semantic-checks: off\n"
                    "zone:\n";
  for (const auto& z : zones) out += "  - domain: \"" + z.domain + "\"\n    file: \"" + z.file + "\"\n";
  return out;
}

std::string unbound_config(const std::string& dir, const std::string& address) {
  return "server:\n"
         "  interface: " +
         address +
         "\n  port: 53\n"
         "  do-daemonize: no\n  username: \"\"\n  chroot: \"\"\n  pidfile: \"\"\n"
         "  directory: \"" +
         dir +
         "\"\n  use-syslog: no\n  logfile: \"\"\n  verbosity: 1\n"
         "  root-hints: \"" +
         dir +
         "/root.hints\"\n"
         "  do-not-query-localhost: no\n  local-zone: \"test.\" nodefault\n"
         "  access-control: 127.0.0.0/8 allow\n  module-config: \"iterator\"\n"
         "  do-ip6: no\n  qname-minimisation: no\n  num-threads: 1\n"
         "  outgoing-interface: " +
         address +
         "\n"
         "  infra-host-ttl: 5\n  prefetch: no\n"
         "remote-control:\n  control-enable: no\n";
}

}  // namespace cutover::lab
