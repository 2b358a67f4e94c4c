#include "planner/run/copy_check.h"

#include "planner/providers/record_ops.h"

#include <algorithm>
#include <map>

namespace cutover::planner {
namespace {

Result<std::vector<Rrset>> target_listing(DnsProvider& to, bool may_be_missing) {
  if (may_be_missing) {
    auto exists = to.exists();
    if (!exists) return std::unexpected(exists.error());
    if (!*exists) return std::vector<Rrset>{};
  }
  return to.list();
}

bool other_accounts(const ZoneCapabilities& a, const ZoneCapabilities& b) {
  return a.account.empty() || b.account.empty() || a.account != b.account;
}

// Each copied set names the target account's copy of its check, found by
// CallerReference; a check without a copy yet is noted (planning runs
// before CopyHealthChecks, the copy action refuses to run without them).
Result<void> name_copies(std::vector<Rrset>& copied, const std::string& prefix, HealthChecks& target, CheckedCopy& out) {
  auto made = target.list();
  if (!made) return std::unexpected(made.error());
  std::map<std::string, std::string> copy_of;
  for (const auto& ref : *made) {
    if (ref.caller_reference.starts_with(prefix)) copy_of[ref.caller_reference.substr(prefix.size())] = ref.id;
  }
  for (auto& set : copied) {
    if (set.health_check_id.empty()) continue;
    auto it = copy_of.find(set.health_check_id);
    if (it != copy_of.end()) {
      set.health_check_id = it->second;
    } else if (std::ranges::find(out.not_recreated, set.health_check_id) == out.not_recreated.end()) {
      out.not_recreated.push_back(set.health_check_id);
    }
  }
  return {};
}

}  // namespace

Result<CheckedCopy> check_copy(const CopyRecords& copy, DnsProvider& from, DnsProvider& to, bool target_may_be_missing) {
  auto source = from.list();
  if (!source) return std::unexpected(source.error());
  auto target = target_listing(to, target_may_be_missing);
  if (!target) return std::unexpected(target.error());
  auto from_caps = from.capabilities();
  if (!from_caps) return std::unexpected(from_caps.error());
  auto to_caps = to.capabilities();
  if (!to_caps) return std::unexpected(to_caps.error());
  CopyFilter filter{.from_apex = from.zone_name(), .to_apex = to.zone_name(), .only_below = copy.only_below, .skip_below = copy.skip_below};
  std::vector<Rrset> copied = rrsets_to_copy(*source, filter);
  CheckedCopy out;
  bool recreates = !copy.health_check_prefix.empty() && other_accounts(*from_caps, *to_caps) && from.health_checks() &&
                   to.health_checks() && !referenced_checks(copied).empty();
  if (recreates) {
    auto tree = read_check_tree(referenced_checks(copied), *from.health_checks());
    if (!tree) return std::unexpected(tree.error());
    out.source_checks = std::move(*tree);
  }
  out.review = review_copy({.copied = copied,
                            .target = *target,
                            .to_apex = to.zone_name(),
                            .from = *from_caps,
                            .to = *to_caps,
                            .source_checks = recreates ? &out.source_checks : nullptr,
                            .recreates_checks = recreates});
  if (recreates && out.review.refusals.empty()) {
    auto named = name_copies(copied, copy.health_check_prefix, *to.health_checks(), out);
    if (!named) return std::unexpected(named.error());
  }
  out.changes = changes_to_hold(*target, copied);
  return out;
}

Error copy_refused(const CopyRecords& copy, const std::vector<CopyRefusal>& refusals, const std::string& step) {
  std::string where = "copy of zone '" + copy.from_zone + "' into '" + copy.to_zone + "'";
  if (!step.empty()) where = "step " + step + ": " + where;
  Error error{.code = ErrorCode::Invalid,
              .message = where + " refused before anything ran: " + std::to_string(refusals.size()) +
                         (refusals.size() == 1 ? " record set cannot" : " record sets cannot") + " be carried"};
  for (const auto& refusal : refusals) error.problems.push_back(Problem{.message = where + ": " + to_string(refusal)});
  return error;
}

Result<std::vector<CopyPreview>> preview_copies(const StepGraph& graph, ProviderSet& providers) {
  std::vector<CopyPreview> out;
  Error refused{.code = ErrorCode::Invalid};
  std::size_t count = 0;
  for (const auto& step : graph.steps()) {
    for (const auto& action : step.actions) {
      const auto* copy = std::get_if<CopyRecords>(&action);
      if (!copy) continue;
      CopyPreview preview{.step = step.id.value, .from_zone = copy->from_zone, .to_zone = copy->to_zone};
      auto from = providers.zones.find(copy->from_zone);
      auto to = providers.zones.find(copy->to_zone);
      if (from == providers.zones.end() || to == providers.zones.end()) {
        return fail(ErrorCode::Provider,
                    "step " + step.id.value + ": no provider for zone '" + copy->from_zone + "' or '" + copy->to_zone + "'");
      }
      auto exists = from->second->exists();
      if (!exists) return std::unexpected(exists.error());
      if (!*exists) {
        preview.note = "zone '" + copy->from_zone + "' does not exist yet: the copy is reviewed when the step runs";
        out.push_back(std::move(preview));
        continue;
      }
      auto checked = check_copy(*copy, *from->second, *to->second, true);
      if (!checked) return std::unexpected(checked.error());
      preview.inventory = checked->review.inventory;
      out.push_back(std::move(preview));
      if (checked->review.refusals.empty()) continue;
      count += checked->review.refusals.size();
      auto error = copy_refused(*copy, checked->review.refusals, step.id.value);
      refused.problems.insert(refused.problems.end(), error.problems.begin(), error.problems.end());
    }
  }
  if (count == 0) return out;
  refused.message = "the plan's copies cannot carry " + std::to_string(count) + (count == 1 ? " record set" : " record sets") +
                    "; nothing was run (each one below, with what to do)";
  return std::unexpected(refused);
}

}  // namespace cutover::planner
