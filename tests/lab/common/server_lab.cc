#include "tests/lab/common/server_lab.h"

#include <filesystem>

#include "tests/lab/common/server_configs.h"

namespace cutover::lab {

void ServerLab::stop() {
  servers_.stop();
  dir_.remove();
  lock_.release();
}

dns::Result<void> ServerLab::spawn_knotd(const std::string& name, const std::string& config) {
  std::string idir = dir_.path() + "/" + name;
  std::filesystem::create_directories(idir + "/db");  // knotd fails every update without it (LAB-NOTES)
  write_file(idir + "/knot.conf", config);
  return servers_.spawn(name, {"knotd", "-c", idir + "/knot.conf"}, dir_.path() + "/" + name + ".log");
}

dns::Result<void> ServerLab::spawn_unbound(const std::string& address) {
  const std::string& dir = dir_.path();
  write_file(dir + "/unbound.conf", unbound_config(dir, address));
  return servers_.spawn("unbound", {"unbound", "-d", "-c", dir + "/unbound.conf"}, dir + "/unbound.log");
}

}  // namespace cutover::lab
