#include "dns/domain_name.h"

#include <gtest/gtest.h>

#include <unordered_set>

namespace cutover::dns {
namespace {

DomainName name(std::string_view text) { return DomainName::parse(text).value(); }

TEST(DomainName, NormalisesCaseAndTrailingDot) {
  EXPECT_EQ(name("Example.COM").text(), "example.com.");
  EXPECT_EQ(name("example.com."), name("EXAMPLE.com"));
  EXPECT_EQ(name("example.com").without_dot(), "example.com");
  EXPECT_TRUE(name(".").is_root());
}

TEST(DomainName, OneSpellingPerNameWhateverTheEscapes) {
  EXPECT_EQ(name("\\@.example.test"), name("@.example.test"));
  EXPECT_EQ(name("\\064.example.test"), name("@.example.test"));
  EXPECT_EQ(name("\\@.example.test").text(), "\\@.example.test.");
  EXPECT_EQ(name("\\065b.example.test"), name("ab.example.test"));
  EXPECT_EQ(name("a\\046b.example.test"), name("a\\.b.example.test"));
  EXPECT_EQ(name("a\\046b.example.test").label_count(), 3u);  // the dot is inside the first label
  EXPECT_EQ(name("a\\ b.example.test").text(), "a\\032b.example.test.");
  EXPECT_EQ(name("\\200.example.test").text(), "\\200.example.test.");
  EXPECT_NE(name("a\\046b.example.test"), name("a.b.example.test"));
}

TEST(DomainName, RefusesMalformedNames) {
  struct Case {
    std::string_view text;
    std::string_view message_part;
  };
  const Case cases[] = {
      {"", "empty domain name"},
      {"a..b", "empty label"},
      {".example.com", "empty label"},
      {std::string_view("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com"), "longer than 63"},
      {"bad\\1.com", "DDD escape"},
      {"bad\\256.com", "DDD escape"},
      {"bad\\", "bad escape at end"},
  };
  for (const auto& c : cases) {
    auto parsed = DomainName::parse(c.text);
    ASSERT_FALSE(parsed.has_value()) << c.text;
    EXPECT_EQ(parsed.error().code, ErrorCode::Invalid);
    EXPECT_NE(parsed.error().message.find(c.message_part), std::string::npos) << parsed.error().message;
  }
}

TEST(DomainName, RefusesNamesOver255Octets) {
  std::string long_name;
  for (int i = 0; i < 5; ++i) long_name += std::string(60, 'a') + ".";
  EXPECT_FALSE(DomainName::parse(long_name).has_value());
}

TEST(DomainName, SubdomainRespectsLabelBoundaries) {
  EXPECT_TRUE(name("dev.example.com").is_subdomain_of(name("example.com")));
  EXPECT_TRUE(name("example.com").is_subdomain_of(name("example.com")));
  EXPECT_TRUE(name("example.com").is_subdomain_of(name(".")));
  EXPECT_FALSE(name("badexample.com").is_subdomain_of(name("example.com")));
  EXPECT_FALSE(name("example.com").is_subdomain_of(name("dev.example.com")));
}

TEST(DomainName, ParentAndLabels) {
  EXPECT_EQ(name("www.example.com").parent(), name("example.com"));
  EXPECT_TRUE(name("com").parent().is_root());
  EXPECT_EQ(name("www.example.com").labels(), (std::vector<std::string>{"www", "example", "com"}));
  EXPECT_EQ(name("example.com").prepend("dev").value(), name("dev.example.com"));
}

TEST(DomainName, HashesCaseInsensitively) {
  std::unordered_set<DomainName> names{name("Example.com"), name("example.COM.")};
  EXPECT_EQ(names.size(), 1u);
}

}  // namespace
}  // namespace cutover::dns
