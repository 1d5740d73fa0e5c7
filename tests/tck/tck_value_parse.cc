// Copyright (c) Cornerstone authors. Parser for the TCK value notation.
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

#include "absl/status/status.h"
#include "tck_value.h"

namespace cornerstone_tck {
namespace {

using Kind = TckValue::Kind;

constexpr int kMaxDepth = 200;

bool IsSymbolChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         c == '_' || c == '$';
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

class Parser {
 public:
  explicit Parser(std::string_view text) : text_(text) {}

  absl::StatusOr<TckValue> ParseAll() {
    absl::StatusOr<TckValue> value = Value(0);
    if (!value.ok()) return value;
    SkipWs();
    if (pos_ != text_.size()) return Error("trailing input");
    return value;
  }

 private:
  absl::Status Error(const std::string& what) const {
    return absl::InvalidArgumentError("value notation: " + what + " at offset " +
                                      std::to_string(pos_) + " in " + std::string(text_));
  }

  void SkipWs() {
    while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                   text_[pos_] == '\n' || text_[pos_] == '\r' ||
                                   text_[pos_] == '\f')) {
      ++pos_;
    }
  }

  bool Peek(std::string_view token) const { return text_.substr(pos_, token.size()) == token; }

  bool Consume(std::string_view token) {
    if (!Peek(token)) return false;
    pos_ += token.size();
    return true;
  }

  absl::Status Expect(std::string_view token) {
    SkipWs();
    if (Consume(token)) return absl::OkStatus();
    return Error("expected '" + std::string(token) + "'");
  }

  absl::StatusOr<std::string> Symbol() {
    SkipWs();
    size_t start = pos_;
    if (Consume("`")) {  // tolerated: an escaped name
      size_t end = text_.find('`', pos_);
      if (end == std::string_view::npos) return Error("unterminated `name`");
      pos_ = end + 1;
      return std::string(text_.substr(start + 1, end - start - 1));
    }
    while (pos_ < text_.size() && IsSymbolChar(text_[pos_])) ++pos_;
    if (pos_ == start) return Error("expected a name");
    return std::string(text_.substr(start, pos_ - start));
  }

  absl::StatusOr<TckValue> Value(int depth) {
    if (depth > kMaxDepth) return Error("nesting too deep");
    SkipWs();
    if (pos_ >= text_.size()) return Error("unexpected end");
    if (Peek("(")) return Node(depth);
    if (Peek("<")) return PathValue(depth);
    if (Peek("[:")) return Rel(depth);
    if (Peek("[")) return List(depth);
    if (Peek("{")) return Map(depth, Kind::kMap);
    if (Peek("'")) return String();
    char c = text_[pos_];
    if (IsDigit(c) || c == '-' || c == '.' || c == '+') {
      absl::StatusOr<TckValue> number = Number();
      if (number.ok()) return number;
    }
    TckValue v;
    if (Consume("true")) {
      v.kind = Kind::kBool;
      v.bool_value = true;
    } else if (Consume("false")) {
      v.kind = Kind::kBool;
    } else if (Consume("null")) {
      v.kind = Kind::kNull;
    } else if (Consume("NaN")) {
      v.kind = Kind::kFloat;
      v.float_value = std::numeric_limits<double>::quiet_NaN();
    } else if (Consume("Infinity") || Consume("Inf")) {
      v.kind = Kind::kFloat;
      v.float_value = std::numeric_limits<double>::infinity();
    } else if (Consume("-Infinity") || Consume("-Inf")) {
      v.kind = Kind::kFloat;
      v.float_value = -std::numeric_limits<double>::infinity();
    } else {
      return Error("unexpected input");
    }
    return v;
  }

  // -?digits, -?digits.digits, -?.digits, each with an optional exponent.
  absl::StatusOr<TckValue> Number() {
    size_t start = pos_;
    size_t p = pos_;
    if (p < text_.size() && (text_[p] == '-' || text_[p] == '+')) ++p;
    size_t int_start = p;
    while (p < text_.size() && IsDigit(text_[p])) ++p;
    bool has_int = p > int_start;
    bool is_float = false;
    if (p + 1 < text_.size() && text_[p] == '.' && IsDigit(text_[p + 1])) {
      is_float = true;
      ++p;
      while (p < text_.size() && IsDigit(text_[p])) ++p;
    } else if (!has_int) {
      return Error("bad number");
    }
    if (p < text_.size() && (text_[p] == 'e' || text_[p] == 'E')) {
      size_t q = p + 1;
      if (q < text_.size() && (text_[q] == '-' || text_[q] == '+')) ++q;
      if (q < text_.size() && IsDigit(text_[q])) {
        is_float = true;
        p = q;
        while (p < text_.size() && IsDigit(text_[p])) ++p;
      }
    }
    std::string literal(text_.substr(start, p - start));
    TckValue v;
    errno = 0;
    if (is_float) {
      v.kind = Kind::kFloat;
      v.float_value = std::strtod(literal.c_str(), nullptr);  // correctly rounding
    } else {
      v.kind = Kind::kInt;
      v.int_value = std::strtoll(literal.c_str(), nullptr, 10);
      if (errno == ERANGE) return Error("integer out of range");
    }
    pos_ = p;
    return v;
  }

  absl::StatusOr<TckValue> String() {
    ++pos_;  // opening quote
    TckValue v;
    v.kind = Kind::kString;
    while (true) {
      if (pos_ >= text_.size()) return Error("unterminated string");
      char c = text_[pos_++];
      if (c == '\'') return v;
      if (c == '\\' && pos_ < text_.size() && (text_[pos_] == '\'' || text_[pos_] == '\\')) {
        v.text.push_back(text_[pos_++]);
        continue;
      }
      v.text.push_back(c);  // every other character is itself
    }
  }

  absl::StatusOr<TckValue> List(int depth) {
    ++pos_;  // '['
    TckValue v;
    v.kind = Kind::kList;
    SkipWs();
    if (Consume("]")) return v;
    while (true) {
      absl::StatusOr<TckValue> item = Value(depth + 1);
      if (!item.ok()) return item;
      v.items.push_back(*std::move(item));
      SkipWs();
      if (Consume(",")) continue;
      if (Consume("]")) return v;
      return Error("expected ',' or ']'");
    }
  }

  // A map, or the property map of a node or relationship.
  absl::StatusOr<TckValue> Map(int depth, Kind kind) {
    ++pos_;  // '{'
    TckValue v;
    v.kind = kind;
    SkipWs();
    if (Consume("}")) return v;
    while (true) {
      absl::StatusOr<std::string> key = Symbol();
      if (!key.ok()) return key.status();
      if (absl::Status s = Expect(":"); !s.ok()) return s;
      absl::StatusOr<TckValue> item = Value(depth + 1);
      if (!item.ok()) return item;
      for (const auto& entry : v.entries) {
        if (entry.first == *key) return Error("duplicate key " + *key);
      }
      v.entries.emplace_back(*std::move(key), *std::move(item));
      SkipWs();
      if (Consume(",")) continue;
      if (Consume("}")) break;
      return Error("expected ',' or '}'");
    }
    std::sort(v.entries.begin(), v.entries.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    return v;
  }

  absl::Status Properties(int depth, TckValue* owner) {
    SkipWs();
    if (!Peek("{")) return absl::OkStatus();
    absl::StatusOr<TckValue> props = Map(depth + 1, Kind::kMap);
    if (!props.ok()) return props.status();
    owner->entries = std::move(props->entries);
    return absl::OkStatus();
  }

  absl::StatusOr<TckValue> Node(int depth) {
    ++pos_;  // '('
    TckValue v;
    v.kind = Kind::kNode;
    SkipWs();
    while (Consume(":")) {
      absl::StatusOr<std::string> label = Symbol();
      if (!label.ok()) return label.status();
      v.labels.push_back(*std::move(label));
      SkipWs();
    }
    std::sort(v.labels.begin(), v.labels.end());
    v.labels.erase(std::unique(v.labels.begin(), v.labels.end()), v.labels.end());
    if (absl::Status s = Properties(depth, &v); !s.ok()) return s;
    if (absl::Status s = Expect(")"); !s.ok()) return s;
    return v;
  }

  absl::StatusOr<TckValue> Rel(int depth) {
    pos_ += 2;  // "[:"
    TckValue v;
    v.kind = Kind::kRel;
    absl::StatusOr<std::string> type = Symbol();
    if (!type.ok()) return type.status();
    v.text = *std::move(type);
    if (absl::Status s = Properties(depth, &v); !s.ok()) return s;
    if (absl::Status s = Expect("]"); !s.ok()) return s;
    return v;
  }

  absl::StatusOr<TckValue> PathValue(int depth) {
    ++pos_;  // '<'
    TckValue v;
    v.kind = Kind::kPath;
    SkipWs();
    if (!Peek("(")) return Error("expected a node");
    absl::StatusOr<TckValue> start = Node(depth + 1);
    if (!start.ok()) return start;
    v.items.push_back(*std::move(start));
    while (true) {
      SkipWs();
      if (Consume(">")) return v;
      bool forward = !Consume("<-");
      if (forward && !Consume("-")) return Error("expected '-', '<-' or '>'");
      SkipWs();
      if (!Peek("[:")) return Error("expected a relationship");
      absl::StatusOr<TckValue> rel = Rel(depth + 1);
      if (!rel.ok()) return rel;
      if (absl::Status s = Expect(forward ? "->" : "-"); !s.ok()) return s;
      SkipWs();
      if (!Peek("(")) return Error("expected a node");
      absl::StatusOr<TckValue> node = Node(depth + 1);
      if (!node.ok()) return node;
      v.items.push_back(*std::move(rel));
      v.items.push_back(*std::move(node));
      v.forward.push_back(forward);
    }
  }

  std::string_view text_;
  size_t pos_ = 0;
};

}  // namespace

absl::StatusOr<TckValue> ParseTckValue(std::string_view text) { return Parser(text).ParseAll(); }

}  // namespace cornerstone_tck
