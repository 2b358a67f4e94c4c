#pragma once
// The Knot and Unbound configs the labs run their servers with, as text. Every
// knotd of every lab runs in the foreground with one worker of each kind, logs
// to stderr (the lab's log file) and keeps its state in its own dir.

#include <string>
#include <vector>

namespace cutover::lab {

/// One zone served by a knotd instance.
struct KnotZone {
  std::string domain{};
  std::string file{};
};

/// The `server`, `log`, `database` and `control` sections of a knotd config:
/// listening on `addresses` port 53, state in `dir`, control socket `dir`/knot.sock.
/// The caller appends keys, remotes, ACLs, templates and zones.
std::string knot_server_config(const std::string& dir, const std::vector<std::string>& addresses);
/// A whole knotd config: knot_server_config() plus a template that loads each
/// zone from its file and never writes it back, serving `zones`.
std::string knot_config(const std::string& dir, const std::vector<std::string>& addresses, const std::vector<KnotZone>& zones);
/// An Unbound config on `address` port 53 resolving from `dir`/root.hints.
std::string unbound_config(const std::string& dir, const std::string& address);

}  // namespace cutover::lab
