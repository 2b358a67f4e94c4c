// The UPDATE batch builders, and values refused before anything is sent.

#include "dns/update.h"

#include <gtest/gtest.h>

#include <vector>

#include "dns/ldns_convert.h"
#include "dns/update_encode.h"

namespace cutover::dns {
namespace {

DomainName name(const char* text) { return *DomainName::parse(text); }

const TsigKey kKey{.name = name("k."), .algorithm = "hmac-sha256", .secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ=="};

// Sends `records` for example.test. with `key` towards port 9 (discard) on
// loopback and expects a refusal of kind Invalid whose message holds `says`
// and never the key's secret. Nothing reaches the wire: the refusal comes first.
void expect_refused_before_sending(const std::vector<UpdateRecord>& records, const TsigKey& key, const std::string& says) {
  auto sent = send_update(*parse_server_address("127.0.0.1@9"), name("example.test."), records, key);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::Invalid);
  EXPECT_NE(sent.error().message.find(says), std::string::npos) << sent.error().message;
  EXPECT_EQ(sent.error().message.find(key.secret), std::string::npos);
}

TEST(Update, ReplaceDeletesTheRrsetThenAddsEachValue) {
  auto records = replace_rrset(name("www.example.test."), RecordType::A, 60, {"192.0.2.1", "192.0.2.2"});
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0], delete_rrset(name("www.example.test."), RecordType::A));
  EXPECT_EQ(records[0].action, UpdateAction::DeleteRrset);
  EXPECT_EQ(records[1].action, UpdateAction::AddRecord);
  EXPECT_EQ(records[1].ttl, 60u);
  EXPECT_EQ(records[2].rdata, "192.0.2.2");
}

TEST(Update, ABadValueIsRefusedBeforeSending) {
  auto records = replace_rrset(name("www.example.test."), RecordType::A, 60, {"not-an-address"});
  expect_refused_before_sending(records, kKey, "bad value 'not-an-address' for www.example.test. A");
}

TEST(Update, AnUnsupportedAlgorithmFailsToSignNamingTheKey) {
  TsigKey key{.name = name("k."), .algorithm = "hmac-nope", .secret = "c2VjcmV0"};
  auto records = replace_rrset(name("www.example.test."), RecordType::A, 60, {"192.0.2.1"});
  expect_refused_before_sending(records, key, "cannot sign with TSIG key 'k'");
}

using Bytes = std::vector<std::uint8_t>;

// The RDATA ldns will put on the wire for `record`.
Bytes encoded_rdata(const UpdateRecord& record) {
  auto rr = detail::to_ldns_rr(record);
  EXPECT_TRUE(rr.has_value()) << (rr ? "" : rr.error().message);
  return rr ? detail::rdata_wire(rr->get()) : Bytes{};
}

// The owner as ldns encodes it, in wire labels.
Bytes encoded_owner(const UpdateRecord& record) {
  auto rr = detail::to_ldns_rr(record);
  const ldns_rdf* owner = ldns_rr_owner(rr->get());
  return Bytes(ldns_rdf_data(owner), ldns_rdf_data(owner) + ldns_rdf_size(owner));
}

TEST(UpdateEncoding, WireRdataIsSentByteForByteForAnyType) {
  // An HTTPS record with params, and a type no one names: neither goes through text.
  Bytes https{0x00, 0x01, 0x00, 0x00, 0x01, 0x00, 0x06, 0x02, 'h', '2', 0x02, 'h', '3'};
  Bytes unknown{0xde, 0xad, 0xbe, 0xef};
  for (auto [type, wire] : {std::pair{RecordType::HTTPS, https}, std::pair{static_cast<RecordType>(65534), unknown}}) {
    UpdateRecord record{.name = name("www.example.test."), .type = type, .ttl = 60, .rdata = "(display only", .wire = wire};
    EXPECT_EQ(encoded_rdata(record), wire) << to_string(type);
  }
}

TEST(UpdateEncoding, NamesInsideWireRdataKeepTheirCaseAndAreNotCompressed) {
  Bytes ns{3, 'N', 'S', '1', 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0};
  UpdateRecord record{.name = name("example.test."), .type = RecordType::NS, .ttl = 60, .wire = ns};
  EXPECT_EQ(encoded_rdata(record), ns);
}

TEST(UpdateEncoding, GenericTextIsDecodedAndPresentationTextParsed) {
  UpdateRecord generic{.name = name("a.example.test."), .type = RecordType::A, .ttl = 60, .rdata = "\\# 4 C0000201"};
  EXPECT_EQ(encoded_rdata(generic), (Bytes{192, 0, 2, 1}));
  UpdateRecord spaced{.name = name("a.example.test."), .type = static_cast<RecordType>(65534), .ttl = 60, .rdata = "\\# 3 ab cd ef"};
  EXPECT_EQ(encoded_rdata(spaced), (Bytes{0xab, 0xcd, 0xef}));
  UpdateRecord empty{.name = name("a.example.test."), .type = static_cast<RecordType>(65534), .ttl = 60, .rdata = "\\# 0"};
  EXPECT_EQ(encoded_rdata(empty), Bytes{});
  UpdateRecord text{.name = name("a.example.test."), .type = RecordType::TXT, .ttl = 60, .rdata = "\"Ab\" \"c\""};
  EXPECT_EQ(encoded_rdata(text), (Bytes{2, 'A', 'b', 1, 'c'}));
}

TEST(UpdateEncoding, ABadGenericValueIsRefusedNamingTheRecord) {
  UpdateRecord record{.name = name("a.example.test."), .type = RecordType::NAPTR, .ttl = 60, .rdata = "\\# 4 c00002"};
  auto rr = detail::to_ldns_rr(record);
  ASSERT_FALSE(rr.has_value());
  EXPECT_EQ(rr.error().code, ErrorCode::Invalid);
  EXPECT_NE(rr.error().message.find("a.example.test. NAPTR"), std::string::npos) << rr.error().message;
}

TEST(UpdateEncoding, OwnersWithEscapedOctetsKeepEveryOctet) {
  UpdateRecord at{.name = name("\\@.example.test."), .type = RecordType::TXT, .ttl = 60, .rdata = "\"x\""};
  EXPECT_EQ(encoded_owner(at), (Bytes{1, '@', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0}));
  UpdateRecord space{.name = name("a\\032b.example.test."), .type = RecordType::TXT, .ttl = 60, .rdata = "\"x\""};
  EXPECT_EQ(encoded_owner(space), (Bytes{3, 'a', ' ', 'b', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0}));
  UpdateRecord dot{.name = name("a\\.b.example.test."), .type = RecordType::TXT, .ttl = 60, .rdata = "\"x\""};
  EXPECT_EQ(encoded_owner(dot), (Bytes{3, 'a', '.', 'b', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 4, 't', 'e', 's', 't', 0}));
}

TEST(UpdateEncoding, ReplaceRrsetOfATransferredSetCarriesItsWire) {
  RecordSet set{
      .name = name("h.example.test."), .type = RecordType::HTTPS, .ttl = 300, .rdata = {"\\# 3 000100"}, .wire = {Bytes{0, 1, 0}}};
  auto records = replace_rrset(set);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0], delete_rrset(set.name, RecordType::HTTPS));
  EXPECT_EQ(records[1].wire, (Bytes{0, 1, 0}));
  EXPECT_EQ(records[1].ttl, 300u);
}

TEST(UpdateEncoding, FaithfulTextFallsBackToTheGenericForm) {
  Record a{.name = name("a.example.test."), .type = RecordType::A, .rdata = "192.0.2.1", .wire = {192, 0, 2, 1}};
  EXPECT_EQ(detail::faithful_rdata_text(a), "192.0.2.1");
  // Text that does not stand for the RDATA (as ldns's printing of a type it
  // half knows can be): the generic form, which does.
  Record https{.name = name("h.example.test."), .type = RecordType::HTTPS, .rdata = "1 . alpn=h9x", .wire = {0, 1, 0}};
  EXPECT_EQ(detail::faithful_rdata_text(https), "\\# 3 000100");
  Record unknown{.name = name("u.example.test."), .type = static_cast<RecordType>(65534), .rdata = "", .wire = {}};
  EXPECT_EQ(detail::faithful_rdata_text(unknown), "\\# 0");
}

TEST(Update, AnOwnerOutsideTheZoneIsRefusedBeforeAnythingIsSent) {
  auto good = replace_rrset(name("www.example.test."), RecordType::A, 60, {"192.0.2.1"});
  auto bad = replace_rrset(name("www.other.test."), RecordType::NAPTR, 60, {"\\# 0"});
  good.insert(good.end(), bad.begin(), bad.end());
  expect_refused_before_sending(good, kKey, "www.other.test. NAPTR is not in zone example.test.");
}

}  // namespace
}  // namespace cutover::dns
