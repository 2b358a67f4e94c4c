#include "planner/cli/status_render.h"

#include <algorithm>
#include <ctime>
#include <iomanip>
#include <sstream>

namespace cutover::cli {
namespace {

std::string server_text(const dns::NameServer& s) {
  return s.name ? s.name->without_dot() + " (" + dns::to_string(s.address) + ")" : dns::to_string(s.address);
}

std::string answer_text(const dns::PropagationRow& row) {
  if (!dns::responded(row.outcome)) return "<" + std::string(dns::to_string(row.outcome)) + ">";
  if (row.values.empty()) return "<" + (row.detail.empty() ? std::string(dns::to_string(row.outcome)) : row.detail) + ">";
  std::string out;
  for (const auto& v : row.values) out += (out.empty() ? "" : " ") + v;
  return out;
}

std::string verdict_text(dns::Verdict v) {
  switch (v) {
    case dns::Verdict::Consistent: return "propagated";
    case dns::Verdict::NotConsistent: return "NOT propagated (yet)";
    case dns::Verdict::Undecided: return "undecided: too few servers answered";
  }
  return "";
}

}  // namespace

std::string iso_utc(std::chrono::system_clock::time_point at) {
  std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream out;
  out << std::put_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return out.str();
}

void render_status_text(const dns::PropagationReport& r, std::chrono::system_clock::time_point checked_at, std::ostream& out) {
  out << r.name.text() << " " << dns::to_string(r.type) << "  (zone " << r.zone.text() << ", checked " << iso_utc(checked_at) << ")\n";
  out << "expected: ";
  for (const auto& v : r.expected) out << v << " ";
  out << (r.expected.empty() ? "(nothing to compare with)" : "") << "\n\n";
  std::size_t width = 20;
  for (const auto& row : r.rows) width = std::max(width, server_text(row.server).size());
  out << std::left << std::setw(14) << "ROLE" << std::setw(static_cast<int>(width) + 2) << "SERVER" << std::setw(8) << "TTL" << std::setw(7)
      << "MATCH"
      << "ANSWER\n";
  for (const auto& row : r.rows) {
    std::string match = row.matches ? "yes" : (dns::responded(row.outcome) ? "NO" : "-");
    if (row.role == dns::Role::Parent && r.type != dns::RecordType::NS) match = "(zone)";
    out << std::setw(14) << dns::to_string(row.role) << std::setw(static_cast<int>(width) + 2) << server_text(row.server) << std::setw(8)
        << (dns::responded(row.outcome) ? std::to_string(row.ttl) : "-") << std::setw(7) << match << answer_text(row) << "\n";
  }
  out << "\nverdict: " << verdict_text(r.verdict) << "\n";
  if (r.eta) {
    if (r.eta->count() == 0) {
      out << "ETA: no cache asked holds another answer\n";
    } else {
      out << "ETA: the last cached other answer expires in " << r.eta->count() << " s (at " << iso_utc(checked_at + *r.eta) << ")\n";
    }
  } else {
    out << "ETA: unknown until the parent and every authoritative server show the expected value\n";
  }
  out << "window: caches may keep an answer up to " << r.window.count() << " s after it changes everywhere\n";
  for (const auto& p : r.problems) out << dns::to_string(p.severity) << " " << dns::to_string(p.code) << ": " << p.message << "\n";
}

nlohmann::json status_json(const dns::PropagationReport& r, std::chrono::system_clock::time_point checked_at) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& row : r.rows) {
    rows.push_back({{"role", dns::to_string(row.role)},
                    {"server", dns::to_string(row.server.address)},
                    {"name", row.server.name ? row.server.name->text() : ""},
                    {"outcome", dns::to_string(row.outcome)},
                    {"detail", row.detail},
                    {"values", row.values},
                    {"ttl", row.ttl},
                    {"matches", row.matches}});
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& p : r.problems) {
    problems.push_back(
        {{"code", dns::to_string(p.code)}, {"severity", dns::to_string(p.severity)}, {"server", p.server}, {"message", p.message}});
  }
  nlohmann::json out{{"name", r.name.text()},
                     {"type", dns::to_string(r.type)},
                     {"zone", r.zone.text()},
                     {"checked_at", iso_utc(checked_at)},
                     {"expected", r.expected},
                     {"rows", rows},
                     {"verdict", dns::to_string(r.verdict)},
                     {"propagated", r.verdict == dns::Verdict::Consistent},
                     {"window_seconds", r.window.count()},
                     {"problems", problems}};
  out["eta_seconds"] = r.eta ? nlohmann::json(r.eta->count()) : nlohmann::json(nullptr);
  out["eta"] = r.eta ? nlohmann::json(iso_utc(checked_at + *r.eta)) : nlohmann::json(nullptr);
  return out;
}

}  // namespace cutover::cli
