#pragma once
// A record set as providers hold it, and a change to one: the vocabulary
// shared by the providers, the record operations and the steps.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dns/domain_name.h"
#include "dns/record_type.h"

namespace cutover::planner {

/// One RRset as a provider holds it; values in presentation form
/// ("192.0.2.1", "ns1.example.com.", "10 mail.example.com.").
struct Rrset {
  dns::DomainName name{};
  dns::RecordType type{dns::RecordType::A};
  std::uint32_t ttl{300};
  std::vector<std::string> values{};
  friend bool operator==(const Rrset&, const Rrset&) = default;
};

/// What a change does to a record set. Create fails at providers that check
/// (Route 53) when the set exists; Upsert creates or replaces.
enum class ChangeKind { Create, Upsert, Delete };

/// "CREATE", "UPSERT", "DELETE" (Route 53's words, used in every rendering).
std::string_view to_string(ChangeKind kind);

struct RrsetChange {
  ChangeKind kind{ChangeKind::Upsert};
  Rrset rrset{};
};

}  // namespace cutover::planner
