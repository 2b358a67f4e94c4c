#pragma once
// What a DNS server said, as plain data: the records of a reply and the
// outcome of one query (answer, referral, timeout, refusal, ...). Every
// outcome is a value, so a server that did not answer can never be mistaken
// for one that agreed.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"

namespace cutover::dns {

/// A question: a name and a record type (class IN).
struct Question {
  DomainName name{};
  RecordType type{RecordType::A};

  friend bool operator==(const Question&, const Question&) = default;
  friend auto operator<=>(const Question&, const Question&) = default;
};

/// One resource record; rdata in presentation form ("192.0.2.1", "ns1.example.com.")
/// with domain names lower-cased, for display; `wire` is the RDATA byte for
/// byte as the server sent it (names uncompressed, their case kept), for
/// comparing and copying. Records built by hand may leave `wire` empty.
struct Record {
  DomainName name{};
  RecordType type{RecordType::A};
  std::uint32_t ttl{0};
  std::string rdata{};
  std::vector<std::uint8_t> wire{};
};

/// A parsed reply: header bits and the three record sections.
struct Reply {
  std::uint16_t id{0};
  int rcode{0};               // 0 NOERROR, 2 SERVFAIL, 3 NXDOMAIN, 5 REFUSED, ...
  bool authoritative{false};  // AA
  bool truncated{false};      // TC
  bool via_tcp{false};        // the reply came over TCP (after a truncated UDP reply)
  std::vector<Record> answer{};
  std::vector<Record> authority{};
  std::vector<Record> additional{};
};

/// How a query ended.
enum class OutcomeKind {
  Answer,         // NOERROR with records of the question in the answer section
  NoData,         // NOERROR, authoritative, nothing of that type
  NxDomain,       // the name does not exist
  Referral,       // NOERROR without AA, NS in the authority section: a delegation
  Refused,        // REFUSED (a lame server often says this)
  ServerFailure,  // SERVFAIL or another error rcode
  Timeout,        // no matching reply after every retry
  Unreachable,    // an ICMP error said so (port unreachable: nothing listens there); not waited out
  NetworkError,   // the query could not be sent or the TCP exchange failed
};

/// "answer", "nodata", "nxdomain", "referral", "refused", "servfail", "timeout", "unreachable", "network-error".
std::string_view to_string(OutcomeKind kind);

/// True for the outcomes that carry a reply from the server.
inline bool responded(OutcomeKind kind) {
  return kind != OutcomeKind::Timeout && kind != OutcomeKind::Unreachable && kind != OutcomeKind::NetworkError;
}

/// The result of one query: its kind, the reply when there was one, and why it failed otherwise.
struct Outcome {
  OutcomeKind kind{OutcomeKind::Timeout};
  Reply reply{};                     // meaningful only when responded(kind)
  std::string detail{};              // why, for Timeout/Unreachable/NetworkError; empty otherwise
  int attempts{0};                   // UDP sends made (retries included)
  std::chrono::microseconds rtt{0};  // time from the last send to the reply
};

/// Classifies a reply to `question` (see OutcomeKind).
OutcomeKind classify(const Reply& reply, const Question& question);

}  // namespace cutover::dns
