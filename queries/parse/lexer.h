// Copyright (c) Cornerstone authors.
// The openCypher lexer: turns statement text into tokens with positions.
// Arrows are not tokens: the parser assembles them from '<', '-' and '>'.
#ifndef CORNERSTONE_QUERIES_PARSE_LEXER_H_
#define CORNERSTONE_QUERIES_PARSE_LEXER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "queries/parse/ast.h"

namespace cornerstone::query {

enum class TokenKind {
  kEnd,          // end of input; always the last token
  kIdentifier,   // name or keyword, as written
  kEscapedName,  // `name` with `` decoded to `; never a keyword
  kInteger,      // int_value holds the magnitude (at most 2^63)
  kFloat,        // float_value
  kString,       // text holds the decoded UTF-8 value
  kParameter,    // $name, $0 or $`name`; text holds the name without '$'
  kSymbol,       // operator or punctuation; text holds it, e.g. "<=" or "("
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  uint64_t int_value = 0;
  double float_value = 0;
  Position pos;    // where the token starts
  size_t end = 0;  // byte offset just past the token

  // True for an unescaped identifier equal to `keyword` ignoring ASCII case.
  bool IsKeyword(std::string_view keyword) const;
  // True for a kSymbol token with exactly this text.
  bool IsSymbol(std::string_view symbol) const {
    return kind == TokenKind::kSymbol && text == symbol;
  }
};

// ASCII case-insensitive comparison (absl's takes absl::string_view, which
// is not std::string_view in this Abseil build).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// Tokenizes `text`. Lines and columns are 1-based; columns count code points
// (UTF-8 lead bytes). On a malformed token (unterminated string or comment,
// bad escape, integer above 2^63, stray character) returns a SyntaxError
// positioned at the token's start.
absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text);

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_PARSE_LEXER_H_
