// resolve_loop: the zero-downtime witness. Every interval it asks a caching
// resolver for each name and checks the answer against the values allowed for
// it, until SIGTERM or SIGINT; then prints the counts and exits 1 if any query
// failed (timeout, SERVFAIL, NXDOMAIN, no answer) or got a wrong answer.
//
//   resolve_loop 127.56.9.1 50 www.example.test/A=192.0.2.10 db.example.test/CNAME=a.test.,b.test.

#include <ldns/ldns.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <memory>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

std::atomic<bool> stop{false};
void on_signal(int) { stop = true; }

struct Expectation {
  std::string name{};
  ldns_rr_type type{LDNS_RR_TYPE_A};
  std::set<std::string> allowed{};
};

template <auto Free>
struct FreeWith {
  template <class T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};
using Packet = std::unique_ptr<ldns_pkt, FreeWith<&ldns_pkt_free>>;
using Resolver = std::unique_ptr<ldns_resolver, FreeWith<&ldns_resolver_deep_free>>;
using Rdf = std::unique_ptr<ldns_rdf, FreeWith<&ldns_rdf_deep_free>>;

bool parse(const std::string& arg, Expectation& out) {
  auto slash = arg.find('/');
  auto eq = arg.find('=');
  if (slash == std::string::npos || eq == std::string::npos || eq < slash) return false;
  out.name = arg.substr(0, slash);
  out.type = ldns_get_rr_type_by_name(arg.substr(slash + 1, eq - slash - 1).c_str());
  std::string values = arg.substr(eq + 1);
  for (std::size_t start = 0; start <= values.size();) {
    auto comma = values.find(',', start);
    out.allowed.insert(values.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out.type != 0;
}

// "" when the answer is one of the allowed values, else why not.
std::string check(ldns_resolver* resolver, const Expectation& e) {
  Rdf name(ldns_dname_new_frm_str(e.name.c_str()));
  ldns_pkt* raw = nullptr;
  ldns_status status = ldns_resolver_query_status(&raw, resolver, name.get(), e.type, LDNS_RR_CLASS_IN, LDNS_RD);
  Packet reply(raw);
  if (status != LDNS_STATUS_OK || !reply) return std::string("no reply: ") + ldns_get_errorstr_by_id(status);
  if (ldns_pkt_get_rcode(reply.get()) != LDNS_RCODE_NOERROR) {
    char* rcode = ldns_pkt_rcode2str(ldns_pkt_get_rcode(reply.get()));
    std::string text = std::string("rcode ") + (rcode ? rcode : "?");
    free(rcode);
    return text;
  }
  ldns_rr_list* answer = ldns_pkt_answer(reply.get());
  std::string seen;
  for (std::size_t i = 0; i < ldns_rr_list_rr_count(answer); ++i) {
    ldns_rr* rr = ldns_rr_list_rr(answer, i);
    if (ldns_rr_get_type(rr) != e.type || ldns_rr_rd_count(rr) == 0) continue;
    char* value = ldns_rdf2str(ldns_rr_rdf(rr, 0));
    std::string text = value ? value : "";
    free(value);
    if (e.allowed.contains(text)) return "";
    seen += text + " ";
  }
  return seen.empty() ? "empty answer" : "wrong answer: " + seen;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: resolve_loop RESOLVER INTERVAL_MS NAME/TYPE=VALUE[,VALUE]...\n");
    return 2;
  }
  std::vector<Expectation> expectations;
  for (int i = 3; i < argc; ++i) {
    Expectation e;
    if (!parse(argv[i], e)) {
      std::fprintf(stderr, "resolve_loop: bad expectation '%s' (NAME/TYPE=VALUE[,VALUE])\n", argv[i]);
      return 2;
    }
    expectations.push_back(e);
  }
  Resolver resolver(ldns_resolver_new());
  Rdf address(ldns_rdf_new_frm_str(LDNS_RDF_TYPE_A, argv[1]));
  if (!address) {
    std::fprintf(stderr, "resolve_loop: bad resolver address '%s'\n", argv[1]);
    return 2;
  }
  ldns_resolver_push_nameserver(resolver.get(), address.get());
  ldns_resolver_set_recursive(resolver.get(), true);
  ldns_resolver_set_retry(resolver.get(), 1);
  ldns_resolver_set_timeout(resolver.get(), timeval{.tv_sec = 1, .tv_usec = 0});
  std::signal(SIGTERM, on_signal);
  std::signal(SIGINT, on_signal);

  auto interval = std::chrono::milliseconds(std::stoi(argv[2]));
  long queries = 0, failed = 0, printed = 0;
  while (!stop) {
    auto next = std::chrono::steady_clock::now() + interval;
    for (const auto& e : expectations) {
      ++queries;
      auto why = check(resolver.get(), e);
      if (why.empty()) continue;
      ++failed;
      if (printed++ < 20) std::fprintf(stderr, "resolve_loop: %s: %s\n", e.name.c_str(), why.c_str());
    }
    std::this_thread::sleep_until(next);
  }
  std::printf("zero-downtime check: %ld queries through the resolver, %ld failed or wrong\n", queries, failed);
  return failed == 0 && queries > 0 ? 0 : 1;
}
