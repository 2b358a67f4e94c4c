// match_ds against keys and DS records made with ldns-keygen and ldns-key2ds
// (independent of the code under test), and against altered copies.

#include "dns/dnssec.h"

#include <gtest/gtest.h>

namespace cutover::dns {
namespace {

DomainName n(const char* text) { return *DomainName::parse(text); }

// ldns-keygen -a ECDSAP256SHA256 -k goodkey.test; ldns-key2ds -n -2 on it.
const std::string kGoodKey = "257 3 13 aW+iuXMZJGOAo60ENk2DAkFd1+eaZkhUveaySKHxkIW80iUCDMy/NRxMjWe9VHVn34gYw3MZ7PiJNEMJABctmA==";
const std::string kGoodDs = "2532 13 2 1e3d64fd10041be19fb08220c5dc28e28bf08ce92834de1814ad02787640e7e5";
// Another key of the same zone, and a DS computed for it under goodkey.test.'s name.
const std::string kOtherKey = "257 3 13 C8tZc7Y1QAOZMC2HCfm/M+GZzC9QH3QS4MJsYDG97lyH3JFCPirjClJH7siL4sJ2LdY6cngQBuSTwz6l3tO/Xg==";

TEST(DnssecTest, KeyTagIsRfc4034AppendixB) {
  auto tag = dnskey_tag(n("goodkey.test"), kGoodKey);
  ASSERT_TRUE(tag.has_value()) << tag.error().message;
  EXPECT_EQ(*tag, 2532);
}

TEST(DnssecTest, DsMatchesTheKeyItWasMadeFrom) {
  auto m = match_ds(n("goodkey.test"), kGoodDs, {kOtherKey, kGoodKey});
  ASSERT_TRUE(m.has_value()) << m.error().message;
  EXPECT_EQ(m->kind, DsMatchKind::Matches);
  EXPECT_EQ(m->key_tag, 2532);
  // Upper-case hex, as some registries print it, is the same digest.
  auto upper = match_ds(n("GoodKey.Test."), "2532 13 2 1E3D64FD10041BE19FB08220C5DC28E28BF08CE92834DE1814AD02787640E7E5", {kGoodKey});
  ASSERT_TRUE(upper.has_value());
  EXPECT_EQ(upper->kind, DsMatchKind::Matches);
}

TEST(DnssecTest, NoKeyWithTheTagOrNoKeyAtAll) {
  EXPECT_EQ(match_ds(n("goodkey.test"), kGoodDs, {kOtherKey})->kind, DsMatchKind::NoKeyWithTag);
  EXPECT_EQ(match_ds(n("goodkey.test"), kGoodDs, {})->kind, DsMatchKind::NoKeyWithTag);
  // Another algorithm with the same tag is another key.
  EXPECT_EQ(match_ds(n("goodkey.test"), "2532 8 2 1e3d64fd10041be19fb08220c5dc28e28bf08ce92834de1814ad02787640e7e5", {kGoodKey})->kind,
            DsMatchKind::NoKeyWithTag);
}

TEST(DnssecTest, DigestOfAnotherOwnerOrAlteredDigestDiffers) {
  // The digest covers the owner name: the same key under another zone's name does not match.
  EXPECT_EQ(match_ds(n("other.test"), kGoodDs, {kGoodKey})->kind, DsMatchKind::DigestDiffers);
  EXPECT_EQ(match_ds(n("goodkey.test"), "2532 13 2 0e3d64fd10041be19fb08220c5dc28e28bf08ce92834de1814ad02787640e7e5", {kGoodKey})->kind,
            DsMatchKind::DigestDiffers);
}

TEST(DnssecTest, RevokedOrNonZoneKeysNeverMatch) {
  // ldns-key2ds on the same key with flags 385 (REVOKE set) and 1 (ZONE clear): the DS are
  // right for those keys, but a resolver may not use either (RFC 5011 section 2.1, RFC 4034 2.1.1).
  const std::string key = kGoodKey.substr(9);
  EXPECT_EQ(
      match_ds(n("goodkey.test"), "2660 13 2 a1b5d66d7c7ea69a7bf26e568a42e5ccbead5dddcb6618c4356ce63fe5b820e5", {"385 3 13 " + key})->kind,
      DsMatchKind::NoKeyWithTag);
  EXPECT_EQ(
      match_ds(n("goodkey.test"), "2276 13 2 dbf34f58475fa8b9cbdedc3f94709fffe58a43c71c0ab3ea4701d310604dbe62", {"1 3 13 " + key})->kind,
      DsMatchKind::NoKeyWithTag);
}

TEST(DnssecTest, UnknownDigestTypeIsUnsupportedAndGarbageFails) {
  EXPECT_EQ(match_ds(n("goodkey.test"), "2532 13 3 1e3d64fd10041be19fb08220c5dc28e28bf08ce92834de1814ad02787640e7e5", {kGoodKey})->kind,
            DsMatchKind::UnsupportedDigest);
  auto bad = match_ds(n("goodkey.test"), "not a ds", {kGoodKey});
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().code, ErrorCode::Invalid);
  EXPECT_FALSE(match_ds(n("goodkey.test"), kGoodDs, {"257 3 13 !!!"}).has_value());
}

}  // namespace
}  // namespace cutover::dns
