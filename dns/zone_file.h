#pragma once
// Reading what to compare: a BIND zone file (parsed with ldns) or a plain
// list of names, turned into the questions a parity check asks.

#include <optional>
#include <string>
#include <vector>

#include "dns/domain_name.h"
#include "dns/message.h"
#include "dns/question_list.h"
#include "dns/result.h"
#include "dns/server_address.h"

namespace cutover::dns {

/// A zone read from a file: its origin and every record (the SOA included).
struct ZoneFile {
  DomainName origin{};
  std::vector<Record> records{};
};

/// Reads a BIND zone file with ldns. `origin` is needed when the file has no
/// $ORIGIN; without it the SOA owner is used. Fails with NotFound/Io for the
/// file, Invalid with the line number for a record that does not parse.
Result<ZoneFile> read_zone_file(const std::string& path, const std::optional<DomainName>& origin = std::nullopt);

/// One record line in presentation form, absolute owner ("www.example.net. 300
/// IN A 192.0.2.1"), printed back the way ldns writes a zone file: fields
/// separated by tabs, rdata in canonical form, ending in a newline. Invalid
/// when ldns cannot parse the line.
Result<std::string> canonical_record_line(const std::string& line);

/// The distinct (name, type) pairs of a zone worth comparing between two
/// providers: the SOA and the apex NS are left out (they differ by design
/// between providers), and so is glue below a delegation: the delegation's
/// NS is asked and compared as a referral, glue included; its DS is asked too
/// (the parent answers for it).
std::vector<Question> parity_questions(const ZoneFile& zone);

/// Reads a names file: one `NAME [TYPE...]` per line (type A when none), `#`
/// comments and blank lines ignored. Fails with the line number on a bad name or type.
/// Packed (QuestionList): a names file may list millions of names.
Result<QuestionList> read_names_file(const std::string& path);

/// The addresses (A and AAAA records, port 53) in a root hints file such as
/// /usr/share/dns/root.hints. Fails when the file is unreadable or lists none.
Result<std::vector<ServerAddress>> read_root_hints(const std::string& path);

}  // namespace cutover::dns
