#include "planner/plan/records_matrix.h"

#include <arpa/inet.h>

#include <algorithm>
#include <map>
#include <set>

#include "planner/plan/json_fields.h"

namespace cutover::planner {
namespace {

using detail::child_pointer;
using Binding = std::vector<std::pair<std::string, std::string>>;

bool is_variable_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; }

// Every combination of the values of `vars` (the first outermost).
std::vector<Binding> combinations(const std::vector<std::string>& vars, const std::map<std::string, std::vector<std::string>>& matrix) {
  std::vector<Binding> out{Binding{}};
  for (const auto& var : vars) {
    std::vector<Binding> next;
    for (const auto& partial : out) {
      for (const auto& value : matrix.at(var)) {
        auto extended = partial;
        extended.emplace_back(var, value);
        next.push_back(std::move(extended));
      }
    }
    out = std::move(next);
  }
  return out;
}

bool valid_address(dns::RecordType type, const std::string& text) {
  unsigned char buffer[16];
  int family = type == dns::RecordType::AAAA ? AF_INET6 : AF_INET;
  return ::inet_pton(family, text.c_str(), buffer) == 1;
}

class Expander {
 public:
  Expander(const BulkRecords& spec, const dns::DomainName& apex, const ExpandOptions& options)
      : spec_(spec), apex_(apex), options_(options) {}

  ExpandedRecords run() {
    check_matrix();
    for (std::size_t i = 0; i < spec_.records.size(); ++i) expand(i);
    check_cname_alone();
    for (std::size_t i = 0; i < spec_.deletions.size(); ++i) deletion(i);
    return std::move(out_);
  }

 private:
  void problem(std::string pointer, std::string message) {
    out_.problems.push_back(Problem{.pointer = std::move(pointer), .message = std::move(message)});
  }

  void check_matrix() {
    for (const auto& [var, values] : spec_.matrix) {
      auto at = child_pointer(child_pointer(options_.at, "matrix"), var);
      if (var.empty() || !std::ranges::all_of(var, is_variable_char)) problem(at, "a variable name is letters, digits and _");
      if (values.empty()) problem(at, "lists no values");
      std::set<std::string> seen;
      for (std::size_t k = 0; k < values.size(); ++k) {
        if (values[k].empty()) problem(child_pointer(at, k), "is empty");
        if (!seen.insert(values[k]).second) problem(child_pointer(at, k), "'" + values[k] + "' is listed twice");
      }
    }
  }

  // The variables of one field, checked against the matrix; nullopt after a problem.
  std::optional<std::vector<std::string>> variables(const std::string& text, const std::string& at) {
    auto vars = template_variables(text);
    if (!vars) {
      problem(at, vars.error().message);
      return std::nullopt;
    }
    bool known = true;
    for (const auto& var : *vars) {
      if (spec_.matrix.contains(var)) continue;
      std::string defined;
      for (const auto& [name, values] : spec_.matrix) defined += (defined.empty() ? "" : ", ") + name;
      problem(at, "uses the variable {" + var + "}, which /matrix does not define" +
                      (defined.empty() ? std::string(" (it defines none)") : " (it defines " + defined + ")"));
      known = false;
    }
    if (!known) return std::nullopt;
    return std::move(*vars);
  }

  void expand(std::size_t i) {
    const auto& entry = spec_.records[i];
    auto at = child_pointer(child_pointer(options_.at, "records"), i);
    bool ok = check_entry(entry, at);
    auto name_vars = variables(entry.name, child_pointer(at, "name"));
    if (!name_vars) return;
    // Variables of the values and the alias target must be the name's: any
    // other would give several record sets the same name.
    std::vector<std::pair<std::string, std::string>> others;  // text, pointer
    for (std::size_t k = 0; k < entry.values.size(); ++k)
      others.emplace_back(entry.values[k], child_pointer(child_pointer(at, "values"), k));
    if (entry.alias) others.emplace_back(entry.alias->target, child_pointer(child_pointer(at, "alias"), "target"));
    for (const auto& [text, pointer] : others) {
      auto vars = variables(text, pointer);
      if (!vars) {
        ok = false;
        continue;
      }
      for (const auto& var : *vars) {
        if (std::ranges::find(*name_vars, var) != name_vars->end()) continue;
        problem(pointer, "uses {" + var + "}, which the name does not: every value of it would give the same name");
        ok = false;
      }
    }
    if (!ok) return;
    for (const auto& binding : combinations(*name_vars, spec_.matrix)) {
      if (!add_set(entry, binding, at)) return;  // one problem per entry is enough
    }
  }

  bool check_entry(const RecordTemplate& entry, const std::string& at) {
    bool ok = true;
    if (!records_type_allowed(entry.type)) {
      problem(child_pointer(at, "type"),
              std::string(dns::to_string(entry.type)) + " is not a type this strategy writes (A, AAAA or CNAME, as values or as an alias)");
      ok = false;
    }
    if (entry.alias && !options_.aliases) {
      problem(child_pointer(at, "alias"), "the zone's provider holds no aliases (they are Route 53's): write a CNAME instead");
      ok = false;
    }
    if (entry.alias && !entry.values.empty()) {
      problem(child_pointer(at, "values"), "an alias has no values: give either alias or values");
      ok = false;
    }
    if (!entry.alias && entry.values.empty()) {
      problem(child_pointer(at, "values"), "is required (or an alias)");
      ok = false;
    }
    if (entry.type == dns::RecordType::CNAME && entry.values.size() > 1) {
      problem(child_pointer(at, "values"), "a CNAME has exactly one value");
      ok = false;
    }
    return ok;
  }

  std::optional<dns::DomainName> name_in_zone(const std::string& text, const std::string& at) {
    auto name = dns::DomainName::parse(text);
    if (!name) {
      problem(at, "'" + text + "' is not a valid name: " + name.error().message);
      return std::nullopt;
    }
    if (!name->is_subdomain_of(apex_)) {
      problem(at, name->text() + " lies outside the zone " + apex_.text());
      return std::nullopt;
    }
    return *name;
  }

  bool add_set(const RecordTemplate& entry, const Binding& binding, const std::string& at) {
    auto name_at = child_pointer(at, "name");
    auto name = name_in_zone(fill_template(entry.name, binding), name_at);
    if (!name) return false;
    if (*name == apex_ && entry.type == dns::RecordType::CNAME) {
      problem(name_at, "a CNAME cannot stand at the zone's apex " + apex_.text());
      return false;
    }
    Rrset set{.name = *name, .type = entry.type, .ttl = entry.alias ? 0 : entry.ttl};
    for (std::size_t k = 0; k < entry.values.size(); ++k) {
      auto value = fill_template(entry.values[k], binding);
      auto value_at = child_pointer(child_pointer(at, "values"), k);
      if (entry.type == dns::RecordType::CNAME) {
        auto target = dns::DomainName::parse(value);
        if (!target) {
          problem(value_at, "'" + value + "' is not a valid name: " + target.error().message);
          return false;
        }
        value = target->text();  // absolute, as every provider lists it
      } else if (!valid_address(entry.type, value)) {
        problem(value_at, "'" + value + "' is not an " + std::string(entry.type == dns::RecordType::AAAA ? "IPv6" : "IPv4") + " address");
        return false;
      }
      set.values.push_back(std::move(value));
    }
    if (entry.alias) {
      auto target_at = child_pointer(child_pointer(at, "alias"), "target");
      auto target = dns::DomainName::parse(fill_template(entry.alias->target, binding));
      if (!target) {
        problem(target_at, "not a valid name: " + target.error().message);
        return false;
      }
      bool same_zone = !entry.alias->hosted_zone_id.has_value();
      if (same_zone && !target->is_subdomain_of(apex_)) {
        problem(target_at,
                target->text() + " lies outside the zone: give alias/hosted_zone_id (the target's own zone, e.g. the load balancer's)");
        return false;
      }
      set.alias = AliasTarget{.name = *target,
                              .hosted_zone_id = entry.alias->hosted_zone_id.value_or(""),
                              .same_zone = same_zone,
                              .evaluate_target_health = entry.alias->evaluate_target_health};
    }
    auto key = key_of(set);
    if (auto it = seen_.find(describe(key)); it != seen_.end()) {
      problem(name_at, describe(key) + " is also produced by " + it->second + ": each record set may be planned once");
      return false;
    }
    seen_.emplace(describe(key), name_at);
    out_.sets.push_back(std::move(set));
    out_.entry_of.push_back(static_cast<std::size_t>(&entry - spec_.records.data()));
    return true;
  }

  // A CNAME owns its name alone (RFC 1034 3.6.2): another type there is refused by every provider.
  void check_cname_alone() {
    std::map<dns::DomainName, std::set<dns::RecordType>> types;
    for (const auto& set : out_.sets) types[set.name].insert(set.type);
    for (std::size_t i = 0; i < out_.sets.size(); ++i) {
      const auto& set = out_.sets[i];
      if (set.type != dns::RecordType::CNAME || types[set.name].size() == 1) continue;
      problem(child_pointer(child_pointer(child_pointer(options_.at, "records"), out_.entry_of[i]), "name"),
              set.name.text() + " is planned as a CNAME and as another type: a CNAME stands alone at its name");
      return;
    }
  }

  void deletion(std::size_t i) {
    const auto& entry = spec_.deletions[i];
    auto at = child_pointer(child_pointer(options_.at, "delete"), i);
    auto name_at = child_pointer(at, "name");
    if (entry.name.find('{') != std::string::npos) {
      problem(name_at, "a deletion names one record set explicitly: variables are not expanded here (a matrix never deletes)");
      return;
    }
    if (!records_type_allowed(entry.type)) {
      problem(child_pointer(at, "type"),
              std::string(dns::to_string(entry.type)) + " is not a type this strategy writes (A, AAAA or CNAME)");
      return;
    }
    auto name = name_in_zone(entry.name, name_at);
    if (!name) return;
    RrsetKey key{.name = *name, .type = entry.type};
    if (auto it = seen_.find(describe(key)); it != seen_.end()) {
      problem(name_at, describe(key) + " is also planned by " + it->second + ": a record set cannot be both kept and deleted");
      return;
    }
    seen_.emplace(describe(key), name_at);
    out_.deletions.push_back(std::move(key));
  }

  const BulkRecords& spec_;
  const dns::DomainName& apex_;
  const ExpandOptions& options_;
  ExpandedRecords out_{};
  std::map<std::string, std::string> seen_{};  // describe(key) -> pointer of the field that planned it
};

}  // namespace

Result<std::vector<std::string>> template_variables(const std::string& text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '}') return fail(ErrorCode::Invalid, "'}' without '{' at character " + std::to_string(i + 1));
    if (text[i] != '{') continue;
    auto end = text.find('}', i);
    if (end == std::string::npos) return fail(ErrorCode::Invalid, "'{' at character " + std::to_string(i + 1) + " is not closed");
    auto var = text.substr(i + 1, end - i - 1);
    if (var.empty() || !std::ranges::all_of(var, is_variable_char)) {
      return fail(ErrorCode::Invalid, "'{" + var + "}' is not a variable (letters, digits and _ between braces)");
    }
    if (std::ranges::find(out, var) == out.end()) out.push_back(var);
    i = end;
  }
  return out;
}

std::string fill_template(const std::string& text, const std::vector<std::pair<std::string, std::string>>& values) {
  std::string out = text;
  for (const auto& [var, value] : values) {
    std::string token = "{" + var + "}";
    for (auto pos = out.find(token); pos != std::string::npos; pos = out.find(token, pos + value.size()))
      out.replace(pos, token.size(), value);
  }
  return out;
}

bool records_type_allowed(dns::RecordType type) {
  return type == dns::RecordType::A || type == dns::RecordType::AAAA || type == dns::RecordType::CNAME;
}

ExpandedRecords expand_records(const BulkRecords& spec, const dns::DomainName& apex, const ExpandOptions& options) {
  return Expander(spec, apex, options).run();
}

}  // namespace cutover::planner
