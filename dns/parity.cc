#include "dns/parity.h"

#include <algorithm>
#include <cctype>

#include "dns/ldns_convert.h"
#include "dns/parity_compare.h"

namespace cutover::dns {
namespace {

std::string lowered(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// For display: the rdata text keeps its case (names in it are lower-cased
// already), so evidence shows a TXT that differs only in case.
std::string line_of(const Record& rr) { return lowered(rr.name.text() + " " + std::string(to_string(rr.type))) + " " + rr.rdata; }

// For comparison: the wire RDATA, only its domain names folded. A record
// built without wire form (by hand) falls back to its text, compared exactly.
std::string key_of(const Record& rr) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = lowered(rr.name.text()) + " " + std::to_string(static_cast<std::uint16_t>(rr.type)) + " ";
  if (rr.wire.empty()) return out + "text:" + rr.rdata;
  for (std::uint8_t byte : detail::fold_rdata_names(rr.type, rr.wire)) {
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  }
  return out;
}

void sort_unique(std::vector<std::string>& lines) {
  std::ranges::sort(lines);
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
}

}  // namespace

namespace {

RRsetView view_of(const Outcome& outcome, bool with_records) {
  RRsetView view{.kind = outcome.kind, .authoritative = outcome.reply.authoritative, .detail = outcome.detail};
  if (!responded(outcome.kind)) return view;
  auto take = [&view, with_records](const Record& rr) {
    if (with_records) view.records.push_back(line_of(rr));
    view.keys.push_back(key_of(rr));
    view.ttl = view.ttl == 0 ? rr.ttl : std::min(view.ttl, rr.ttl);
  };
  if (outcome.kind != OutcomeKind::Referral) {
    for (const auto& rr : outcome.reply.answer) take(rr);
  } else {
    // The delegation is its NS set and the glue that makes it reachable: a
    // copy that lost or changed the glue breaks the child as surely as the NS.
    std::vector<DomainName> cuts;
    for (const auto& rr : outcome.reply.authority) {
      if (rr.type != RecordType::NS) continue;
      take(rr);
      cuts.push_back(rr.name);
    }
    for (const auto& rr : outcome.reply.additional) {
      bool address = rr.type == RecordType::A || rr.type == RecordType::AAAA;
      if (address && std::ranges::any_of(cuts, [&](const DomainName& cut) { return rr.name.is_subdomain_of(cut); })) take(rr);
    }
  }
  sort_unique(view.records);
  sort_unique(view.keys);
  return view;
}

}  // namespace

RRsetView rrset_view(const Outcome& outcome, const Question& question) {
  (void)question;
  return view_of(outcome, true);
}

RRsetView rrset_keys(const Outcome& outcome, const Question& question) {
  (void)question;
  return view_of(outcome, false);
}

bool same_rrset(const RRsetView& reference, const RRsetView& view, TtlRule rule) {
  // A refusal or a failure says nothing about the zone: two of them never
  // agree, or a zone that every server refuses would read as consistent.
  if (view.kind == OutcomeKind::Refused || view.kind == OutcomeKind::ServerFailure || !responded(view.kind)) return false;
  if (reference.kind != view.kind || reference.authoritative != view.authoritative || reference.keys != view.keys) return false;
  switch (rule) {
    case TtlRule::Ignore: return true;
    case TtlRule::Equal: return view.ttl == reference.ttl;
    case TtlRule::NotLonger: return view.ttl <= reference.ttl;
  }
  return false;
}

Result<ParityReport> check_parity(const ParityOptions& options) {
  ParityReport report{.questions = options.questions.size(), .servers = options.old_servers.size() + options.new_servers.size()};
  report.queries = report.questions * report.servers;
  if (options.old_servers.empty() || options.new_servers.empty()) {
    return fail(ErrorCode::Invalid, "parity needs at least one old and one new server");
  }
  detail::ParityComparator comparator(options.old_servers, options.new_servers, options.questions, options.ttl, report);
  auto ran = probe_matrix(
      comparator.servers(), options.questions, options.probe, false,
      [&](std::size_t server, std::size_t question, Outcome&& outcome) { comparator.add(server, question, outcome); }, &report.totals);
  if (!ran) return std::unexpected(ran.error());
  comparator.finish();
  report.verdict = detail::parity_verdict(report);
  return report;
}

}  // namespace cutover::dns
