#include "planner/providers/name_server_addresses.h"

#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <memory>

#include "dns/prober.h"
#include "dns/server_address.h"

namespace cutover::planner {
namespace {

struct FreeAddrinfo {
  void operator()(addrinfo* list) const noexcept { ::freeaddrinfo(list); }
};

void add_unique(std::vector<std::string>& out, std::string address) {
  if (std::ranges::find(out, address) == out.end()) out.push_back(std::move(address));
}

// The A/AAAA rdata of the answer for `name`; a CNAME chain the resolver
// followed ends in records of another owner, which count as well.
std::vector<std::string> addresses_in(const dns::Outcome& outcome) {
  std::vector<std::string> out;
  if (outcome.kind != dns::OutcomeKind::Answer) return out;
  for (const auto& record : outcome.reply.answer) {
    if (record.type == dns::RecordType::A || record.type == dns::RecordType::AAAA) out.push_back(record.rdata);
  }
  return out;
}

}  // namespace

Result<std::vector<std::string>> resolve_addresses(const std::vector<dns::DomainName>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_DGRAM;
    addrinfo* found = nullptr;
    int rc = ::getaddrinfo(name.without_dot().c_str(), nullptr, &hints, &found);
    if (rc != 0 || !found) return fail(ErrorCode::Provider, "name server " + name.text() + " has no address: " + ::gai_strerror(rc));
    std::unique_ptr<addrinfo, FreeAddrinfo> owned(found);
    for (const addrinfo* a = found; a; a = a->ai_next) {
      char host[NI_MAXHOST];
      if (::getnameinfo(a->ai_addr, a->ai_addrlen, host, sizeof host, nullptr, 0, NI_NUMERICHOST) != 0) continue;
      add_unique(out, host);
    }
  }
  return out;
}

Result<std::vector<std::string>> resolve_addresses_via(const std::vector<dns::DomainName>& names, const std::vector<std::string>& resolvers,
                                                       const dns::ProbeOptions& options) {
  std::vector<dns::ServerAddress> servers;
  for (const auto& text : resolvers) {
    auto address = dns::parse_server_address(text);
    if (!address) return fail(ErrorCode::Invalid, "resolver " + text + ": " + address.error().message);
    servers.push_back(*address);
  }
  if (servers.empty()) return fail(ErrorCode::Invalid, "no resolver to look up the name servers with");
  // Every name, both families, every resolver, in one round of queries.
  std::vector<dns::ProbeRequest> requests;
  for (const auto& name : names) {
    for (auto type : {dns::RecordType::A, dns::RecordType::AAAA}) {
      for (const auto& server : servers) {
        requests.push_back({.server = server, .question = {.name = name, .type = type}, .recursion_desired = true});
      }
    }
  }
  auto outcomes = dns::probe(requests, options);
  if (!outcomes) return fail(ErrorCode::Io, "cannot ask the resolvers: " + outcomes.error().message);
  std::vector<std::string> out;
  std::size_t i = 0;
  for (const auto& name : names) {
    std::size_t found = 0;
    std::string last_answer = "no answer";
    for (int family = 0; family < 2; ++family) {
      // The first resolver that gave addresses for this family decides.
      bool taken = false;
      for (std::size_t s = 0; s < servers.size(); ++s, ++i) {
        const auto& outcome = (*outcomes)[i];
        last_answer = std::string(dns::to_string(outcome.kind));
        if (taken) continue;
        auto addresses = addresses_in(outcome);
        if (addresses.empty()) continue;
        taken = true;
        found += addresses.size();
        for (auto& a : addresses) add_unique(out, std::move(a));
      }
    }
    if (found == 0) {
      return fail(ErrorCode::Provider, "name server " + name.text() + " has no address at the resolvers " + resolvers.front() +
                                           (resolvers.size() > 1 ? " and others" : "") + " (" + last_answer + ")");
    }
  }
  return out;
}

}  // namespace cutover::planner
