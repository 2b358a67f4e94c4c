#include "planner/cli/zone_plan.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace cutover::cli {
namespace {

using aws::route53::RecordSet;

std::string key_name(std::string name) {
  std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!name.ends_with('.')) name.push_back('.');
  return name;
}

bool same_values(std::vector<std::string> a, std::vector<std::string> b) {
  std::ranges::sort(a);
  std::ranges::sort(b);
  return a == b;
}

}  // namespace

ImportPlan plan_import(const std::vector<RecordSet>& wanted, const std::vector<RecordSet>& current,
                       const std::string& zone_name) {
  std::map<std::pair<std::string, std::string>, const RecordSet*> existing;
  for (const RecordSet& r : current) {
    if (r.set_identifier.empty()) existing[{key_name(r.name), r.type}] = &r;
  }
  ImportPlan plan;
  std::string apex = key_name(zone_name);
  for (const RecordSet& r : wanted) {
    std::string name = key_name(r.name);
    if (name != apex && !name.ends_with("." + apex)) {
      plan.outside.push_back(name);
      continue;
    }
    if (name == apex && (r.type == "SOA" || r.type == "NS")) {
      plan.skipped.push_back(name + " " + r.type + " (Route 53 keeps its own apex " + r.type + ")");
      continue;
    }
    auto it = existing.find({name, r.type});
    if (it != existing.end() && !it->second->alias && it->second->ttl == r.ttl && same_values(it->second->values, r.values)) {
      ++plan.unchanged;
      continue;
    }
    plan.changes.push_back({aws::route53::ChangeAction::Upsert, r});
  }
  return plan;
}

std::string describe_change(const aws::route53::Change& change) {
  std::string out = std::string(aws::route53::to_string(change.action)) + " " + change.record.name + " ";
  if (change.record.ttl) out += std::to_string(*change.record.ttl) + " ";
  out += change.record.type;
  for (const std::string& v : change.record.values) out += " " + v;
  if (change.record.alias) out += " ALIAS " + change.record.alias->dns_name;
  return out;
}

}  // namespace cutover::cli
