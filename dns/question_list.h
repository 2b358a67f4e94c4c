#pragma once
// The questions of a parity run, packed: every name's canonical text in one
// arena, an end offset and a type per question. A question costs its name's
// length plus 6 bytes instead of the ~80 of a std::vector<Question> entry
// (a std::string with its own heap block), so 400,000 names fit in ~11 MB.
//
//   QuestionList list;
//   list.push_back({.name = www, .type = RecordType::A});
//   Question q = list[0];          // rebuilt on demand, by value

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "dns/message.h"

namespace cutover::dns {

class QuestionList {
 public:
  QuestionList() = default;
  /// From a plain list, in order (implicit, so callers holding a vector pass it as is).
  QuestionList(const std::vector<Question>& questions);  // NOLINT(google-explicit-constructor)

  void push_back(const Question& question);
  std::size_t size() const { return types_.size(); }
  bool empty() const { return types_.empty(); }
  /// Question `i`, rebuilt from the arena without parsing again.
  Question operator[](std::size_t i) const;
  /// The canonical presentation text of question `i`'s name ("www.example.com.").
  std::string_view name_text(std::size_t i) const;
  RecordType type(std::size_t i) const { return types_[i]; }
  /// Room for `questions` questions whose names' text adds up to `name_bytes`:
  /// growing by doubling would touch up to twice the memory in the end.
  void reserve(std::size_t questions, std::size_t name_bytes);

  friend bool operator==(const QuestionList&, const QuestionList&) = default;

 private:
  std::string arena_{};
  std::vector<std::uint32_t> ends_{};
  std::vector<RecordType> types_{};
};

}  // namespace cutover::dns
