#include "aws/route53.h"

#include <algorithm>
#include <cctype>

#include "aws/route53_xml.h"
#include "aws/uri.h"

namespace cutover::aws::route53 {
namespace {

constexpr std::string_view kApi = "/2013-04-01";

std::string absolute_lower(std::string name) {
  std::ranges::transform(name, name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (!name.ends_with('.')) name.push_back('.');
  return name;
}

std::string zone_path(const HostedZoneId& id) { return std::string(kApi) + "/hostedzone/" + uri_encode(bare_id(id.value)); }

}  // namespace

std::string bare_id(std::string_view id) {
  if (auto slash = id.rfind('/'); slash != std::string_view::npos) id.remove_prefix(slash + 1);
  return std::string(id);
}

std::string_view to_string(ChangeAction action) {
  switch (action) {
    case ChangeAction::Create: return "CREATE";
    case ChangeAction::Delete: return "DELETE";
    case ChangeAction::Upsert: return "UPSERT";
  }
  return "UPSERT";
}

// Check before act: a zone already created with this CallerReference (by an
// earlier run, or by an attempt whose answer was lost) is returned as it is.
// Route 53 itself refuses a reused reference with HostedZoneAlreadyExists;
// the look-up also covers emulators that do not.
Result<std::optional<ZoneDetails>> Client::find_created_zone(const CreateZoneRequest& request) const {
  auto zones = find_zones_by_name(request.name);
  if (!zones) return std::unexpected(zones.error());
  for (const HostedZone& zone : *zones) {
    if (zone.caller_reference != request.caller_reference) continue;
    auto details = get_hosted_zone(zone.id);
    if (!details) return std::unexpected(details.error());
    return std::optional<ZoneDetails>(std::move(*details));
  }
  return std::optional<ZoneDetails>();
}

Result<ZoneDetails> Client::create_hosted_zone(const CreateZoneRequest& request) const {
  auto existing = find_created_zone(request);
  if (!existing) return std::unexpected(existing.error());
  if (*existing) return std::move(**existing);
  auto response = call({.operation = "CreateHostedZone",
                        .method = "POST",
                        .path = std::string(kApi) + "/hostedzone",
                        .headers = {{"Content-Type", "application/xml"}},
                        .body = create_zone_body(request),
                        .idempotent = true});  // CallerReference makes a resend harmless
  if (response) return parse_zone_details(response->body, "CreateHostedZoneResponse");
  if (response.error().aws_code != "HostedZoneAlreadyExists") return std::unexpected(response.error());
  existing = find_created_zone(request);  // created by a resend whose first answer was lost
  if (existing && *existing) return std::move(**existing);
  return std::unexpected(response.error());
}

Result<ZoneDetails> Client::get_hosted_zone(const HostedZoneId& id) const {
  auto response = call({.operation = "GetHostedZone", .method = "GET", .path = zone_path(id)});
  if (!response) return std::unexpected(response.error());
  return parse_zone_details(response->body, "GetHostedZoneResponse");
}

Result<ZonePage> Client::list_hosted_zones_by_name(std::string_view dns_name, std::string_view zone_id, int max_items) const {
  ServiceCall c{.operation = "ListHostedZonesByName", .method = "GET", .path = std::string(kApi) + "/hostedzonesbyname"};
  if (!dns_name.empty()) c.query.emplace_back("dnsname", std::string(dns_name));
  if (!zone_id.empty()) c.query.emplace_back("hostedzoneid", bare_id(zone_id));
  c.query.emplace_back("maxitems", std::to_string(max_items));
  auto response = call(std::move(c));
  if (!response) return std::unexpected(response.error());
  return parse_zone_page(response->body);
}

Result<std::vector<HostedZone>> Client::list_all_hosted_zones() const {
  std::vector<HostedZone> out;
  std::string next_name, next_id;
  for (;;) {
    auto page = list_hosted_zones_by_name(next_name, next_id, 100);
    if (!page) return std::unexpected(page.error());
    out.insert(out.end(), page->zones.begin(), page->zones.end());
    if (!page->truncated) return out;
    next_name = page->next_dns_name;
    next_id = page->next_hosted_zone_id;
  }
}

Result<std::vector<HostedZone>> Client::find_zones_by_name(std::string_view name) const {
  std::vector<HostedZone> out;
  std::string wanted = absolute_lower(std::string(name));
  std::string next_name = wanted, next_id;  // lower case: emulators compare it as given
  for (;;) {
    auto page = list_hosted_zones_by_name(next_name, next_id, 100);
    if (!page) return std::unexpected(page.error());
    bool passed = false;  // zones are sorted: stop once past the name
    for (const HostedZone& zone : page->zones) {
      if (absolute_lower(zone.name) == wanted)
        out.push_back(zone);
      else
        passed = true;
    }
    if (!page->truncated || passed) return out;
    next_name = page->next_dns_name;
    next_id = page->next_hosted_zone_id;
  }
}

Result<RecordPage> Client::list_resource_record_sets(const HostedZoneId& id, const RecordCursor& start, int max_items) const {
  ServiceCall c{.operation = "ListResourceRecordSets", .method = "GET", .path = zone_path(id) + "/rrset"};
  if (!start.name.empty()) c.query.emplace_back("name", start.name);
  if (!start.name.empty() && !start.type.empty()) c.query.emplace_back("type", start.type);
  if (!start.identifier.empty()) c.query.emplace_back("identifier", start.identifier);
  c.query.emplace_back("maxitems", std::to_string(max_items));
  auto response = call(std::move(c));
  if (!response) return std::unexpected(response.error());
  return parse_record_page(response->body);
}

Result<std::vector<RecordSet>> Client::list_all_records(const HostedZoneId& id, int page_size) const {
  std::vector<RecordSet> out;
  RecordCursor cursor;
  for (;;) {
    auto page = list_resource_record_sets(id, cursor, page_size);
    if (!page) return std::unexpected(page.error());
    out.insert(out.end(), std::make_move_iterator(page->records.begin()), std::make_move_iterator(page->records.end()));
    if (!page->truncated) return out;
    if (page->next.name.empty()) return fail(ErrorCode::Corrupt, "truncated record page without NextRecordName");
    cursor = page->next;
  }
}

Result<ChangeInfo> Client::change_resource_record_sets(const HostedZoneId& id, const std::vector<Change>& batch,
                                                       std::string_view comment) const {
  bool only_upserts = std::ranges::all_of(batch, [](const Change& c) { return c.action == ChangeAction::Upsert; });
  auto response = call({.operation = "ChangeResourceRecordSets",
                        .method = "POST",
                        .path = zone_path(id) + "/rrset/",
                        .headers = {{"Content-Type", "application/xml"}},
                        .body = change_batch_body(batch, comment),
                        .idempotent = only_upserts});
  if (!response) return std::unexpected(response.error());
  return parse_change_info(response->body, "ChangeResourceRecordSetsResponse");
}

Result<ChangeInfo> Client::get_change(const ChangeId& id) const {
  auto response = call({.operation = "GetChange", .method = "GET", .path = std::string(kApi) + "/change/" + uri_encode(bare_id(id.value))});
  if (!response) return std::unexpected(response.error());
  return parse_change_info(response->body, "GetChangeResponse");
}

Result<ChangeInfo> Client::wait_for_change(const ChangeId& id, const WaitOptions& options) const {
  Clock& clock = client_.clock();
  auto give_up_at = clock.now() + options.deadline;
  auto delay = options.first;
  for (;;) {
    auto info = get_change(id);
    if (!info || info->status == ChangeStatus::InSync) return info;
    if (clock.now() + delay > give_up_at) {
      return std::unexpected(
          Error{.code = ErrorCode::Service,
                .message = "change " + id.value + " still PENDING after " + std::to_string(options.deadline.count() / 1000) + " s",
                .aws_code = "WaitTimeout"});
    }
    clock.sleep_for(delay);
    delay = std::min(options.max, std::chrono::milliseconds(static_cast<long long>(delay.count() * options.factor)));
  }
}

Result<void> Client::change_tags(const HostedZoneId& id, const std::vector<Tag>& add, const std::vector<std::string>& remove_keys) const {
  auto response = call({.operation = "ChangeTagsForResource",
                        .method = "POST",
                        .path = std::string(kApi) + "/tags/hostedzone/" + uri_encode(bare_id(id.value)),
                        .headers = {{"Content-Type", "application/xml"}},
                        .body = change_tags_body(add, remove_keys)});
  if (!response) return std::unexpected(response.error());
  return {};
}

Result<ChangeInfo> Client::delete_hosted_zone(const HostedZoneId& id) const {
  // A resend after an ambiguous failure would say NoSuchHostedZone: safe but
  // confusing, so it is not resent; the caller re-reads instead.
  auto response = call({.operation = "DeleteHostedZone", .method = "DELETE", .path = zone_path(id), .idempotent = false});
  if (!response) return std::unexpected(response.error());
  return parse_change_info(response->body, "DeleteHostedZoneResponse");
}

}  // namespace cutover::aws::route53
