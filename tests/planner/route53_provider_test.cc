// The pure half of the Route 53 zone provider: names between Route 53's
// octal escapes and presentation form, record sets to Rrsets and back, the
// deletions that empty a zone, and getaddrinfo on a local name.

#include <gtest/gtest.h>

#include "planner/providers/name_server_addresses.h"
#include "planner/providers/route53_records.h"
#include "planner/providers/route53_zone.h"

namespace cutover::planner {
namespace {

namespace r53 = aws::route53;

dns::DomainName name(std::string_view text) { return dns::DomainName::parse(text).value(); }

TEST(Route53Names, OctalEscapesBecomePresentationForm) {
  struct Case {
    std::string route53;
    std::string presentation;
  };
  const Case cases[] = {
      {"www.example.com.", "www.example.com."},
      {"\\052.example.com.", "*.example.com."},
      {"WWW.Example.COM.", "www.example.com."},
      {"a\\040b.example.com.", "a\\032b.example.com."},  // space: octal 040, decimal 032
      {"_sip._tcp.example.com.", "_sip._tcp.example.com."},
  };
  for (const auto& c : cases) {
    auto got = name_from_route53(c.route53);
    ASSERT_TRUE(got.has_value()) << c.route53;
    EXPECT_EQ(got->text(), c.presentation) << c.route53;
  }
  EXPECT_EQ(name_from_route53("a..b.").error().code, ErrorCode::Provider);
}

TEST(Route53Names, PresentationFormBecomesRoute53Form) {
  EXPECT_EQ(name_to_route53(name("*.example.com")), "*.example.com.");
  EXPECT_EQ(name_to_route53(name("a\\032b.example.com")), "a\\040b.example.com.");
  EXPECT_EQ(name_to_route53(name("a\\/b.example.com")), "a\\057b.example.com.");
  EXPECT_EQ(name_to_route53(name("_dmarc.example.com")), "_dmarc.example.com.");
  // Round trip.
  EXPECT_EQ(name_from_route53(name_to_route53(name("a\\032b.example.com")))->text(), "a\\032b.example.com.");
}

TEST(Route53Records, SimpleRecordSetsBecomeRrsets) {
  r53::RecordSet mx{.name = "Example.com.", .type = "MX", .ttl = 300, .values = {"10 mail.example.com."}};
  auto got = rrset_from_route53(mx, {"Z1"});
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(*got, (Rrset{.name = name("example.com"), .type = dns::RecordType::MX, .ttl = 300, .values = {"10 mail.example.com."}}));

  r53::RecordSet txt{.name = "\\052.example.com.", .type = "TXT", .ttl = 60, .values = {"\"v=spf1 -all\""}};
  auto wildcard = rrset_from_route53(txt, {"Z1"});
  ASSERT_TRUE(wildcard.has_value());
  EXPECT_EQ(wildcard->name.text(), "*.example.com.");
  EXPECT_EQ(wildcard->values, std::vector<std::string>{"\"v=spf1 -all\""});  // kept as Route 53 holds it
}

TEST(Route53Records, ChangesKeepTheirKind) {
  Rrset a{.name = name("*.example.com"), .type = dns::RecordType::A, .ttl = 120, .values = {"192.0.2.7"}};
  auto upsert = change_to_route53({.kind = ChangeKind::Upsert, .rrset = a}, {"Z1"});
  EXPECT_EQ(upsert.action, r53::ChangeAction::Upsert);
  EXPECT_EQ(upsert.record.name, "*.example.com.");
  EXPECT_EQ(upsert.record.type, "A");
  EXPECT_EQ(upsert.record.ttl, 120);
  EXPECT_EQ(upsert.record.values, a.values);
  // A set the target lacks goes as CREATE: Route 53 counts it once against a request's quota, an UPSERT twice.
  EXPECT_EQ(change_to_route53({.kind = ChangeKind::Create, .rrset = a}, {"Z1"}).action, r53::ChangeAction::Create);
  EXPECT_EQ(change_to_route53({.kind = ChangeKind::Delete, .rrset = a}, {"Z1"}).action, r53::ChangeAction::Delete);
}

TEST(Route53Records, EmptyingAZoneKeepsOnlyApexNsAndSoa) {
  std::vector<r53::RecordSet> records{
      {.name = "example.com.", .type = "NS", .ttl = 172800, .values = {"ns-1.awsdns-1.com."}},
      {.name = "example.com.", .type = "SOA", .ttl = 900, .values = {"ns-1.awsdns-1.com. h. 1 2 3 4 5"}},
      {.name = "dev.example.com.", .type = "NS", .ttl = 300, .values = {"ns1.dev.example.net."}},
      {.name = "example.com.", .type = "A", .alias = r53::AliasTarget{.hosted_zone_id = "Z2", .dns_name = "lb."}},
      {.name = "www.example.com.", .type = "A", .ttl = 60, .values = {"192.0.2.1"}},
  };
  auto deletions = deletions_for_zone_removal(records, name("example.com"));
  ASSERT_EQ(deletions.size(), 3u);
  for (const auto& d : deletions) EXPECT_EQ(d.action, r53::ChangeAction::Delete);
  EXPECT_EQ(deletions[0].record, records[2]);  // a child delegation is not the apex NS
  EXPECT_EQ(deletions[1].record, records[3]);  // aliases go too, exactly as listed
  EXPECT_EQ(deletions[2].record, records[4]);
}

TEST(Route53Records, ProviderErrorsCarryTheAwsCode) {
  aws::Error error{
      .code = aws::ErrorCode::NotFound, .message = "No hosted zone found with ID: Z9", .http_status = 404, .aws_code = "NoSuchHostedZone"};
  auto e = provider_error("reading hosted zone example.com.", error);
  EXPECT_EQ(e.code, ErrorCode::Provider);
  EXPECT_NE(e.message.find("reading hosted zone example.com.: "), std::string::npos);
  EXPECT_NE(e.message.find("NoSuchHostedZone"), std::string::npos);
  EXPECT_NE(e.message.find("No hosted zone found with ID: Z9"), std::string::npos);
  EXPECT_EQ(e.fault, Fault::NotFound);
}

TEST(Route53Records, ProviderErrorsKeepTheirKind) {
  struct Case {
    aws::ErrorCode code;
    Fault fault;
  };
  for (auto c : {Case{aws::ErrorCode::Throttled, Fault::Throttled}, Case{aws::ErrorCode::Auth, Fault::Auth},
                 Case{aws::ErrorCode::Conflict, Fault::Conflict}, Case{aws::ErrorCode::Invalid, Fault::Invalid},
                 Case{aws::ErrorCode::Transport, Fault::Unavailable}, Case{aws::ErrorCode::Corrupt, Fault::None}}) {
    auto e = provider_error("changing hosted zone example.com.", aws::Error{.code = c.code, .message = "m"});
    EXPECT_EQ(e.code, ErrorCode::Provider);
    EXPECT_EQ(e.fault, c.fault) << aws::to_string(c.code);
  }
}

TEST(Route53Zone, ResolvesNameServerAddressesFromTheHostsFile) {
  auto addresses = resolve_addresses({name("localhost")});  // /etc/hosts, no DNS traffic
  ASSERT_TRUE(addresses.has_value()) << addresses.error().message;
  EXPECT_FALSE(addresses->empty());
  bool loopback = false;
  for (const auto& a : *addresses) loopback = loopback || a == "127.0.0.1" || a == "::1";
  EXPECT_TRUE(loopback);
}

}  // namespace
}  // namespace cutover::planner
