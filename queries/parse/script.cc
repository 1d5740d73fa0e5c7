// Copyright (c) Cornerstone authors.
// Script splitting and the keyword list of the public API
// (cornerstone/database.h).
#include <string>
#include <string_view>
#include <vector>

#include "cornerstone/database.h"

namespace cornerstone {

namespace {

// Walks a script byte by byte, tracking 1-based line and code-point column.
class ScriptCursor {
 public:
  explicit ScriptCursor(std::string_view text) : text_(text) {}

  bool AtEnd() const { return i_ >= text_.size(); }
  char Peek(size_t k = 0) const { return i_ + k < text_.size() ? text_[i_ + k] : '\0'; }
  size_t offset() const { return i_; }
  int line() const { return line_; }
  int column() const { return column_; }

  void Advance() {
    unsigned char c = text_[i_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if (i_ >= text_.size() || (static_cast<unsigned char>(text_[i_]) & 0xC0) != 0x80) {
      // Count a code point once its last byte has been passed.
      ++column_;
    }
  }

  // Skips a quoted string or escaped name opened at the cursor. Returns false
  // (at the end of the text) when it is unterminated.
  bool SkipQuoted() {
    char quote = Peek();
    Advance();
    while (!AtEnd()) {
      char c = Peek();
      if (quote != '`' && c == '\\') {
        Advance();
        if (!AtEnd()) Advance();
        continue;
      }
      Advance();
      if (c == quote) {
        if (quote == '`' && Peek() == '`') {
          Advance();
          continue;
        }
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
  size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;
};

bool IsBlank(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::vector<ScriptStatement> SplitStatements(std::string_view script, bool* complete) {
  std::vector<ScriptStatement> statements;
  ScriptCursor cursor(script);
  bool terminated = true;  // no unterminated string, comment or statement
  bool in_statement = false;
  size_t start = 0;
  size_t content_end = 0;  // just past the statement's last non-comment byte
  auto finish = [&]() {
    statements.back().text = std::string(script.substr(start, content_end - start));
    in_statement = false;
  };
  while (!cursor.AtEnd()) {
    char c = cursor.Peek();
    if (IsBlank(c)) {
      cursor.Advance();
    } else if (c == '/' && cursor.Peek(1) == '/') {
      while (!cursor.AtEnd() && cursor.Peek() != '\n') cursor.Advance();
    } else if (c == '/' && cursor.Peek(1) == '*') {
      cursor.Advance();
      cursor.Advance();
      while (!cursor.AtEnd() && !(cursor.Peek() == '*' && cursor.Peek(1) == '/')) {
        cursor.Advance();
      }
      if (cursor.AtEnd()) {
        terminated = false;
      } else {
        cursor.Advance();
        cursor.Advance();
      }
    } else if (c == ';') {
      if (in_statement) finish();
      cursor.Advance();
    } else {
      if (!in_statement) {
        in_statement = true;
        start = cursor.offset();
        statements.push_back({"", cursor.line(), cursor.column()});
      }
      if (c == '\'' || c == '"' || c == '`') {
        if (!cursor.SkipQuoted()) terminated = false;
      } else {
        cursor.Advance();
      }
      content_end = cursor.offset();
    }
  }
  if (in_statement) {
    finish();
    terminated = false;
  }
  if (complete != nullptr) *complete = terminated;
  return statements;
}

const std::vector<std::string>& Keywords() {
  static const std::vector<std::string>* const kKeywords = new std::vector<std::string>{
      "ALL",          "ALLSHORTESTPATHS",
      "AND",          "AS",
      "ASC",          "ASCENDING",
      "BY",           "CALL",
      "CASE",         "CONTAINS",
      "COUNT",        "CREATE",
      "DELETE",       "DESC",
      "DESCENDING",   "DETACH",
      "DISTINCT",     "DROP",
      "ELSE",         "END",
      "ENDS",         "EXISTS",
      "EXPLAIN",      "FALSE",
      "FOR",          "FOREACH",
      "IN",           "INDEX",
      "IS",           "LIMIT",
      "MATCH",        "MERGE",
      "NONE",         "NOT",
      "NULL",         "ON",
      "OPTIONAL",     "OR",
      "ORDER",        "PROFILE",
      "REDUCE",       "REMOVE",
      "RETURN",       "SET",
      "SHORTESTPATH", "SINGLE",
      "SKIP",         "STARTS",
      "THEN",         "TRUE",
      "UNION",        "UNWIND",
      "WHEN",         "WHERE",
      "WITH",         "XOR",
      "YIELD",
  };
  return *kKeywords;
}

}  // namespace cornerstone
