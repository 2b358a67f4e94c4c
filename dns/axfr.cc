// AXFR: one signed query over TCP, then replies until the zone's SOA comes
// round a second time. Each reply's MAC is chained to the previous one
// (RFC 8945 5.3.1); records are grouped into RRsets as they arrive.
#include "dns/axfr.h"

#include <map>
#include <utility>

#include "dns/ldns_convert.h"
#include "dns/signed_exchange.h"
#include "dns/tsig_sign.h"

namespace cutover::dns {
namespace {

using detail::LdnsPacket;
using detail::LdnsRdf;

// Collects records into RRsets, keeping the order in which each set first appeared.
class RrsetCollector {
 public:
  void add(Record&& record) {
    auto key = std::make_pair(record.name.text(), static_cast<std::uint16_t>(record.type));
    auto [it, inserted] = index_.try_emplace(key, sets_.size());
    if (inserted) sets_.push_back(RecordSet{.name = record.name, .type = record.type, .ttl = record.ttl});
    auto& set = sets_[it->second];
    set.rdata.push_back(detail::faithful_rdata_text(record));
    set.wire.push_back(std::move(record.wire));
  }
  std::vector<RecordSet> take() { return std::move(sets_); }

 private:
  std::vector<RecordSet> sets_{};
  std::map<std::pair<std::string, std::uint16_t>, std::size_t> index_{};
};

// The state of one transfer: the signature chain and the records seen so far.
class Transfer {
 public:
  Transfer(const DomainName& zone, const TsigKey& key, std::string what, LdnsRdf request_mac)
      : zone_(zone), key_(key), what_(std::move(what)), prior_mac_(std::move(request_mac)) {}

  // Takes one reply; true once the closing SOA has been seen.
  Result<bool> take(std::span<const std::uint8_t> wire, std::uint16_t id) {
    ++messages_;
    auto reply = detail::read_signed_reply(wire, key_, prior_mac_.get(), messages_ > 1);
    if (!reply) return fail(reply.error().code, what_ + ": " + reply.error().message);
    if (ldns_pkt_id(reply->packet.get()) != id) return fail(ErrorCode::Protocol, what_ + ": a reply with another id");
    if (auto ok = check_status(*reply); !ok) return std::unexpected(ok.error());
    auto records = detail::to_records(ldns_pkt_answer(reply->packet.get()));
    if (!records) return fail(ErrorCode::Corrupt, what_ + ": " + records.error().message);
    for (auto& record : *records) {
      bool soa = record.type == RecordType::SOA && record.name == zone_;
      if (records_ == 0 && !soa) return fail(ErrorCode::Corrupt, what_ + ": the transfer does not start with the zone's SOA");
      if (records_++ > 0 && soa) return true;
      sets_.add(std::move(record));
    }
    return false;
  }

  std::vector<RecordSet> take_rrsets() { return sets_.take(); }

 private:
  Result<void> check_status(const detail::SignedReply& reply) {
    if (auto checked = detail::check_rcode(reply, what_); !checked) {
      checked.error().message += " (does key '" + key_.name.without_dot() + "' match the server's, and may it transfer the zone?)";
      return checked;
    }
    // RFC 8945 lets a server leave up to 99 messages unsigned; ldns cannot
    // check the MAC that then covers several, so the chain is followed only
    // while every message is signed. The first is always required.
    if (!reply.has_tsig) {
      if (messages_ == 1) return fail(ErrorCode::Protocol, what_ + ": the first reply is not signed with TSIG; not trusting it");
      chained_ = false;
      return {};
    }
    if (chained_ && !reply.verified) {
      return fail(ErrorCode::Protocol, what_ + ": reply " + std::to_string(messages_) + " has a bad TSIG signature");
    }
    prior_mac_ = detail::reply_mac(reply);
    return {};
  }

  const DomainName& zone_;
  const TsigKey& key_;
  std::string what_;
  LdnsRdf prior_mac_;
  RrsetCollector sets_{};
  int messages_{0};
  std::size_t records_{0};
  bool chained_{true};
};

}  // namespace

Result<std::vector<RecordSet>> transfer_zone(const ServerAddress& server, const DomainName& zone, const TsigKey& key,
                                             const TransferOptions& options) {
  std::string what = "AXFR of zone " + zone.text() + " from " + to_string(server);
  LdnsPacket query(ldns_pkt_query_new(ldns_dname_new_frm_str(zone.text().c_str()), LDNS_RR_TYPE_AXFR, LDNS_RR_CLASS_IN, 0));
  if (!query) return fail(ErrorCode::Invalid, "cannot build the AXFR query for zone " + zone.text());
  auto exchange = detail::start_signed_exchange(query.get(), key, server, std::chrono::steady_clock::now() + options.timeout, what);
  if (!exchange) return std::unexpected(exchange.error());
  Transfer transfer(zone, key, what, std::move(exchange->request_mac));
  for (;;) {
    auto wire = exchange->stream.receive();
    if (!wire) return fail(wire.error().code, what + ": " + wire.error().message);
    auto done = transfer.take(*wire, ldns_pkt_id(query.get()));
    if (!done) return std::unexpected(done.error());
    if (*done) return transfer.take_rrsets();
  }
}

}  // namespace cutover::dns
