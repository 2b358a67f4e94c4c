#include "planner/providers/copy_review.h"

#include <algorithm>

namespace cutover::planner {
namespace {

std::string type_text(dns::RecordType type) { return std::string(dns::to_string(type)); }

std::string account_text(const std::string& account) { return account.empty() ? "an unknown account" : "account " + account; }

// One record set against the target: every reason it cannot go, in turn.
class SetReview {
 public:
  SetReview(const CopyReviewInput& input, const Rrset& rrset, std::vector<CopyRefusal>& out) : in_(input), r_(rrset), out_(out) {}

  void run() {
    traffic_policy();
    target_type();
    alias();
    routing();
    health_check();
    cidr();
    same_zone_target();
  }

 private:
  void refuse(std::string why, std::string remedy) {
    out_.push_back(CopyRefusal{.set = key_of(r_), .why = std::move(why), .remedy = std::move(remedy)});
  }

  bool other_account() const { return in_.from.account.empty() || in_.to.account.empty() || in_.from.account != in_.to.account; }

  void traffic_policy() {
    if (r_.traffic_policy_instance_id.empty()) return;
    refuse("made by traffic policy instance " + r_.traffic_policy_instance_id + ", not a record set a copy can recreate",
           "delete the traffic policy instance before the move and create it again in the new zone (AWS's migration guide)");
  }

  void target_type() {
    if (!in_.to.types || std::ranges::find(*in_.to.types, r_.type) != in_.to.types->end()) return;
    refuse("type " + type_text(r_.type) + ", which the target zone's provider does not accept",
           "remove it from the source zone, or keep the zone at a provider that accepts " + type_text(r_.type));
  }

  void alias() {
    if (!r_.alias || in_.to.aliases) return;
    refuse("an alias to " + r_.alias->name.text() + ", and the target zone's provider has no aliases",
           "replace the alias in the source zone by the records it answers with (A/AAAA values, or a CNAME below the apex)");
  }

  void routing() {
    if (!r_.routing || in_.to.routing) return;
    refuse("a " + routing_kind(r_) + " routing set, and the target zone's provider has no routing policies",
           "reduce the name to one simple record set in the source zone, or keep the zone at a provider with routing policies");
  }

  void health_check() {
    const std::string& id = r_.health_check_id;
    if (id.empty()) return;
    if (!in_.to.health_checks) {
      refuse("uses health check " + id + ", and the target zone's provider has no health checks",
             "remove the health check from this set in the source zone, or keep the zone at a provider with health checks");
      return;
    }
    if (!other_account()) return;
    if (!in_.recreates_checks || !in_.source_checks) {
      refuse("uses health check " + id + " of " + account_text(in_.from.account) +
                 "; a health check belongs to its account and this copy into " + account_text(in_.to.account) + " does not recreate it",
             "create an equivalent health check in the target account, or remove the check from this set in the source zone "
             "before the copy and add the new one to the copied set afterwards");
      return;
    }
    if (auto obstacle = recreation_obstacle(id, *in_.source_checks)) refuse("uses " + obstacle->why, obstacle->remedy);
  }

  void cidr() {
    if (!r_.routing || !r_.routing->cidr || !other_account()) return;
    refuse("CIDR routing on location '" + r_.routing->cidr->location_name + "' of CIDR collection " + r_.routing->cidr->collection_id +
               ", which belongs to " + account_text(in_.from.account) + " and is not recreated in " + account_text(in_.to.account),
           "create the CIDR collection in the target account and this record set there by hand, or remove it from the source zone");
  }

  // Route 53 creates a same-zone alias only when its target exists in the
  // zone: the copy must bring the target along, or the target zone hold it.
  void same_zone_target() {
    if (!r_.alias || !r_.alias->same_zone || !in_.to.aliases) return;
    const dns::DomainName& target = r_.alias->name;
    auto holds = [&](const std::vector<Rrset>& sets) {
      return std::ranges::any_of(sets, [&](const Rrset& s) { return s.name == target && s.type == r_.type; });
    };
    if (target.is_subdomain_of(in_.to_apex) && (holds(in_.copied) || holds(in_.target))) return;
    refuse("an alias to " + target.text() + " " + type_text(r_.type) + " in its own zone, which the target zone " + in_.to_apex.text() +
               " will not hold",
           "copy the alias's target along (or create it in the target zone first), or point the alias at a name the copy carries");
  }

  const CopyReviewInput& in_;
  const Rrset& r_;
  std::vector<CopyRefusal>& out_;
};

// A set the target holds at a copied name and type under another set
// identifier, and that no copied set replaces: Route 53 refuses a routing
// set beside a simple one (and sets of different policies) at a name and type.
void conflicts(const CopyReviewInput& in, std::vector<CopyRefusal>& out) {
  for (const Rrset& held : in.target) {
    RrsetKey key = key_of(held);
    bool replaced = std::ranges::any_of(in.copied, [&](const Rrset& c) { return key_of(c) == key; });
    if (replaced) continue;
    auto copied = std::ranges::find_if(in.copied, [&](const Rrset& c) { return c.name == held.name && c.type == held.type; });
    if (copied == in.copied.end()) continue;
    out.push_back(
        CopyRefusal{.set = key_of(*copied),
                    .why = "the target zone holds " + describe(key) + " (" + routing_kind(held) + "), which the copy does not replace",
                    .remedy = "delete " + describe(key) + " from the target zone before the copy"});
  }
}

}  // namespace

std::string to_string(const CopyRefusal& refusal) { return describe(refusal.set) + ": " + refusal.why + "; " + refusal.remedy; }

std::string routing_kind(const Rrset& rrset) {
  if (!rrset.routing) return "simple";
  const Routing& r = *rrset.routing;
  if (r.weight) return "weighted";
  if (!r.region.empty()) return "latency";
  if (r.failover) return "failover";
  if (r.geolocation) return "geolocation";
  if (r.geoproximity) return "geoproximity";
  if (r.cidr) return "cidr";
  if (r.multivalue) return "multivalue";
  return "simple";
}

std::string to_string(const CopyInventory& inventory) {
  std::string out = std::to_string(inventory.sets) + (inventory.sets == 1 ? " record set" : " record sets");
  std::string kinds;
  for (const auto& [kind, count] : inventory.by_kind) kinds += (kinds.empty() ? "" : ", ") + std::to_string(count) + " " + kind;
  if (!kinds.empty()) out += ": " + kinds;
  out += "; " + std::to_string(inventory.aliases) + (inventory.aliases == 1 ? " alias" : " aliases");
  if (!inventory.health_checks.empty()) {
    out += "; health checks referenced:";
    for (const auto& id : inventory.health_checks) out += " " + id;
  }
  if (!inventory.recreated_checks.empty()) {
    out += "; recreated in the target account:";
    for (const auto& check : inventory.recreated_checks) out += " " + check + ";";
    out.pop_back();
  }
  return out;
}

CopyReview review_copy(const CopyReviewInput& input) {
  CopyReview review;
  for (const Rrset& rrset : input.copied) {
    ++review.inventory.sets;
    ++review.inventory.by_kind[routing_kind(rrset)];
    if (rrset.alias) ++review.inventory.aliases;
    if (!rrset.health_check_id.empty()) review.inventory.health_checks.insert(rrset.health_check_id);
    SetReview(input, rrset, review.refusals).run();
  }
  conflicts(input, review.refusals);
  if (input.recreates_checks && input.source_checks && review.refusals.empty()) {
    for (const auto& id : creation_order(*input.source_checks)) {
      review.inventory.recreated_checks.push_back(id + " (" + summary(*input.source_checks->at(id)) + ")");
    }
  }
  return review;
}

}  // namespace cutover::planner
