#include "aws/route53_health_checks.h"

#include "aws/route53.h"
#include "aws/route53_xml.h"
#include "aws/uri.h"
#include "aws/xml.h"

namespace cutover::aws::route53 {
namespace {

using Element = const tinyxml2::XMLElement*;

constexpr std::string_view kHealthChecks = "/2013-04-01/healthcheck";

std::string check_path(std::string_view id) { return std::string(kHealthChecks) + "/" + uri_encode(id); }

std::string_view bool_text(bool value) { return value ? "true" : "false"; }

std::optional<bool> optional_bool(Element parent, std::string_view name) {
  auto text = optional_child_text(parent, name);
  if (!text) return std::nullopt;
  return *text == "true";
}

// Element order follows the API model (alphabetical in HealthCheckConfig).
void write_config(XmlWriter& w, const HealthCheckConfig& c) {
  w.open("HealthCheckConfig");
  if (c.alarm) {
    w.open("AlarmIdentifier");
    w.element("Name", c.alarm->name);
    w.element("Region", c.alarm->region);
    w.close();
  }
  if (!c.child_health_checks.empty()) {
    w.open("ChildHealthChecks");
    for (const auto& id : c.child_health_checks) w.element("ChildHealthCheck", id);
    w.close();
  }
  if (c.disabled) w.element("Disabled", bool_text(*c.disabled));
  if (c.enable_sni) w.element("EnableSNI", bool_text(*c.enable_sni));
  if (c.failure_threshold) w.element("FailureThreshold", std::to_string(*c.failure_threshold));
  if (!c.fqdn.empty()) w.element("FullyQualifiedDomainName", c.fqdn);
  if (c.health_threshold) w.element("HealthThreshold", std::to_string(*c.health_threshold));
  if (!c.insufficient_data_health_status.empty()) w.element("InsufficientDataHealthStatus", c.insufficient_data_health_status);
  if (c.inverted) w.element("Inverted", bool_text(*c.inverted));
  if (!c.ip_address.empty()) w.element("IPAddress", c.ip_address);
  if (c.measure_latency) w.element("MeasureLatency", bool_text(*c.measure_latency));
  if (c.port) w.element("Port", std::to_string(*c.port));
  if (!c.regions.empty()) {
    w.open("Regions");
    for (const auto& region : c.regions) w.element("Region", region);
    w.close();
  }
  if (c.request_interval) w.element("RequestInterval", std::to_string(*c.request_interval));
  if (!c.resource_path.empty()) w.element("ResourcePath", c.resource_path);
  if (!c.routing_control_arn.empty()) w.element("RoutingControlArn", c.routing_control_arn);
  if (!c.search_string.empty()) w.element("SearchString", c.search_string);
  w.element("Type", c.type);
  w.close();
}

HealthCheckConfig read_config(Element e) {
  HealthCheckConfig c{.type = child_text(e, "Type"),
                      .ip_address = child_text(e, "IPAddress"),
                      .port = optional_child_long(e, "Port"),
                      .resource_path = child_text(e, "ResourcePath"),
                      .fqdn = child_text(e, "FullyQualifiedDomainName"),
                      .search_string = child_text(e, "SearchString"),
                      .request_interval = optional_child_long(e, "RequestInterval"),
                      .failure_threshold = optional_child_long(e, "FailureThreshold"),
                      .measure_latency = optional_bool(e, "MeasureLatency"),
                      .inverted = optional_bool(e, "Inverted"),
                      .disabled = optional_bool(e, "Disabled"),
                      .health_threshold = optional_child_long(e, "HealthThreshold"),
                      .enable_sni = optional_bool(e, "EnableSNI"),
                      .insufficient_data_health_status = child_text(e, "InsufficientDataHealthStatus"),
                      .routing_control_arn = child_text(e, "RoutingControlArn")};
  for (Element id : children(child(e, "ChildHealthChecks"), "ChildHealthCheck")) c.child_health_checks.push_back(text_of(id));
  for (Element region : children(child(e, "Regions"), "Region")) c.regions.push_back(text_of(region));
  if (Element alarm = child(e, "AlarmIdentifier")) c.alarm = AlarmIdentifier{child_text(alarm, "Region"), child_text(alarm, "Name")};
  return c;
}

Result<HealthCheck> read_check(Element e) {
  Element config = child(e, "HealthCheckConfig");
  if (!config) return fail(ErrorCode::Corrupt, "HealthCheck has no HealthCheckConfig");
  return HealthCheck{.id = child_text(e, "Id"), .caller_reference = child_text(e, "CallerReference"), .config = read_config(config)};
}

}  // namespace

std::string create_health_check_body(std::string_view caller_reference, const HealthCheckConfig& config) {
  XmlWriter w("CreateHealthCheckRequest", kXmlns);
  w.element("CallerReference", caller_reference);
  write_config(w, config);
  return w.finish();
}

Result<HealthCheck> parse_health_check(std::string_view xml, std::string_view root_name) {
  return read_root<HealthCheck>(xml, root_name, [&](Element root) -> Result<HealthCheck> {
    auto check = read_required_child(root, "HealthCheck", root_name, read_check);
    if (!check) return std::unexpected(check.error());
    return *check;
  });
}

Result<HealthCheckPage> parse_health_check_page(std::string_view xml) {
  return read_root<HealthCheckPage>(xml, "ListHealthChecksResponse", [&](Element root) -> Result<HealthCheckPage> {
    HealthCheckPage page{.truncated = child_text(root, "IsTruncated") == "true", .next_marker = child_text(root, "NextMarker")};
    for (Element e : children(child(root, "HealthChecks"), "HealthCheck")) {
      auto check = read_check(e);
      if (!check) return std::unexpected(check.error());
      page.checks.push_back(std::move(*check));
    }
    return page;
  });
}

// Check before act, as for hosted zones: a check made with this reference
// by an earlier run (or by an attempt whose answer was lost) is returned.
// Route 53 does the same for an identical request; the look-up also covers
// emulators that do not, and names the clash when the settings differ.
Result<HealthCheck> Client::create_health_check(std::string_view caller_reference, const HealthCheckConfig& config) const {
  auto existing = find_health_check(caller_reference);
  if (!existing) return std::unexpected(existing.error());
  if (*existing && (*existing)->config != config) {
    return std::unexpected(Error{.code = ErrorCode::Conflict,
                                 .message = "health check " + (*existing)->id + " was created with CallerReference " +
                                            std::string(caller_reference) + " and other settings",
                                 .aws_code = "HealthCheckAlreadyExists"});
  }
  if (*existing) return std::move(**existing);
  auto response = call({.operation = "CreateHealthCheck",
                        .method = "POST",
                        .path = std::string(kHealthChecks),
                        .headers = {{"Content-Type", "application/xml"}},
                        .body = create_health_check_body(caller_reference, config),
                        .idempotent = true});  // the same reference and settings return the same check
  if (!response) return std::unexpected(response.error());
  return parse_health_check(response->body, "CreateHealthCheckResponse");
}

Result<HealthCheck> Client::get_health_check(std::string_view id) const {
  auto response = call({.operation = "GetHealthCheck", .method = "GET", .path = check_path(id)});
  if (!response) return std::unexpected(response.error());
  return parse_health_check(response->body, "GetHealthCheckResponse");
}

Result<std::vector<HealthCheck>> Client::list_all_health_checks() const {
  std::vector<HealthCheck> out;
  std::string marker;
  for (;;) {
    ServiceCall c{.operation = "ListHealthChecks", .method = "GET", .path = std::string(kHealthChecks)};
    if (!marker.empty()) c.query.emplace_back("marker", marker);
    c.query.emplace_back("maxitems", "100");
    auto response = call(std::move(c));
    if (!response) return std::unexpected(response.error());
    auto page = parse_health_check_page(response->body);
    if (!page) return std::unexpected(page.error());
    out.insert(out.end(), std::make_move_iterator(page->checks.begin()), std::make_move_iterator(page->checks.end()));
    if (!page->truncated) return out;
    if (page->next_marker.empty()) return fail(ErrorCode::Corrupt, "truncated health check page without NextMarker");
    marker = page->next_marker;
  }
}

Result<std::optional<HealthCheck>> Client::find_health_check(std::string_view caller_reference) const {
  auto checks = list_all_health_checks();
  if (!checks) return std::unexpected(checks.error());
  for (auto& check : *checks) {
    if (check.caller_reference == caller_reference) return std::optional<HealthCheck>(std::move(check));
  }
  return std::optional<HealthCheck>();
}

Result<void> Client::delete_health_check(std::string_view id) const {
  auto response = call({.operation = "DeleteHealthCheck", .method = "DELETE", .path = check_path(id), .idempotent = false});
  if (!response && response.error().code != ErrorCode::NotFound) return std::unexpected(response.error());
  return {};  // gone, now or before
}

}  // namespace cutover::aws::route53
