#pragma once
// RFC 2136 dynamic UPDATE signed with TSIG, sent to a zone's primary over TCP.
// A batch is a list of UpdateRecords in the order the server applies them;
// replace_rrset() and delete_rrset() give the usual RRset-level edits:
//
//   std::vector<dns::UpdateRecord> batch = dns::replace_rrset(www, RecordType::A, 300, {"192.0.2.7"});
//   batch.push_back(dns::delete_rrset(old, RecordType::TXT));
//   auto sent = dns::send_update(*dns::parse_server_address("127.0.0.1"), zone, batch, key);

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "dns/axfr.h"
#include "dns/domain_name.h"
#include "dns/record_type.h"
#include "dns/result.h"
#include "dns/server_address.h"
#include "dns/tsig_key.h"

namespace cutover::dns {

/// What one record of the update section does (RFC 2136 2.5).
enum class UpdateAction {
  AddRecord,     // class IN: add `rdata` with `ttl` to the RRset
  DeleteRrset,   // class ANY, no rdata: delete every record of name/type
  DeleteRecord,  // class NONE: delete the one record `rdata` from the RRset
};

/// One record of the update section. The RDATA is `wire` when that is not
/// empty (sent byte for byte, whatever the type, ldns need not know it; `rdata`
/// is then only for messages); otherwise `rdata` in presentation form
/// ("192.0.2.1", "ns1.example.com.") or RFC 3597's generic form
/// ("\# 4 c0000201"), which is sent as the bytes it spells.
struct UpdateRecord {
  UpdateAction action{UpdateAction::AddRecord};
  DomainName name{};
  RecordType type{RecordType::A};
  std::uint32_t ttl{0};
  std::string rdata{};  // empty for DeleteRrset
  std::vector<std::uint8_t> wire{};

  friend bool operator==(const UpdateRecord&, const UpdateRecord&) = default;
};

/// The records that make name/type hold exactly `values` with `ttl`: delete
/// the RRset, then add each value. Not for the apex NS or SOA, whose RRset
/// deletion servers ignore (RFC 2136 3.4.2.3): change those record by record.
std::vector<UpdateRecord> replace_rrset(const DomainName& name, RecordType type, std::uint32_t ttl, const std::vector<std::string>& values);
/// The same for an RRset read by transfer_zone(): its wire RDATA is sent as
/// it came, so every type moves, including those ldns cannot print or parse.
std::vector<UpdateRecord> replace_rrset(const RecordSet& set);
/// The record that deletes every record of name/type (nothing to do when there are none).
UpdateRecord delete_rrset(const DomainName& name, RecordType type);

/// Limits of send_update(); the defaults suit a primary on a network.
struct UpdateOptions {
  std::chrono::milliseconds timeout{10000};  // per UPDATE message: connect, send, reply
  std::size_t max_message_bytes{32000};      // a bigger batch is split between RRsets, never inside one
};

/// Sends `records` as UPDATE messages for `zone` to `primary`, each signed
/// with `key`, and checks each reply's TSIG. Success means the primary
/// answered NOERROR to every message. Fails with Refused for REFUSED, NOTAUTH
/// and TSIG errors (BADSIG, BADKEY, BADTIME named in the message), Protocol
/// for another rcode or an unsigned/forged reply, Invalid for a value that
/// does not parse or an owner outside `zone` (checked for every record
/// before anything is sent), Timeout/Network for the connection. Each
/// message names the records (owner and type) it concerns. A batch split in
/// several messages may fail after the first ones applied: the message says
/// which. No message ever contains the key's secret.
Result<void> send_update(const ServerAddress& primary, const DomainName& zone, std::span<const UpdateRecord> records, const TsigKey& key,
                         const UpdateOptions& options = {});

}  // namespace cutover::dns
