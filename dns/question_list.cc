#include "dns/question_list.h"

namespace cutover::dns {

QuestionList::QuestionList(const std::vector<Question>& questions) {
  std::size_t bytes = 0;
  for (const auto& q : questions) bytes += q.name.text().size();
  reserve(questions.size(), bytes);
  for (const auto& q : questions) push_back(q);
}

void QuestionList::push_back(const Question& question) {
  arena_ += question.name.text();
  ends_.push_back(static_cast<std::uint32_t>(arena_.size()));
  types_.push_back(question.type);
}

std::string_view QuestionList::name_text(std::size_t i) const {
  std::size_t begin = i == 0 ? 0 : ends_[i - 1];
  return std::string_view(arena_).substr(begin, ends_[i] - begin);
}

Question QuestionList::operator[](std::size_t i) const {
  // The arena holds DomainName::text() verbatim: already canonical, no need to parse it again.
  return Question{.name = DomainName(std::string(name_text(i))), .type = types_[i]};
}

void QuestionList::reserve(std::size_t questions, std::size_t name_bytes) {
  arena_.reserve(name_bytes);
  ends_.reserve(questions);
  types_.reserve(questions);
}

}  // namespace cutover::dns
