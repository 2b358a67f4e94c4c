// QuestionList: questions packed into one arena come back as they went in.

#include "dns/question_list.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace cutover::dns {
namespace {

Question question(const std::string& name, RecordType type) { return {.name = *DomainName::parse(name), .type = type}; }

TEST(QuestionListTest, GivesBackEachQuestionInOrder) {
  std::vector<Question> plain{question("WWW.Example.test", RecordType::A), question("example.test", RecordType::MX),
                              question("a\\.b\\064c.example.test", RecordType::TXT), question(".", RecordType::NS)};
  QuestionList list(plain);
  ASSERT_EQ(list.size(), plain.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    EXPECT_EQ(list[i], plain[i]) << i;
    EXPECT_EQ(list.name_text(i), plain[i].name.text());
    EXPECT_EQ(list.type(i), plain[i].type);
  }
  EXPECT_EQ(list[0].name.text(), "www.example.test.");
  EXPECT_EQ(list[2].name, *DomainName::parse("a\\.b@c.example.test"));  // still the one canonical spelling
}

TEST(QuestionListTest, EmptyAndAppended) {
  QuestionList list;
  EXPECT_TRUE(list.empty());
  list.reserve(1, 1);  // too small: it grows
  list.push_back(question("x.test", RecordType::AAAA));
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0], question("x.test", RecordType::AAAA));
}

}  // namespace
}  // namespace cutover::dns
