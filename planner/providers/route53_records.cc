#include "planner/providers/route53_records.h"

#include <cctype>
#include <cstdio>

#include "dns/record_type.h"

namespace cutover::planner {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// Characters sent literally inside a label: a-z 0-9 - _ (aws-apis.md 3.0;
// letters lower-case, as Route 53 stores them) and the wildcard '*', which
// Route 53 takes as it is. Everything else, a dot inside a label included,
// is sent as an octal escape.
bool route53_literal(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*'; }

// Characters presentation form can hold unescaped inside a label.
bool presentation_literal(unsigned char c) {
  return c > 0x20 && c < 0x7f && c != '.' && c != '\\' && c != '"' && c != '(' && c != ')' && c != ';' && c != '@' && c != '$';
}

std::string escaped(unsigned char c, bool octal) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, octal ? "\\%03o" : "\\%03u", static_cast<unsigned>(c));
  return buffer;
}

}  // namespace

Result<dns::DomainName> name_from_route53(std::string_view in) {
  std::string text;
  for (size_t i = 0; i < in.size(); ++i) {
    bool octal = in[i] == '\\' && i + 3 < in.size() && is_digit(in[i + 1]) && is_digit(in[i + 2]) && is_digit(in[i + 3]);
    if (!octal) {
      text += in[i];
      continue;
    }
    auto c = static_cast<unsigned char>((in[i + 1] - '0') * 64 + (in[i + 2] - '0') * 8 + (in[i + 3] - '0'));
    text += presentation_literal(c) ? std::string(1, static_cast<char>(std::tolower(c))) : escaped(c, false);
    i += 3;
  }
  auto name = dns::DomainName::parse(text);
  if (!name) return fail(ErrorCode::Provider, "Route 53 returned a record name that is not a domain name: '" + std::string(in) + "'");
  return *name;
}

std::string name_to_route53(const dns::DomainName& name) {
  const std::string& in = name.text();
  std::string out;
  auto label_byte = [&out](unsigned char c) {
    c = static_cast<unsigned char>(std::tolower(c));
    out += route53_literal(c) ? std::string(1, static_cast<char>(c)) : escaped(c, true);
  };
  for (size_t i = 0; i < in.size(); ++i) {
    auto c = static_cast<unsigned char>(in[i]);
    if (c == '\\' && i + 3 < in.size() && is_digit(in[i + 1]) && is_digit(in[i + 2]) && is_digit(in[i + 3])) {
      label_byte(static_cast<unsigned char>((in[i + 1] - '0') * 100 + (in[i + 2] - '0') * 10 + (in[i + 3] - '0')));
      i += 3;
    } else if (c == '\\' && i + 1 < in.size()) {
      label_byte(static_cast<unsigned char>(in[++i]));
    } else if (c == '.') {
      out.push_back('.');
    } else {
      label_byte(c);
    }
  }
  return out;
}

bool is_route53_special(const aws::route53::RecordSet& record) { return record.alias.has_value() || !record.set_identifier.empty(); }

Result<std::optional<Rrset>> rrset_from_route53(const aws::route53::RecordSet& record) {
  // Aliases and routing-policy sets have no faithful Rrset: copying one as a
  // plain RRset would change what resolvers get, so list() leaves them out
  // and the zone's owner moves them by hand (remove() still deletes them).
  if (is_route53_special(record)) return std::optional<Rrset>{};
  auto type = dns::parse_record_type(record.type);
  if (!type) return std::optional<Rrset>{};
  auto name = name_from_route53(record.name);
  if (!name) return std::unexpected(name.error());
  return std::optional<Rrset>(
      Rrset{.name = *name, .type = *type, .ttl = static_cast<std::uint32_t>(record.ttl.value_or(0)), .values = record.values});
}

aws::route53::Change change_to_route53(const RrsetChange& change) {
  const Rrset& r = change.rrset;
  return aws::route53::Change{
      .action = change.kind == ChangeKind::Delete ? aws::route53::ChangeAction::Delete : aws::route53::ChangeAction::Upsert,
      .record = {.name = name_to_route53(r.name),
                 .type = std::string(dns::to_string(r.type)),
                 .ttl = static_cast<long>(r.ttl),
                 .values = r.values}};
}

std::vector<aws::route53::Change> deletions_for_zone_removal(const std::vector<aws::route53::RecordSet>& records,
                                                             const dns::DomainName& apex) {
  std::vector<aws::route53::Change> out;
  for (const auto& record : records) {
    auto name = name_from_route53(record.name);
    bool at_apex = name && *name == apex;
    if (at_apex && (record.type == "NS" || record.type == "SOA")) continue;  // Route 53 deletes these with the zone
    out.push_back({.action = aws::route53::ChangeAction::Delete, .record = record});
  }
  return out;
}

namespace {

Fault fault_of(aws::ErrorCode code) {
  switch (code) {
    case aws::ErrorCode::Throttled: return Fault::Throttled;
    case aws::ErrorCode::Auth: return Fault::Auth;
    case aws::ErrorCode::NotFound: return Fault::NotFound;
    case aws::ErrorCode::Conflict: return Fault::Conflict;
    case aws::ErrorCode::Invalid: return Fault::Invalid;
    case aws::ErrorCode::Service:
    case aws::ErrorCode::Transport: return Fault::Unavailable;
    case aws::ErrorCode::Corrupt:
    case aws::ErrorCode::Io: return Fault::None;
  }
  return Fault::None;
}

}  // namespace

Error provider_error(std::string_view what, const aws::Error& error) {
  return Error{.code = ErrorCode::Provider, .message = std::string(what) + ": " + aws::describe(error), .fault = fault_of(error.code)};
}

}  // namespace cutover::planner
