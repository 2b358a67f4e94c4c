#include "dns/wire.h"

#include <gtest/gtest.h>
#include <ldns/ldns.h>

#include "dns/ldns_handles.h"
#include "tests/dns/canned_reply.h"

namespace cutover::dns::detail {
namespace {

Question www() { return Question{.name = *DomainName::parse("www.example.test"), .type = RecordType::A}; }

// The query build_query makes for `options`, read back by ldns (null if it does not parse).
LdnsPacket built_query(QueryFlags options) {
  auto wire = build_query(www(), options);
  if (!wire) return nullptr;
  ldns_pkt* packet = nullptr;
  if (ldns_wire2pkt(&packet, wire->data(), wire->size()) != LDNS_STATUS_OK) return nullptr;
  return LdnsPacket(packet);
}

TEST(WireTest, AuthoritativeQueryHasNoRecursionAndCarriesEdns) {
  auto packet = built_query({.recursion_desired = false, .edns_udp_size = 1232});
  ASSERT_NE(packet, nullptr);
  EXPECT_FALSE(ldns_pkt_rd(packet.get()));
  EXPECT_TRUE(ldns_pkt_edns(packet.get()));
  EXPECT_EQ(ldns_pkt_edns_udp_size(packet.get()), 1232);
}

TEST(WireTest, ResolverQueryAsksForRecursion) {
  auto packet = built_query({.recursion_desired = true, .edns_udp_size = 0});
  ASSERT_NE(packet, nullptr);
  EXPECT_TRUE(ldns_pkt_rd(packet.get()));
  EXPECT_FALSE(ldns_pkt_edns(packet.get()));
}

TEST(WireTest, IdIsPatchedInPlace) {
  auto wire = *build_query(www(), {});
  set_id(wire, 0xbeef);
  EXPECT_EQ(get_id(wire), 0xbeef);
}

TEST(WireTest, ParsesSectionsWithLowercasedNames) {
  auto bytes = test::wire_of({.aa = false,
                              .authority = {"Example.TEST. 172800 IN NS NS1.Example.TEST."},
                              .additional = {"ns1.example.test. 172800 IN A 192.0.2.53"}});
  auto reply = parse_reply(bytes);
  ASSERT_TRUE(reply.has_value());
  ASSERT_EQ(reply->authority.size(), 1u);
  EXPECT_EQ(reply->authority[0].name.text(), "example.test.");
  EXPECT_EQ(reply->authority[0].type, RecordType::NS);
  EXPECT_EQ(reply->authority[0].rdata, "ns1.example.test.");
  EXPECT_EQ(reply->authority[0].ttl, 172800u);
  ASSERT_EQ(reply->additional.size(), 1u);
  EXPECT_EQ(classify(*reply, www()), OutcomeKind::Referral);
}

}  // namespace
}  // namespace cutover::dns::detail

namespace cutover::dns::detail {
namespace {

TEST(WireTest, KnownQuestionNameIsReusedOnlyForItsOwnRecords) {
  auto bytes = test::wire_of({.qname = "API.example.test.",
                              .answer = {"api.example.test. 30 IN CNAME www.example.test.", "www.example.test. 30 IN A 192.0.2.10",
                                         "www.example.test. 30 IN AAAA 2001:db8::10"}});
  auto api = *DomainName::parse("api.example.test");
  auto reply = parse_reply(bytes, &api);
  ASSERT_TRUE(reply.has_value());
  ASSERT_EQ(reply->answer.size(), 3u);
  EXPECT_EQ(reply->answer[0].name, api);
  EXPECT_EQ(reply->answer[0].rdata, "www.example.test.");
  EXPECT_EQ(reply->answer[1].name.text(), "www.example.test.");
  EXPECT_EQ(reply->answer[1].rdata, "192.0.2.10");
  EXPECT_EQ(reply->answer[2].rdata, "2001:db8::10");
}

}  // namespace
}  // namespace cutover::dns::detail
