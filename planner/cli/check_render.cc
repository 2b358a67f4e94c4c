#include "planner/cli/check_render.h"

#include <iomanip>

namespace cutover::cli {
namespace {

std::string server_text(const dns::NameServer& s) {
  return s.name ? s.name->without_dot() + " (" + dns::to_string(s.address) + ")" : dns::to_string(s.address);
}

std::string names_text(const std::vector<dns::DomainName>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : " ") + n.text();
  return out.empty() ? "-" : out;
}

std::string records_text(const dns::RRsetView& v) {
  std::string out = std::string(dns::to_string(v.kind)) + (v.authoritative ? " aa" : "");
  if (v.ttl) out += " ttl " + std::to_string(v.ttl);
  for (const auto& r : v.records) out += " | " + r;
  return out;
}

nlohmann::json problems_json(const std::vector<dns::Problem>& problems) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& p : problems) {
    out.push_back({{"code", dns::to_string(p.code)},
                   {"also_known_as", dns::peer_tags(p.code)},
                   {"severity", dns::to_string(p.severity)},
                   {"server", p.server},
                   {"message", p.message}});
  }
  return out;
}

nlohmann::json names_json(const std::vector<dns::DomainName>& names) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& n : names) out.push_back(n.text());
  return out;
}

nlohmann::json view_json(const dns::RRsetView& v) {
  return {{"outcome", dns::to_string(v.kind)},
          {"authoritative", v.authoritative},
          {"ttl", v.ttl},
          {"records", v.records},
          {"detail", v.detail}};
}

const char* verdict_text(dns::Verdict v) {
  switch (v) {
    case dns::Verdict::Consistent: return "consistent";
    case dns::Verdict::NotConsistent: return "NOT consistent";
    case dns::Verdict::Undecided: return "undecided: too few servers answered";
  }
  return "";
}

// The fields a parent's and a child server's view share: who was asked and
// what it said of the NS set.
template <class View>
nlohmann::json server_view_json(const View& v) {
  return {{"server", dns::to_string(v.server.address)},
          {"name", v.server.name ? v.server.name->text() : ""},
          {"outcome", dns::to_string(v.outcome)},
          {"detail", v.detail},
          {"ns", names_json(v.ns)},
          {"ns_ttl", v.ns_ttl}};
}

// The fields a difference and an unanswered question share: which server was asked what.
nlohmann::json asked_json(const dns::ServerAddress& server, bool server_is_new, const dns::Question& question) {
  return {{"server", dns::to_string(server)},
          {"side", server_is_new ? "new" : "old"},
          {"name", question.name.text()},
          {"type", dns::to_string(question.type)}};
}

}  // namespace

void render_delegation_text(const dns::DelegationReport& r, std::ostream& out) {
  out << "delegation of " << r.zone.text() << " from " << r.parent_zone.text() << "\n\nparent servers:\n";
  for (const auto& v : r.parent) {
    out << "  " << std::left << std::setw(36) << server_text(v.server) << " " << std::setw(9) << dns::to_string(v.outcome) << " NS "
        << names_text(v.ns) << " (TTL " << v.ns_ttl << ")" << (v.ds.empty() ? "" : "  DS present") << "\n";
  }
  out << "\nname servers:\n";
  for (const auto& v : r.child) {
    out << "  " << std::left << std::setw(36) << server_text(v.server) << " " << std::setw(9) << dns::to_string(v.outcome)
        << (v.authoritative ? " AA" : " --") << " NS " << names_text(v.ns);
    if (v.soa_serial) out << "  serial " << *v.soa_serial;
    if (!v.dnskeys.empty()) out << "  " << v.dnskeys.size() << " DNSKEY";
    out << "\n";
  }
  for (const auto& u : r.unasked) out << "  " << std::left << std::setw(36) << u.name.without_dot() << " not asked: " << u.reason << "\n";
  if (r.child.empty()) {
    out << "  (no name server could be asked" << (r.parent_ns.empty() ? ": no parent server handed out an NS set" : "") << ")\n";
  }
  if (!r.problems.empty()) out << "\nproblems:\n";
  for (const auto& p : r.problems) {
    out << "  " << std::setw(8) << dns::to_string(p.severity) << dns::to_string(p.code) << ": " << p.message << "\n";
    if (auto peers = dns::peer_tags(p.code); !peers.empty()) out << "          (" << peers << ")\n";
  }
  out << "\nverdict: " << verdict_text(r.verdict) << "\n";
}

nlohmann::json delegation_json(const dns::DelegationReport& r) {
  nlohmann::json parents = nlohmann::json::array();
  for (const auto& v : r.parent) {
    nlohmann::json row = server_view_json(v);
    row["ds"] = v.ds;
    parents.push_back(std::move(row));
  }
  nlohmann::json children = nlohmann::json::array();
  for (const auto& v : r.child) {
    nlohmann::json row = server_view_json(v);
    row["authoritative"] = v.authoritative;
    row["soa_serial"] = v.soa_serial ? nlohmann::json(*v.soa_serial) : nlohmann::json(nullptr);
    row["dnskey_outcome"] = dns::to_string(v.dnskey_outcome);
    row["dnskeys"] = v.dnskeys;
    children.push_back(std::move(row));
  }
  nlohmann::json unasked = nlohmann::json::array();
  for (const auto& u : r.unasked) unasked.push_back({{"name", u.name.text()}, {"reason", u.reason}});
  return {{"zone", r.zone.text()},
          {"parent_zone", r.parent_zone.text()},
          {"parent", parents},
          {"children", children},
          {"unasked", unasked},
          {"parent_ns", names_json(r.parent_ns)},
          {"child_ns", names_json(r.child_ns)},
          {"problems", problems_json(r.problems)},
          {"verdict", dns::to_string(r.verdict)}};
}

void render_parity_text(const dns::ParityReport& r, double seconds, std::size_t max_listed, std::ostream& out) {
  out << "parity: " << r.questions << " questions x " << r.servers << " servers = " << r.queries << " queries, " << r.answered
      << " answered, " << r.differences.size() << " differ, " << r.unanswered.size() << " unanswered (" << std::fixed
      << std::setprecision(2) << seconds << " s, " << static_cast<long long>(seconds > 0 ? static_cast<double>(r.totals.sent) / seconds : 0)
      << " queries/s sent, " << r.totals.retries << " retries, " << r.totals.tcp << " over TCP)\n";
  std::size_t listed = 0;
  for (const auto& d : r.differences) {
    if (listed++ == max_listed) break;
    out << "DIFFERS  " << dns::to_string(d.server) << (d.server_is_new ? " (new) " : " (old) ") << d.question.name.text() << " "
        << dns::to_string(d.question.type) << "\n  expected (as " << dns::to_string(d.reference_server) << "): " << records_text(d.expected)
        << "\n  actual: " << records_text(d.actual) << "\n";
  }
  for (const auto& u : r.unanswered) {
    if (listed++ >= max_listed) break;
    out << "NO REPLY " << dns::to_string(u.server) << (u.server_is_new ? " (new) " : " (old) ") << u.question.name.text() << " "
        << dns::to_string(u.question.type) << ": " << dns::to_string(u.kind) << " (" << u.detail << ")\n";
  }
  if (listed > max_listed) out << "... " << (r.differences.size() + r.unanswered.size() - max_listed) << " more (use --format json)\n";
  out << "verdict: " << verdict_text(r.verdict) << "\n";
}

nlohmann::json parity_json(const dns::ParityReport& r, double seconds) {
  nlohmann::json differences = nlohmann::json::array();
  for (const auto& d : r.differences) {
    nlohmann::json row = asked_json(d.server, d.server_is_new, d.question);
    row["reference_server"] = dns::to_string(d.reference_server);
    row["expected"] = view_json(d.expected);
    row["actual"] = view_json(d.actual);
    differences.push_back(std::move(row));
  }
  nlohmann::json unanswered = nlohmann::json::array();
  for (const auto& u : r.unanswered) {
    nlohmann::json row = asked_json(u.server, u.server_is_new, u.question);
    row["outcome"] = dns::to_string(u.kind);
    row["detail"] = u.detail;
    unanswered.push_back(std::move(row));
  }
  return {{"questions", r.questions},
          {"servers", r.servers},
          {"queries", r.queries},
          {"answered", r.answered},
          {"sent", r.totals.sent},
          {"retries", r.totals.retries},
          {"tcp", r.totals.tcp},
          {"seconds", seconds},
          {"differences", differences},
          {"unanswered", unanswered},
          {"verdict", dns::to_string(r.verdict)}};
}

}  // namespace cutover::cli
