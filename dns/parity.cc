#include "dns/parity.h"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>

#include "dns/ldns_convert.h"

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

bool comparable(OutcomeKind kind) {
  return kind == OutcomeKind::Answer || kind == OutcomeKind::NoData || kind == OutcomeKind::NxDomain || kind == OutcomeKind::Referral;
}

// Collects each question's views until every server has answered, then
// compares and forgets them, so memory stays flat over 100,000 names.
class Comparator {
 public:
  Comparator(const ParityOptions& options, ParityReport& report) : options_(options), report_(report), slots_(options.questions.size()) {
    servers_ = options.old_servers;
    servers_.insert(servers_.end(), options.new_servers.begin(), options.new_servers.end());
  }
  const std::vector<ServerAddress>& servers() const { return servers_; }

  void add(std::size_t server, std::size_t question, Outcome&& outcome) {
    auto& slot = slots_[question];
    if (!slot) slot = std::make_unique<Slot>(servers_.size());
    slot->views[server] = rrset_view(outcome, options_.questions[question]);
    if (++slot->count == servers_.size()) {
      compare(question, *slot);
      slot.reset();
    }
  }

 private:
  struct Slot {
    explicit Slot(std::size_t n) : views(n) {}
    std::vector<std::optional<RRsetView>> views;
    std::size_t count{0};
  };

  std::optional<std::size_t> reference(const Slot& slot) const {
    for (std::size_t i = 0; i < options_.old_servers.size(); ++i) {
      if (comparable(slot.views[i]->kind)) return i;
    }
    for (std::size_t i = 0; i < options_.old_servers.size(); ++i) {
      if (responded(slot.views[i]->kind)) return i;
    }
    return std::nullopt;
  }

  void compare(std::size_t question, Slot& slot) {
    const Question& q = options_.questions[question];
    auto ref = reference(slot);
    for (std::size_t i = 0; i < servers_.size(); ++i) {
      RRsetView& view = *slot.views[i];
      bool is_new = i >= options_.old_servers.size();
      if (!responded(view.kind)) {
        report_.unanswered.push_back(
            {.server = servers_[i], .server_is_new = is_new, .question = q, .kind = view.kind, .detail = view.detail});
        continue;
      }
      report_.answered += 1;
      if (!ref || i == *ref || same_rrset(*slot.views[*ref], view, options_.ttl)) continue;
      report_.differences.push_back({.server = servers_[i],
                                     .server_is_new = is_new,
                                     .question = q,
                                     .reference_server = servers_[*ref],
                                     .expected = *slot.views[*ref],
                                     .actual = std::move(view)});
    }
  }

  const ParityOptions& options_;
  ParityReport& report_;
  std::vector<ServerAddress> servers_{};
  std::vector<std::unique_ptr<Slot>> slots_;
};

}  // namespace

RRsetView rrset_view(const Outcome& outcome, const Question& question) {
  RRsetView view{.kind = outcome.kind, .authoritative = outcome.reply.authoritative, .detail = outcome.detail};
  if (!responded(outcome.kind)) return view;
  auto take = [&view](const Record& rr) {
    view.records.push_back(line_of(rr));
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
  (void)question;
  return view;
}

bool same_rrset(const RRsetView& reference, const RRsetView& view, TtlRule rule) {
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
  Comparator comparator(options, report);
  auto ran = probe_matrix(
      comparator.servers(), options.questions, options.probe, false,
      [&](std::size_t server, std::size_t question, Outcome&& outcome) { comparator.add(server, question, std::move(outcome)); },
      &report.totals);
  if (!ran) return std::unexpected(ran.error());
  if (!report.differences.empty()) {
    report.verdict = Verdict::NotConsistent;
  } else if (!report.unanswered.empty()) {
    report.verdict = Verdict::Undecided;
  } else {
    report.verdict = Verdict::Consistent;
  }
  return report;
}

}  // namespace cutover::dns
