// Copyright (c) Cornerstone authors.
#include "engine/import/json_read.h"

#include <charconv>
#include <string>
#include <utility>

#include "absl/strings/str_cat.h"
#include "utf8proc.h"

namespace cornerstone::engine {
namespace {

class JsonParser {
 public:
  explicit JsonParser(std::string_view text) : s_(text) {}

  absl::StatusOr<Value> Parse() {
    Value v;
    if (!ParseValue(&v, 0)) return Error();
    Blank();
    if (p_ != s_.size()) {
      error_ = "unexpected text after the value";
      return Error();
    }
    return v;
  }

 private:
  absl::Status Error() const {
    // Column in characters (UTF-8 continuation bytes do not count).
    int64_t col = 1;
    for (size_t i = 0; i < p_ && i < s_.size(); ++i) col += (s_[i] & 0xC0) != 0x80;
    return absl::InvalidArgumentError(absl::StrCat(col, ": ", error_));
  }
  bool Fail(const char* why) {
    error_ = why;
    return false;
  }
  void Blank() {
    while (p_ < s_.size() && (s_[p_] == ' ' || s_[p_] == '\t' || s_[p_] == '\r' || s_[p_] == '\n')) {
      ++p_;
    }
  }
  bool Literal(std::string_view word) {
    if (s_.substr(p_, word.size()) != word) return Fail("bad literal");
    p_ += word.size();
    return true;
  }

  bool ParseValue(Value* out, int depth) {
    if (depth > 200) return Fail("nesting too deep");
    Blank();
    if (p_ >= s_.size()) return Fail("unexpected end of input");
    char c = s_[p_];
    if (c == '{') return ParseObject(out, depth);
    if (c == '[') return ParseArray(out, depth);
    if (c == '"') {
      std::string str;
      if (!ParseString(&str)) return false;
      *out = Value::String(std::move(str));
      return true;
    }
    if (c == 't') return Literal("true") && (*out = Value::Bool(true), true);
    if (c == 'f') return Literal("false") && (*out = Value::Bool(false), true);
    if (c == 'n') return Literal("null") && (*out = Value(), true);
    return ParseNumber(out);
  }

  bool ParseNumber(Value* out) {
    size_t start = p_;
    bool is_float = false;
    while (p_ < s_.size()) {
      char c = s_[p_];
      if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
      } else if (!(c == '-' || c == '+' || (c >= '0' && c <= '9'))) {
        break;
      }
      ++p_;
    }
    const char* b = s_.data() + start;
    const char* e = s_.data() + p_;
    if (b == e) return Fail("expected a value");
    if (!is_float) {
      int64_t i = 0;
      auto [ptr, ec] = std::from_chars(b, e, i);
      if (ec == std::errc() && ptr == e) {
        *out = Value::Int(i);
        return true;
      }
    }
    double d = 0;
    auto [ptr, ec] = std::from_chars(b, e, d);
    if (ec != std::errc() || ptr != e) {
      p_ = start;
      return Fail("bad number");
    }
    *out = Value::Float(d);
    return true;
  }

  // UTF-8 encoding of a code point below 0x110000, by utf8proc.
  static void AppendUtf8(uint32_t cp, std::string* out) {
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
    out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
  }

  bool Hex4(uint32_t* cp) {
    if (p_ + 4 > s_.size()) return Fail("bad \\u escape");
    auto [ptr, ec] = std::from_chars(s_.data() + p_, s_.data() + p_ + 4, *cp, 16);
    if (ec != std::errc() || ptr != s_.data() + p_ + 4) return Fail("bad \\u escape");
    p_ += 4;
    return true;
  }

  bool ParseString(std::string* out) {
    ++p_;  // opening quote
    while (p_ < s_.size()) {
      char c = s_[p_++];
      if (c == '"') return true;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (p_ >= s_.size()) break;
      char e = s_[p_++];
      switch (e) {
        case 'n': out->push_back('\n'); break;
        case 't': out->push_back('\t'); break;
        case 'r': out->push_back('\r'); break;
        case 'b': out->push_back('\b'); break;
        case 'f': out->push_back('\f'); break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp < 0xDC00 && s_.substr(p_, 2) == "\\u") {
            p_ += 2;
            uint32_t lo = 0;
            if (!Hex4(&lo)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          AppendUtf8(cp, out);
          break;
        }
        default: out->push_back(e); break;  // \" \\ \/
      }
    }
    return Fail("unterminated string");
  }

  bool ParseArray(Value* out, int depth) {
    ++p_;
    List list;
    Blank();
    if (p_ < s_.size() && s_[p_] == ']') {
      ++p_;
      *out = Value::MakeList(std::move(list));
      return true;
    }
    while (true) {
      Value v;
      if (!ParseValue(&v, depth + 1)) return false;
      list.push_back(std::move(v));
      Blank();
      if (p_ < s_.size() && s_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < s_.size() && s_[p_] == ']') {
        ++p_;
        *out = Value::MakeList(std::move(list));
        return true;
      }
      return Fail("expected ',' or ']'");
    }
  }

  bool ParseObject(Value* out, int depth) {
    ++p_;
    Map map;
    Blank();
    if (p_ < s_.size() && s_[p_] == '}') {
      ++p_;
      *out = Value::MakeMap(std::move(map));
      return true;
    }
    while (true) {
      Blank();
      if (p_ >= s_.size() || s_[p_] != '"') return Fail("expected a key");
      std::string key;
      if (!ParseString(&key)) return false;
      Blank();
      if (p_ >= s_.size() || s_[p_] != ':') return Fail("expected ':'");
      ++p_;
      Value v;
      if (!ParseValue(&v, depth + 1)) return false;
      map.emplace_back(std::move(key), std::move(v));
      Blank();
      if (p_ < s_.size() && s_[p_] == ',') {
        ++p_;
        continue;
      }
      if (p_ < s_.size() && s_[p_] == '}') {
        ++p_;
        *out = Value::MakeMap(std::move(map));
        return true;
      }
      return Fail("expected ',' or '}'");
    }
  }

  std::string_view s_;
  size_t p_ = 0;
  const char* error_ = "";
};

}  // namespace

absl::StatusOr<Value> ParseJson(std::string_view text) { return JsonParser(text).Parse(); }

}  // namespace cornerstone::engine
