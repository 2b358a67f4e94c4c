#include "aws/route53_batches.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>

namespace cutover::aws::route53 {
namespace {

std::string canonical_name(std::string name) {
  std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!name.ends_with('.')) name.push_back('.');
  return name;
}

bool is_alias(const Change& c) { return c.record.alias.has_value(); }

// Alias creates in dependency order: an alias whose target is the name of
// another alias still waiting goes after it (chains of aliases). A cycle
// cannot be ordered; its members keep their relative order at the end.
std::vector<Change> order_alias_creates(std::vector<Change> pending) {
  std::vector<Change> out;
  while (!pending.empty()) {
    std::set<std::string> waiting_names;
    for (const Change& c : pending) waiting_names.insert(canonical_name(c.record.name));
    auto ready = std::stable_partition(pending.begin(), pending.end(), [&](const Change& c) {
      return !waiting_names.contains(canonical_name(c.record.alias->dns_name)) ||
             canonical_name(c.record.alias->dns_name) == canonical_name(c.record.name);
    });
    if (ready == pending.begin()) ready = pending.end();  // a cycle: give up ordering
    out.insert(out.end(), std::make_move_iterator(pending.begin()), std::make_move_iterator(ready));
    pending.erase(pending.begin(), ready);
  }
  return out;
}

}  // namespace

ChangeCost cost_of(const Change& change) {
  ChangeCost cost{.records = change.record.values.size()};
  if (change.record.alias) cost.records = 1;  // an alias counts as one record
  for (const std::string& value : change.record.values) cost.value_chars += value.size();
  if (change.action == ChangeAction::Upsert) {
    cost.records *= 2;
    cost.value_chars *= 2;
  }
  return cost;
}

std::vector<Change> order_changes(std::vector<Change> changes) {
  std::vector<Change> alias_deletes, plain, alias_creates;
  for (Change& c : changes) {
    if (!is_alias(c)) {
      plain.push_back(std::move(c));
    } else if (c.action == ChangeAction::Delete) {
      alias_deletes.push_back(std::move(c));
    } else {
      alias_creates.push_back(std::move(c));
    }
  }
  std::vector<Change> creates = order_alias_creates(std::move(alias_creates));
  // Deleting aliases: the reverse of the creation order.
  std::vector<Change> deletes = order_alias_creates(std::move(alias_deletes));
  std::ranges::reverse(deletes);
  std::vector<Change> out;
  out.reserve(changes.size());
  for (auto* part : {&deletes, &plain, &creates}) {
    out.insert(out.end(), std::make_move_iterator(part->begin()), std::make_move_iterator(part->end()));
  }
  return out;
}

bool depends_on(const std::vector<Change>& later, const std::vector<Change>& earlier) {
  std::set<std::string> earlier_names, earlier_targets;
  for (const Change& c : earlier) {
    earlier_names.insert(canonical_name(c.record.name));
    if (is_alias(c)) earlier_targets.insert(canonical_name(c.record.alias->dns_name));
  }
  return std::ranges::any_of(later, [&](const Change& c) {
    return (is_alias(c) && earlier_names.contains(canonical_name(c.record.alias->dns_name))) ||
           earlier_targets.contains(canonical_name(c.record.name));
  });
}

Result<std::vector<std::vector<Change>>> split_into_batches(std::vector<Change> changes, const BatchLimits& limits) {
  std::vector<std::vector<Change>> batches;
  ChangeCost used{};
  for (Change& change : order_changes(std::move(changes))) {
    ChangeCost cost = cost_of(change);
    if (cost.records > limits.max_records || cost.value_chars > limits.max_value_chars) {
      return fail(ErrorCode::Invalid, std::string(to_string(change.action)) + " of " + change.record.name + " " + change.record.type +
                                          " alone exceeds the per-request limits of Route 53 (" + std::to_string(cost.records) +
                                          " records, " + std::to_string(cost.value_chars) + " value characters counted; at most " +
                                          std::to_string(limits.max_records) + " and " + std::to_string(limits.max_value_chars) + ")");
    }
    bool fits = !batches.empty() && (!limits.max_changes || batches.back().size() < *limits.max_changes) &&
                used.records + cost.records <= limits.max_records && used.value_chars + cost.value_chars <= limits.max_value_chars;
    if (!fits) {
      batches.emplace_back();
      used = {};
    }
    used.records += cost.records;
    used.value_chars += cost.value_chars;
    batches.back().push_back(std::move(change));
  }
  return batches;
}

}  // namespace cutover::aws::route53
