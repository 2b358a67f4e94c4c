#include "planner/providers/route53_zone.h"

#include <algorithm>

#include "planner/providers/name_server_addresses.h"
#include "planner/providers/private_zone.h"
#include "planner/providers/route53_records.h"

namespace cutover::planner {
Route53ZoneProvider::Route53ZoneProvider(std::shared_ptr<aws::Session> session, Route53ZoneOptions options)
    : session_(std::move(session)), client_(session_->route53()), options_(std::move(options)), health_checks_(session_->route53()) {
  if (options_.hosted_zone_id) known_id_ = aws::route53::HostedZoneId{aws::route53::bare_id(*options_.hosted_zone_id)};
  account_id_ = options_.account_id;
}

Result<ZoneCapabilities> Route53ZoneProvider::capabilities() {
  if (!account_id_) {
    auto who = session_->sts().get_caller_identity();
    if (!who) return std::unexpected(provider_error("asking STS which account profile " + session_->profile() + " is", who.error()));
    account_id_ = who->account;
  }
  auto private_zone = is_private();
  if (!private_zone) return std::unexpected(private_zone.error());
  return ZoneCapabilities{.aliases = true,
                          .routing = true,
                          .health_checks = true,
                          .types = route53_types(),
                          .account = *account_id_,
                          .private_zone = *private_zone};
}

Result<bool> Route53ZoneProvider::is_private() {
  if (private_) return *private_;
  auto id = zone_id();
  if (!id) return std::unexpected(id.error());
  if (!*id) return false;  // the plan creates it, and creates public zones
  auto zone = client_.get_hosted_zone(**id);
  if (!zone && zone.error().code == aws::ErrorCode::NotFound) return false;
  if (!zone) return std::unexpected(provider_error("reading hosted zone " + options_.name.text(), zone.error()));
  private_ = zone->zone.private_zone;  // a zone is made public or private for good
  return *private_;
}

Result<std::optional<aws::route53::HostedZoneId>> Route53ZoneProvider::zone_id() {
  if (known_id_) return known_id_;
  if (options_.caller_reference.empty()) return std::optional<aws::route53::HostedZoneId>{};
  // Several zones may share a name; ours is the one with our reference.
  auto zones = client_.find_zones_by_name(options_.name.text());
  if (!zones) return std::unexpected(provider_error("finding hosted zone " + options_.name.text(), zones.error()));
  for (const auto& zone : *zones) {
    if (zone.caller_reference == options_.caller_reference) {
      known_id_ = zone.id;
      return known_id_;
    }
  }
  return std::optional<aws::route53::HostedZoneId>{};
}

Result<aws::route53::HostedZoneId> Route53ZoneProvider::require_zone_id() {
  auto id = zone_id();
  if (!id) return std::unexpected(id.error());
  if (!*id)
    return fail(ErrorCode::Provider,
                "hosted zone " + options_.name.text() + " (CallerReference " + options_.caller_reference + ") does not exist yet");
  return **id;
}

Result<bool> Route53ZoneProvider::exists() {
  auto id = zone_id();
  if (!id) return std::unexpected(id.error());
  if (!*id) return false;
  auto zone = client_.get_hosted_zone(**id);
  if (zone) return true;
  if (zone.error().code == aws::ErrorCode::NotFound) {
    if (!options_.hosted_zone_id) known_id_.reset();  // deleted since: look it up again next time
    return false;
  }
  return std::unexpected(provider_error("reading hosted zone " + options_.name.text(), zone.error()));
}

Result<void> Route53ZoneProvider::create(std::string_view caller_reference) {
  if (options_.hosted_zone_id) {
    auto there = exists();
    if (!there) return std::unexpected(there.error());
    if (!*there)
      return fail(ErrorCode::Provider,
                  "hosted zone " + *options_.hosted_zone_id + " does not exist (the plan does not create zones given by id)");
    return {};
  }
  options_.caller_reference = std::string(caller_reference);
  auto created = client_.create_hosted_zone({.name = options_.name.text(), .caller_reference = options_.caller_reference});
  if (!created) return std::unexpected(provider_error("creating hosted zone " + options_.name.text(), created.error()));
  known_id_ = created->zone.id;
  // An adopted zone comes without ChangeInfo: its creation was waited out,
  // or is long in sync, by the run that made it.
  if (created->change) {
    auto synced = client_.wait_for_change(created->change->id, options_.wait);
    if (!synced) return std::unexpected(provider_error("waiting for hosted zone " + options_.name.text(), synced.error()));
  }
  return {};
}

Result<void> Route53ZoneProvider::remove() {
  auto there = exists();
  if (!there) return std::unexpected(there.error());
  if (!*there) return {};
  auto id = *known_id_;
  auto records = client_.list_all_records(id);
  if (!records) return std::unexpected(provider_error("listing hosted zone " + options_.name.text(), records.error()));
  auto deletions = deletions_for_zone_removal(*records, options_.name);
  if (!deletions.empty()) {
    auto applied =
        client_.apply_changes(id, std::move(deletions), {.comment = "cutover: empty the zone before deleting it", .wait = options_.wait});
    if (!applied) return std::unexpected(provider_error("emptying hosted zone " + options_.name.text(), applied.error()));
  }
  auto deleted = client_.delete_hosted_zone(id);
  if (!deleted && deleted.error().code != aws::ErrorCode::NotFound) {
    return std::unexpected(provider_error("deleting hosted zone " + options_.name.text(), deleted.error()));
  }
  if (!options_.hosted_zone_id) known_id_.reset();
  return {};
}

Result<std::vector<Rrset>> Route53ZoneProvider::list() {
  auto id = require_zone_id();
  if (!id) return std::unexpected(id.error());
  auto records = client_.list_all_records(*id);
  if (!records) return std::unexpected(provider_error("listing hosted zone " + options_.name.text(), records.error()));
  std::vector<Rrset> out;
  for (const auto& record : *records) {
    auto rrset = rrset_from_route53(record, *id);
    if (!rrset) return std::unexpected(rrset.error());
    out.push_back(std::move(*rrset));
  }
  return out;
}

Result<void> Route53ZoneProvider::apply(const std::vector<RrsetChange>& changes, std::string_view comment) {
  if (changes.empty()) return {};
  auto id = require_zone_id();
  if (!id) return std::unexpected(id.error());
  std::vector<aws::route53::Change> batch;
  batch.reserve(changes.size());
  for (const auto& change : changes) batch.push_back(change_to_route53(change, *id));
  auto applied = client_.apply_changes(*id, std::move(batch), {.comment = std::string(comment), .wait = options_.wait});
  if (!applied) return std::unexpected(provider_error("changing hosted zone " + options_.name.text(), applied.error()));
  return {};
}

Result<std::vector<dns::DomainName>> Route53ZoneProvider::nameservers() {
  auto id = require_zone_id();
  if (!id) return std::unexpected(id.error());
  auto zone = client_.get_hosted_zone(*id);
  if (!zone) return std::unexpected(provider_error("reading hosted zone " + options_.name.text(), zone.error()));
  std::vector<dns::DomainName> out;
  for (const auto& text : zone->name_servers) {
    auto name = dns::DomainName::parse(text);
    if (!name)
      return fail(ErrorCode::Provider, "hosted zone " + options_.name.text() + " has a name server that is not a name: '" + text + "'");
    out.push_back(*name);
  }
  return out;
}

Result<std::vector<std::string>> Route53ZoneProvider::server_addresses() {
  if (!options_.server_addresses.empty()) return options_.server_addresses;
  // A private zone's delegation set answers for the public zone of the same
  // name, if any: asking it would check the wrong zone.
  auto private_zone = is_private();
  if (!private_zone) return std::unexpected(private_zone.error());
  if (*private_zone) return fail(ErrorCode::Invalid, private_zone_reason(options_.name.text()));
  auto names = nameservers();
  if (!names) return std::unexpected(names.error());
  if (!options_.address_resolvers.empty()) return resolve_addresses_via(*names, options_.address_resolvers, options_.address_lookup);
  return resolve_addresses(*names);
}

}  // namespace cutover::planner
