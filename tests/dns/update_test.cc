// The UPDATE batch builders, and values refused before anything is sent.

#include "dns/update.h"

#include <gtest/gtest.h>

namespace cutover::dns {
namespace {

DomainName name(const char* text) { return *DomainName::parse(text); }

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
  TsigKey key{.name = name("k."), .algorithm = "hmac-sha256", .secret = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0IQ=="};
  auto records = replace_rrset(name("www.example.test."), RecordType::A, 60, {"not-an-address"});
  // Port 9 (discard) on loopback: nothing is sent, the value fails first.
  auto sent = send_update(*parse_server_address("127.0.0.1@9"), name("example.test."), records, key);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::Invalid);
  EXPECT_NE(sent.error().message.find("bad value 'not-an-address' for www.example.test. A"), std::string::npos)
      << sent.error().message;
  EXPECT_EQ(sent.error().message.find(key.secret), std::string::npos);
}

TEST(Update, AnUnsupportedAlgorithmFailsToSignNamingTheKey) {
  TsigKey key{.name = name("k."), .algorithm = "hmac-nope", .secret = "c2VjcmV0"};
  auto records = replace_rrset(name("www.example.test."), RecordType::A, 60, {"192.0.2.1"});
  auto sent = send_update(*parse_server_address("127.0.0.1@9"), name("example.test."), records, key);
  ASSERT_FALSE(sent.has_value());
  EXPECT_EQ(sent.error().code, ErrorCode::Invalid);
  EXPECT_NE(sent.error().message.find("cannot sign with TSIG key 'k'"), std::string::npos) << sent.error().message;
  EXPECT_EQ(sent.error().message.find(key.secret), std::string::npos);
}

}  // namespace
}  // namespace cutover::dns
