// Each UPDATE message is built with ldns (zone section, update section),
// signed with TSIG, sent over one TCP connection, and its reply's rcode, TSIG
// error and MAC are checked. Batches are split between RRsets so that a
// delete-then-add of one RRset always travels in one (atomic) message.
#include "dns/update.h"

#include <algorithm>

#include "dns/ldns_convert.h"
#include "dns/update_encode.h"

#include "dns/signed_exchange.h"
#include "dns/tsig_sign.h"

namespace cutover::dns {
namespace {

using detail::LdnsPacket;
using detail::LdnsRr;
using detail::LdnsRrList;

std::string where_of(const UpdateRecord& record) { return record.name.text() + " " + std::string(to_string(record.type)); }

LdnsRr header_rr(const UpdateRecord& record, ldns_rr_class rr_class, std::uint32_t ttl) {
  LdnsRr rr(ldns_rr_new());
  ldns_rr_set_owner(rr.get(), ldns_dname_new_frm_str(record.name.text().c_str()));
  ldns_rr_set_type(rr.get(), static_cast<ldns_rr_type>(record.type));
  ldns_rr_set_class(rr.get(), rr_class);
  ldns_rr_set_ttl(rr.get(), ttl);
  return rr;
}

}  // namespace

namespace detail {

// The RDATA goes in as one opaque field: ldns writes it byte for byte, with
// no name compression (RFC 3597 3), whether or not it knows the type.
Result<LdnsRr> to_ldns_rr(const UpdateRecord& record) {
  std::string where = where_of(record);
  if (record.action == UpdateAction::DeleteRrset) return header_rr(record, LDNS_RR_CLASS_ANY, 0);
  if (record.rdata.empty() && record.wire.empty()) return fail(ErrorCode::Invalid, "no value to add or delete for " + where);
  std::vector<std::uint8_t> wire = record.wire;
  if (wire.empty()) {
    auto parsed = detail::rdata_from_text(record.type, record.rdata);
    if (!parsed) return fail(ErrorCode::Invalid, "bad value '" + record.rdata + "' for " + where + ": " + parsed.error().message);
    wire = std::move(*parsed);
  }
  if (wire.size() > 65535) return fail(ErrorCode::Invalid, "value of " + where + " is longer than 65535 octets");
  bool add = record.action == UpdateAction::AddRecord;
  LdnsRr rr = header_rr(record, add ? LDNS_RR_CLASS_IN : LDNS_RR_CLASS_NONE, add ? record.ttl : 0);
  if (!rr || ldns_rr_owner(rr.get()) == nullptr) return fail(ErrorCode::Invalid, "cannot encode the owner of " + where);
  ldns_rdf* rdf = ldns_rdf_new_frm_data(LDNS_RDF_TYPE_UNKNOWN, wire.size(), wire.data());
  if (rdf == nullptr && !wire.empty()) return fail(ErrorCode::Invalid, "cannot encode the value of " + where);
  if (rdf != nullptr) ldns_rr_push_rdf(rr.get(), rdf);
  return rr;
}

}  // namespace detail

namespace {

// Splits `records` into messages of about `limit` bytes, cutting only where
// the owner or the type changes. The size is estimated from the text, which
// is never much shorter than the wire form.
std::vector<std::span<const UpdateRecord>> split(std::span<const UpdateRecord> records, std::size_t limit) {
  std::vector<std::span<const UpdateRecord>> out;
  std::size_t start = 0;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    bool new_rrset = i > 0 && (records[i].name != records[i - 1].name || records[i].type != records[i - 1].type);
    if (new_rrset && bytes > limit) {
      out.push_back(records.subspan(start, i - start));
      start = i;
      bytes = 0;
    }
    bytes += records[i].name.text().size() + std::max(records[i].rdata.size(), records[i].wire.size()) + 12;
  }
  if (start < records.size()) out.push_back(records.subspan(start));
  return out;
}

std::string refusal_hint(int rcode, int tsig_error, const TsigKey& key) {
  std::string name = "'" + key.name.without_dot() + "'";
  switch (tsig_error) {
    case 16: return ": the server does not accept the signature of TSIG key " + name + " (wrong secret or algorithm?)";
    case 17: return ": the server does not know TSIG key " + name;
    case 18: return ": the server's clock and ours differ by more than the TSIG fudge";
    default: break;
  }
  if (rcode == 9) return ": the server is not authoritative for the zone or does not let key " + name + " update it";
  if (rcode == 5) return ": the server's policy does not let key " + name + " update the zone";
  return "";
}

// Checks the reply to one UPDATE message; `what` names the message ("UPDATE of zone x. at 127.0.0.1").
Result<void> check_reply(const detail::SignedReply& reply, const TsigKey& key, const std::string& what) {
  if (auto checked = detail::check_rcode(reply, what); !checked) {
    checked.error().message += refusal_hint(ldns_pkt_get_rcode(reply.packet.get()), reply.tsig_error, key);
    return checked;
  }
  if (!reply.verified) {
    return fail(ErrorCode::Protocol,
                what + ": the NOERROR reply is not signed with TSIG key '" + key.name.without_dot() + "'; not trusting it");
  }
  return {};
}

// The RRsets a message holds, for its error messages: "www.example.test. A"
// for one, the first and the last with a count for more.
std::string rrsets_in(std::span<const UpdateRecord> records) {
  std::vector<std::string> sets;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (i == 0 || records[i].name != records[i - 1].name || records[i].type != records[i - 1].type) {
      sets.push_back(where_of(records[i]));
    }
  }
  if (sets.empty()) return "";
  if (sets.size() == 1) return " (the message holds " + sets.front() + ")";
  if (sets.size() == 2) return " (the message holds " + sets.front() + " and " + sets.back() + ")";
  return " (the message holds " + std::to_string(sets.size()) + " RRsets, " + sets.front() + " to " + sets.back() + ")";
}

Result<void> send_message(const ServerAddress& primary, const DomainName& zone, std::span<const UpdateRecord> records, const TsigKey& key,
                          const UpdateOptions& options, const std::string& what) {
  LdnsRrList list(ldns_rr_list_new());
  for (const auto& record : records) {
    auto rr = detail::to_ldns_rr(record);
    if (!rr) return std::unexpected(rr.error());
    ldns_rr_list_push_rr(list.get(), rr->release());
  }
  // ldns_update_pkt_new takes the zone name and copies the list.
  LdnsPacket packet(ldns_update_pkt_new(ldns_dname_new_frm_str(zone.text().c_str()), LDNS_RR_CLASS_IN, nullptr, list.get(), nullptr));
  if (!packet) return fail(ErrorCode::Invalid, "cannot build the UPDATE message for zone " + zone.text());
  ldns_pkt_set_rd(packet.get(), false);
  auto exchange = detail::start_signed_exchange(packet.get(), key, primary, std::chrono::steady_clock::now() + options.timeout, what);
  if (!exchange) return std::unexpected(exchange.error());
  auto wire = exchange->stream.receive();
  if (!wire) return fail(wire.error().code, what + ": " + wire.error().message);
  auto reply = detail::read_signed_reply(*wire, key, exchange->request_mac.get(), false);
  if (!reply) return fail(reply.error().code, what + ": " + reply.error().message);
  if (ldns_pkt_id(reply->packet.get()) != ldns_pkt_id(packet.get())) {
    return fail(ErrorCode::Protocol, what + ": the reply's id does not match the request's");
  }
  auto checked = check_reply(*reply, key, what);
  if (!checked) return fail(checked.error().code, checked.error().message + rrsets_in(records));
  return {};
}

}  // namespace

std::vector<UpdateRecord> replace_rrset(const DomainName& name, RecordType type, std::uint32_t ttl,
                                        const std::vector<std::string>& values) {
  std::vector<UpdateRecord> out{delete_rrset(name, type)};
  for (const auto& value : values) {
    out.push_back(UpdateRecord{.action = UpdateAction::AddRecord, .name = name, .type = type, .ttl = ttl, .rdata = value});
  }
  return out;
}

std::vector<UpdateRecord> replace_rrset(const RecordSet& set) {
  std::vector<UpdateRecord> out{delete_rrset(set.name, set.type)};
  for (std::size_t i = 0; i < std::max(set.rdata.size(), set.wire.size()); ++i) {
    out.push_back(UpdateRecord{.action = UpdateAction::AddRecord,
                               .name = set.name,
                               .type = set.type,
                               .ttl = set.ttl,
                               .rdata = i < set.rdata.size() ? set.rdata[i] : std::string{},
                               .wire = i < set.wire.size() ? set.wire[i] : std::vector<std::uint8_t>{}});
  }
  return out;
}

UpdateRecord delete_rrset(const DomainName& name, RecordType type) {
  return UpdateRecord{.action = UpdateAction::DeleteRrset, .name = name, .type = type};
}

Result<void> send_update(const ServerAddress& primary, const DomainName& zone, std::span<const UpdateRecord> records, const TsigKey& key,
                         const UpdateOptions& options) {
  // Every record is checked before the first message goes, so a bad one
  // never stops a batch halfway through.
  for (const auto& record : records) {
    if (!record.name.is_subdomain_of(zone)) {
      return fail(ErrorCode::Invalid, where_of(record) + " is not in zone " + zone.text() + "; nothing was sent");
    }
    auto rr = detail::to_ldns_rr(record);
    if (!rr) return fail(rr.error().code, rr.error().message + "; nothing was sent");
  }
  auto messages = split(records, options.max_message_bytes);
  for (std::size_t i = 0; i < messages.size(); ++i) {
    std::string what = "UPDATE of zone " + zone.text() + " at " + to_string(primary);
    if (messages.size() > 1) what += " (message " + std::to_string(i + 1) + " of " + std::to_string(messages.size()) + ")";
    if (auto sent = send_message(primary, zone, messages[i], key, options, what); !sent) return sent;
  }
  return {};
}

}  // namespace cutover::dns
