// A small tokenizer and a recursive reader for the one statement a key file
// holds. Errors name the file and the line; they never quote the token that
// sits where the secret goes, so a mistyped file cannot leak its secret.
#include "dns/tsig_key.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <vector>

namespace cutover::dns {
namespace {

constexpr std::array<std::string_view, 6> kAlgorithms = {"hmac-md5",    "hmac-sha1",   "hmac-sha224",
                                                         "hmac-sha256", "hmac-sha384", "hmac-sha512"};

enum class TokenKind { Word, String, Punct, End, Error };  // Error: text says what is wrong

struct Token {
  TokenKind kind{TokenKind::End};
  std::string text{};
  int line{1};
};

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view text) : text_(text) {}

  // The next token; kind Error for an unterminated string or comment.
  Token next() {
    skip_space_and_comments();
    if (!error_.empty()) return Token{.kind = TokenKind::Error, .text = error_, .line = error_line_};
    if (pos_ >= text_.size()) return Token{.kind = TokenKind::End, .line = line_};
    char c = text_[pos_];
    if (c == '{' || c == '}' || c == ';') {
      ++pos_;
      return Token{.kind = TokenKind::Punct, .text = std::string(1, c), .line = line_};
    }
    if (c == '"') return quoted();
    std::size_t start = pos_;
    while (pos_ < text_.size() && !std::isspace(static_cast<unsigned char>(text_[pos_])) &&
           std::string_view("{};\"#").find(text_[pos_]) == std::string_view::npos) {
      ++pos_;
    }
    return Token{.kind = TokenKind::Word, .text = std::string(text_.substr(start, pos_ - start)), .line = line_};
  }

 private:
  void skip_space_and_comments() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        ++pos_;
      } else if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (c == '#' || text_.substr(pos_, 2) == "//") {
        while (pos_ < text_.size() && text_[pos_] != '\n') ++pos_;
      } else if (text_.substr(pos_, 2) == "/*") {
        int opened = line_;
        auto end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) {
          error_ = "unterminated /* comment";
          error_line_ = opened;
          return;
        }
        line_ += static_cast<int>(std::count(text_.begin() + static_cast<long>(pos_), text_.begin() + static_cast<long>(end), '\n'));
        pos_ = end + 2;
      } else {
        return;
      }
    }
  }

  Token quoted() {
    int opened = line_;
    auto end = text_.find('"', pos_ + 1);
    if (end == std::string_view::npos) return Token{.kind = TokenKind::Error, .text = "unterminated string", .line = opened};
    std::string value(text_.substr(pos_ + 1, end - pos_ - 1));
    line_ += static_cast<int>(std::count(value.begin(), value.end(), '\n'));
    pos_ = end + 1;
    return Token{.kind = TokenKind::String, .text = std::move(value), .line = opened};
  }

  std::string_view text_;
  std::size_t pos_{0};
  int line_{1};
  std::string error_{};
  int error_line_{0};
};

bool is_base64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::size_t padding = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '=') {
      ++padding;
    } else if (padding > 0 || !(std::isalnum(static_cast<unsigned char>(c)) || c == '+' || c == '/')) {
      return false;
    }
  }
  return padding <= 2 && text.size() - padding > 1;
}

std::string normalise_algorithm(std::string text) {
  std::ranges::transform(text, text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (!text.empty() && text.back() == '.') text.pop_back();
  if (text == "hmac-md5.sig-alg.reg.int") text = "hmac-md5";
  return text;
}

// Reads `key NAME { algorithm X; secret "Y"; };` after the `key` word.
class KeyReader {
 public:
  KeyReader(Tokenizer& tokens, const std::string& origin) : tokens_(tokens), origin_(origin) {}

  Result<TsigKey> read(int key_line) {
    auto name_token = take();
    if (!name_token) return std::unexpected(name_token.error());
    if (name_token->kind != TokenKind::Word && name_token->kind != TokenKind::String) {
      return problem(name_token->line, "expected the key's name after 'key'");
    }
    auto name = DomainName::parse(name_token->text);
    if (!name) return problem(name_token->line, "bad key name: " + name.error().message);
    TsigKey key{.name = std::move(*name)};
    if (auto ok = expect_punct("{", "after the key's name"); !ok) return std::unexpected(ok.error());
    for (;;) {
      auto word = take();
      if (!word) return std::unexpected(word.error());
      if (word->kind == TokenKind::Punct && word->text == "}") break;
      if (word->kind == TokenKind::End) return problem(key_line, "key statement is not closed with '};'");
      // Whatever else stands here is not quoted back: it may be a misplaced secret.
      if (word->kind != TokenKind::Word || (word->text != "algorithm" && word->text != "secret")) {
        return problem(word->line, "expected 'algorithm' or 'secret' inside key \"" + key.name.without_dot() + "\"");
      }
      if (auto ok = statement(word->text, word->line, key); !ok) return std::unexpected(ok.error());
    }
    if (auto ok = expect_punct(";", "after '}'"); !ok) return std::unexpected(ok.error());
    if (key.algorithm.empty()) return problem(key_line, "key \"" + key.name.without_dot() + "\" has no algorithm");
    if (key.secret.empty()) return problem(key_line, "key \"" + key.name.without_dot() + "\" has no secret");
    return key;
  }

  std::unexpected<Error> problem(int line, const std::string& what) const {
    return fail(ErrorCode::Invalid, origin_ + ":" + std::to_string(line) + ": " + what);
  }

  Result<Token> take() {
    Token token = tokens_.next();
    if (token.kind == TokenKind::Error) return problem(token.line, token.text);
    return token;
  }

  Result<void> expect_punct(std::string_view punct, std::string_view where) {
    auto token = take();
    if (!token) return std::unexpected(token.error());
    if (token->kind != TokenKind::Punct || token->text != punct) {
      return problem(token->line, "expected '" + std::string(punct) + "' " + std::string(where));
    }
    return {};
  }

 private:
  // One `algorithm X;` or `secret "Y";`.
  Result<void> statement(const std::string& word, int line, TsigKey& key) {
    auto value = take();
    if (!value) return std::unexpected(value.error());
    if (value->kind != TokenKind::Word && value->kind != TokenKind::String) {
      return problem(value->line, "expected a value after '" + word + "'");
    }
    if (word == "algorithm") {
      key.algorithm = normalise_algorithm(value->text);
      if (!is_supported_tsig_algorithm(key.algorithm)) {
        // Quoted only when it looks like an algorithm: a secret pasted here must not come back.
        std::string shown = key.algorithm.starts_with("hmac-") ? " '" + key.algorithm + "'" : "";
        return problem(line, "unsupported algorithm" + shown + " (use hmac-sha256)");
      }
    } else {
      if (!is_base64(value->text)) return problem(line, "the secret is not valid base64");
      key.secret = value->text;
    }
    return expect_punct(";", "after the " + word);
  }

  Tokenizer& tokens_;
  const std::string& origin_;
};

}  // namespace

bool is_supported_tsig_algorithm(std::string_view algorithm) { return std::ranges::find(kAlgorithms, algorithm) != kAlgorithms.end(); }

Result<TsigKey> parse_tsig_key(std::string_view text, const std::string& origin) {
  Tokenizer tokens(text);
  KeyReader reader(tokens, origin);
  std::optional<TsigKey> found;
  for (;;) {
    auto token = reader.take();
    if (!token) return std::unexpected(token.error());
    if (token->kind == TokenKind::End) break;
    if (token->kind != TokenKind::Word || token->text != "key") {
      return reader.problem(token->line, "expected a 'key' statement");
    }
    auto key = reader.read(token->line);
    if (!key) return std::unexpected(key.error());
    if (found) return reader.problem(token->line, "a second key; the file must hold exactly one");
    found = std::move(*key);
  }
  if (!found) return fail(ErrorCode::Invalid, origin + ": no key statement found");
  return std::move(*found);
}

Result<TsigKey> read_tsig_key_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    return fail(errno == ENOENT ? ErrorCode::NotFound : ErrorCode::Io, "cannot open TSIG key file '" + path + "'");
  }
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return fail(ErrorCode::Io, "cannot read TSIG key file '" + path + "'");
  return parse_tsig_key(text.str(), path);
}

}  // namespace cutover::dns
