#include "aws/route53_xml.h"

#include "aws/xml.h"

namespace cutover::aws::route53 {
namespace {

using Element = const tinyxml2::XMLElement*;

void write_geo_proximity(XmlWriter& w, const GeoProximityLocation& g) {
  w.open("GeoProximityLocation");
  if (!g.aws_region.empty()) w.element("AWSRegion", g.aws_region);
  if (!g.local_zone_group.empty()) w.element("LocalZoneGroup", g.local_zone_group);
  if (!g.latitude.empty() || !g.longitude.empty()) {
    w.open("Coordinates");
    w.element("Latitude", g.latitude);
    w.element("Longitude", g.longitude);
    w.close();
  }
  if (g.bias) w.element("Bias", std::to_string(*g.bias));
  w.close();
}

void write_record(XmlWriter& w, const RecordSet& r) {
  w.open("ResourceRecordSet");
  w.element("Name", r.name);
  w.element("Type", r.type);
  if (!r.set_identifier.empty()) w.element("SetIdentifier", r.set_identifier);
  if (r.weight) w.element("Weight", std::to_string(*r.weight));
  if (!r.region.empty()) w.element("Region", r.region);
  if (r.geo_location) {
    w.open("GeoLocation");
    if (!r.geo_location->continent_code.empty()) w.element("ContinentCode", r.geo_location->continent_code);
    if (!r.geo_location->country_code.empty()) w.element("CountryCode", r.geo_location->country_code);
    if (!r.geo_location->subdivision_code.empty()) w.element("SubdivisionCode", r.geo_location->subdivision_code);
    w.close();
  }
  if (!r.failover.empty()) w.element("Failover", r.failover);
  if (r.multi_value_answer) w.element("MultiValueAnswer", *r.multi_value_answer ? "true" : "false");
  if (r.ttl) w.element("TTL", std::to_string(*r.ttl));
  if (!r.values.empty()) {
    w.open("ResourceRecords");
    for (const std::string& value : r.values) {
      w.open("ResourceRecord");
      w.element("Value", value);
      w.close();
    }
    w.close();
  }
  if (r.alias) {
    w.open("AliasTarget");
    w.element("HostedZoneId", r.alias->hosted_zone_id);
    w.element("DNSName", r.alias->dns_name);
    w.element("EvaluateTargetHealth", r.alias->evaluate_target_health ? "true" : "false");
    w.close();
  }
  if (!r.health_check_id.empty()) w.element("HealthCheckId", r.health_check_id);
  if (!r.traffic_policy_instance_id.empty()) w.element("TrafficPolicyInstanceId", r.traffic_policy_instance_id);
  if (r.cidr_routing) {
    w.open("CidrRoutingConfig");
    w.element("CollectionId", r.cidr_routing->collection_id);
    w.element("LocationName", r.cidr_routing->location_name);
    w.close();
  }
  if (r.geo_proximity) write_geo_proximity(w, *r.geo_proximity);
  w.close();
}

RecordSet read_record(Element e) {
  RecordSet r{.name = child_text(e, "Name"),
              .type = child_text(e, "Type"),
              .set_identifier = child_text(e, "SetIdentifier"),
              .weight = optional_child_long(e, "Weight"),
              .region = child_text(e, "Region"),
              .failover = child_text(e, "Failover"),
              .ttl = optional_child_long(e, "TTL"),
              .health_check_id = child_text(e, "HealthCheckId"),
              .traffic_policy_instance_id = child_text(e, "TrafficPolicyInstanceId")};
  if (Element geo = child(e, "GeoLocation")) {
    r.geo_location = GeoLocation{child_text(geo, "ContinentCode"), child_text(geo, "CountryCode"), child_text(geo, "SubdivisionCode")};
  }
  if (auto mv = optional_child_text(e, "MultiValueAnswer")) r.multi_value_answer = *mv == "true";
  for (Element rr : children(child(e, "ResourceRecords"), "ResourceRecord")) r.values.push_back(child_text(rr, "Value"));
  if (Element alias = child(e, "AliasTarget")) {
    r.alias =
        AliasTarget{child_text(alias, "HostedZoneId"), child_text(alias, "DNSName"), child_text(alias, "EvaluateTargetHealth") == "true"};
  }
  if (Element cidr = child(e, "CidrRoutingConfig")) {
    r.cidr_routing = CidrRoutingConfig{child_text(cidr, "CollectionId"), child_text(cidr, "LocationName")};
  }
  if (Element geo = child(e, "GeoProximityLocation")) {
    r.geo_proximity = GeoProximityLocation{.aws_region = child_text(geo, "AWSRegion"),
                                           .local_zone_group = child_text(geo, "LocalZoneGroup"),
                                           .latitude = text_of(descend(geo, "Coordinates/Latitude")),
                                           .longitude = text_of(descend(geo, "Coordinates/Longitude")),
                                           .bias = optional_child_long(geo, "Bias")};
  }
  return r;
}

HostedZone read_zone(Element e) {
  HostedZone zone{.id = {bare_id(child_text(e, "Id"))},
                  .name = child_text(e, "Name"),
                  .caller_reference = child_text(e, "CallerReference"),
                  .comment = text_of(descend(e, "Config/Comment")),
                  .private_zone = text_of(descend(e, "Config/PrivateZone")) == "true"};
  zone.record_count = optional_child_long(e, "ResourceRecordSetCount").value_or(0);
  return zone;
}

ChangeInfo read_change(Element e) {
  return ChangeInfo{.id = {bare_id(child_text(e, "Id"))},
                    .status = child_text(e, "Status") == "INSYNC" ? ChangeStatus::InSync : ChangeStatus::Pending,
                    .submitted_at = child_text(e, "SubmittedAt"),
                    .comment = child_text(e, "Comment")};
}

}  // namespace

std::string create_zone_body(const CreateZoneRequest& request) {
  XmlWriter w("CreateHostedZoneRequest", kXmlns);
  w.element("Name", request.name);
  if (request.vpc) {
    w.open("VPC");
    w.element("VPCRegion", request.vpc->region);
    w.element("VPCId", request.vpc->id);
    w.close();
  }
  w.element("CallerReference", request.caller_reference);
  if (!request.comment.empty() || request.vpc) {
    w.open("HostedZoneConfig");
    if (!request.comment.empty()) w.element("Comment", request.comment);
    if (request.vpc) w.element("PrivateZone", "true");
    w.close();
  }
  if (!request.delegation_set_id.empty()) w.element("DelegationSetId", bare_id(request.delegation_set_id));
  return w.finish();
}

std::string change_batch_body(const std::vector<Change>& changes, std::string_view comment) {
  XmlWriter w("ChangeResourceRecordSetsRequest", kXmlns);
  w.open("ChangeBatch");
  if (!comment.empty()) w.element("Comment", comment);
  w.open("Changes");
  for (const Change& change : changes) {
    w.open("Change");
    w.element("Action", to_string(change.action));
    write_record(w, change.record);
    w.close();
  }
  return w.finish();
}

std::string change_tags_body(const std::vector<Tag>& add, const std::vector<std::string>& remove_keys) {
  XmlWriter w("ChangeTagsForResourceRequest", kXmlns);
  if (!add.empty()) {
    w.open("AddTags");
    for (const Tag& tag : add) {
      w.open("Tag");
      w.element("Key", tag.key);
      w.element("Value", tag.value);
      w.close();
    }
    w.close();
  }
  if (!remove_keys.empty()) {
    w.open("RemoveTagKeys");
    for (const std::string& key : remove_keys) w.element("Key", key);
    w.close();
  }
  return w.finish();
}

Result<ZoneDetails> parse_zone_details(std::string_view xml, std::string_view root_name) {
  return read_root<ZoneDetails>(xml, root_name, [&](Element root) -> Result<ZoneDetails> {
    Element zone = child(root, "HostedZone");
    if (!zone) return fail(ErrorCode::Corrupt, std::string(root_name) + " has no HostedZone");
    ZoneDetails out{.zone = read_zone(zone)};
    for (Element ns : children(descend(root, "DelegationSet/NameServers"), "NameServer")) {
      out.name_servers.push_back(text_of(ns));
    }
    if (Element change = child(root, "ChangeInfo")) out.change = read_change(change);
    return out;
  });
}

Result<ChangeInfo> parse_change_info(std::string_view xml, std::string_view root_name) {
  return read_root<ChangeInfo>(xml, root_name,
                               [&](Element root) { return read_required_child(root, "ChangeInfo", root_name, read_change); });
}

Result<ZonePage> parse_zone_page(std::string_view xml) {
  return read_root<ZonePage>(xml, "ListHostedZonesByNameResponse", [&](Element root) {
    ZonePage page{.truncated = child_text(root, "IsTruncated") == "true",
                  .next_dns_name = child_text(root, "NextDNSName"),
                  .next_hosted_zone_id = bare_id(child_text(root, "NextHostedZoneId"))};
    for (Element zone : children(child(root, "HostedZones"), "HostedZone")) page.zones.push_back(read_zone(zone));
    return page;
  });
}

Result<RecordPage> parse_record_page(std::string_view xml) {
  return read_root<RecordPage>(xml, "ListResourceRecordSetsResponse", [&](Element root) {
    RecordPage page{
        .truncated = child_text(root, "IsTruncated") == "true",
        .next = {child_text(root, "NextRecordName"), child_text(root, "NextRecordType"), child_text(root, "NextRecordIdentifier")}};
    for (Element r : children(child(root, "ResourceRecordSets"), "ResourceRecordSet")) {
      page.records.push_back(read_record(r));
    }
    return page;
  });
}

}  // namespace cutover::aws::route53
