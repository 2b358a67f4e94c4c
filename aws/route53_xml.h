#pragma once
// Route 53 request bodies and response parsers (rest-xml), as pure
// functions: element order follows the API model, names are matched on
// local names.

#include <string>
#include <string_view>
#include <vector>

#include "aws/result.h"
#include "aws/route53_types.h"

namespace cutover::aws::route53 {

/// The Route 53 XML namespace.
inline constexpr std::string_view kXmlns = "https://route53.amazonaws.com/doc/2013-04-01/";

/// CreateHostedZoneRequest.
std::string create_zone_body(const CreateZoneRequest& request);
/// ChangeResourceRecordSetsRequest for one batch.
std::string change_batch_body(const std::vector<Change>& changes, std::string_view comment);
/// ChangeTagsForResourceRequest.
std::string change_tags_body(const std::vector<Tag>& add, const std::vector<std::string>& remove_keys);

/// CreateHostedZoneResponse or GetHostedZoneResponse.
Result<ZoneDetails> parse_zone_details(std::string_view xml, std::string_view root);
/// ChangeInfo inside ChangeResourceRecordSets/GetChange/DeleteHostedZone responses.
Result<ChangeInfo> parse_change_info(std::string_view xml, std::string_view root);
/// ListHostedZonesByNameResponse.
Result<ZonePage> parse_zone_page(std::string_view xml);
/// ListResourceRecordSetsResponse.
Result<RecordPage> parse_record_page(std::string_view xml);

}  // namespace cutover::aws::route53
