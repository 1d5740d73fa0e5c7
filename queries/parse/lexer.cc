// Copyright (c) Cornerstone authors.
#include "queries/parse/lexer.h"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "queries/parse/error.h"
#include "utf8proc.h"

namespace cornerstone::query {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t k = 0; k < a.size(); ++k) {
    if (absl::ascii_tolower(a[k]) != absl::ascii_tolower(b[k])) return false;
  }
  return true;
}

bool Token::IsKeyword(std::string_view keyword) const {
  return kind == TokenKind::kIdentifier && EqualsIgnoreCase(text, keyword);
}

namespace {

constexpr uint64_t kMaxMagnitude = uint64_t{1} << 63;

bool IsIdentStart(unsigned char c) { return absl::ascii_isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentChar(unsigned char c) { return absl::ascii_isalnum(c) || c == '_' || c >= 0x80; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// UTF-8 encoding of a code point below 0x110000, by utf8proc.
void AppendUtf8(uint32_t cp, std::string* out) {
  utf8proc_uint8_t buf[4];
  utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

// Multi-character symbols first so that the longest match wins.
constexpr std::string_view kSymbols[] = {
    "..", "<>", "!=", "<=", ">=", "=~", "+=", "(", ")", "[", "]", "{", "}", ",",
    ".",  ":",  "|",  "=",  "<",  ">",  "+",  "-", "*", "/", "%", "^", ";",
};

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  absl::StatusOr<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    while (true) {
      absl::Status skipped = SkipBlanks();
      if (!skipped.ok()) return skipped;
      Token token;
      token.pos = PositionAt(i_);
      if (i_ >= text_.size()) {
        token.end = i_;
        tokens.push_back(std::move(token));
        return tokens;
      }
      absl::Status status = Next(&token);
      if (!status.ok()) return status;
      token.end = i_;
      tokens.push_back(std::move(token));
    }
  }

 private:
  // Position of byte `offset`; offsets must be requested in increasing
  // order, which keeps the whole scan linear.
  Position PositionAt(size_t offset) {
    for (; cursor_.offset < offset && cursor_.offset < text_.size(); ++cursor_.offset) {
      unsigned char c = text_[cursor_.offset];
      if (c == '\n') {
        ++cursor_.line;
        cursor_.column = 1;
      } else if ((c & 0xC0) != 0x80) {
        ++cursor_.column;
      }
    }
    return cursor_;
  }

  absl::Status ErrorAt(size_t offset, std::string_view message) {
    return QueryError(ErrorKind::kSyntaxError, text_, PositionAt(offset), message);
  }

  bool At(size_t k, char c) const { return k < text_.size() && text_[k] == c; }

  absl::Status SkipBlanks() {
    while (i_ < text_.size()) {
      char c = text_[i_];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
        ++i_;
      } else if (c == '/' && At(i_ + 1, '/')) {
        while (i_ < text_.size() && text_[i_] != '\n') ++i_;
      } else if (c == '/' && At(i_ + 1, '*')) {
        size_t close = text_.find("*/", i_ + 2);
        if (close == std::string_view::npos) {
          return ErrorAt(i_, "unterminated comment");
        }
        i_ = close + 2;
      } else {
        break;
      }
    }
    return absl::OkStatus();
  }

  absl::Status Next(Token* token) {
    unsigned char c = text_[i_];
    if (IsIdentStart(c)) {
      size_t start = i_;
      while (i_ < text_.size() && IsIdentChar(text_[i_])) ++i_;
      token->kind = TokenKind::kIdentifier;
      token->text = std::string(text_.substr(start, i_ - start));
      return absl::OkStatus();
    }
    if (absl::ascii_isdigit(c) ||
        (c == '.' && i_ + 1 < text_.size() && absl::ascii_isdigit(text_[i_ + 1]))) {
      return Number(token);
    }
    if (c == '\'' || c == '"') return String(token);
    if (c == '`') return EscapedName(token);
    if (c == '$') {
      if (At(i_ + 1, '`')) {
        ++i_;
        absl::Status status = EscapedName(token);
        token->kind = TokenKind::kParameter;
        return status;
      }
      size_t start = ++i_;
      while (i_ < text_.size() && IsIdentChar(text_[i_])) ++i_;
      if (i_ == start) return ErrorAt(start - 1, "expected a parameter name after '$'");
      token->kind = TokenKind::kParameter;
      token->text = std::string(text_.substr(start, i_ - start));
      return absl::OkStatus();
    }
    for (std::string_view symbol : kSymbols) {
      if (text_.substr(i_, symbol.size()) == symbol) {
        token->kind = TokenKind::kSymbol;
        token->text = std::string(symbol);
        i_ += symbol.size();
        return absl::OkStatus();
      }
    }
    std::string shown = absl::ascii_isprint(c) ? std::string(1, static_cast<char>(c))
                                               : absl::StrCat("\\x", absl::Hex(c, absl::kZeroPad2));
    return ErrorAt(i_, absl::StrCat("invalid character '", shown, "'"));
  }

  // Decimal, 0x hexadecimal and 0o octal integers; decimal floats.
  absl::Status Number(Token* token) {
    size_t start = i_;
    if (text_[i_] == '0' && i_ + 1 < text_.size() &&
        (text_[i_ + 1] == 'x' || text_[i_ + 1] == 'X' || text_[i_ + 1] == 'o' ||
         text_[i_ + 1] == 'O')) {
      int base = (text_[i_ + 1] == 'x' || text_[i_ + 1] == 'X') ? 16 : 8;
      i_ += 2;
      size_t digits = i_;
      uint64_t value = 0;
      bool overflow = false;
      while (i_ < text_.size() && IsIdentChar(text_[i_])) {
        int d = HexValue(text_[i_]);
        if (d < 0 || d >= base) return ErrorAt(start, "invalid integer literal");
        if (value > (kMaxMagnitude - d) / base) overflow = true;
        if (!overflow) value = value * base + d;
        ++i_;
      }
      if (i_ == digits) return ErrorAt(start, "invalid integer literal");
      if (overflow) return ErrorAt(start, "integer literal out of range");
      token->kind = TokenKind::kInteger;
      token->int_value = value;
      return absl::OkStatus();
    }
    bool is_float = false;
    while (i_ < text_.size() && absl::ascii_isdigit(text_[i_])) ++i_;
    if (At(i_, '.') && i_ + 1 < text_.size() && absl::ascii_isdigit(text_[i_ + 1])) {
      is_float = true;
      ++i_;
      while (i_ < text_.size() && absl::ascii_isdigit(text_[i_])) ++i_;
    }
    if (i_ < text_.size() && (text_[i_] == 'e' || text_[i_] == 'E')) {
      size_t k = i_ + 1;
      if (At(k, '+') || At(k, '-')) ++k;
      if (k < text_.size() && absl::ascii_isdigit(text_[k])) {
        is_float = true;
        i_ = k;
        while (i_ < text_.size() && absl::ascii_isdigit(text_[i_])) ++i_;
      }
    }
    if (i_ < text_.size() && IsIdentChar(text_[i_])) {
      return ErrorAt(start, "invalid number literal");
    }
    std::string digits(text_.substr(start, i_ - start));
    if (is_float) {
      errno = 0;
      double value = std::strtod(digits.c_str(), nullptr);
      if (errno == ERANGE && std::isinf(value)) {
        return ErrorAt(start, "float literal out of range");
      }
      token->kind = TokenKind::kFloat;
      token->float_value = value;
      return absl::OkStatus();
    }
    uint64_t value = 0;
    for (char d : digits) {
      uint64_t digit = d - '0';
      if (value > (kMaxMagnitude - digit) / 10) {
        return ErrorAt(start, "integer literal out of range");
      }
      value = value * 10 + digit;
    }
    token->kind = TokenKind::kInteger;
    token->int_value = value;
    return absl::OkStatus();
  }

  absl::Status String(Token* token) {
    size_t start = i_;
    char quote = text_[i_++];
    std::string value;
    while (true) {
      if (i_ >= text_.size()) return ErrorAt(start, "unterminated string");
      char c = text_[i_];
      if (c == quote) {
        ++i_;
        break;
      }
      if (c != '\\') {
        value.push_back(c);
        ++i_;
        continue;
      }
      size_t escape = i_;
      if (++i_ >= text_.size()) return ErrorAt(start, "unterminated string");
      char e = text_[i_++];
      switch (e) {
        case '\\':
          value.push_back('\\');
          break;
        case '\'':
          value.push_back('\'');
          break;
        case '"':
          value.push_back('"');
          break;
        case 'n':
          value.push_back('\n');
          break;
        case 't':
          value.push_back('\t');
          break;
        case 'r':
          value.push_back('\r');
          break;
        case 'b':
          value.push_back('\b');
          break;
        case 'f':
          value.push_back('\f');
          break;
        case 'u':
        case 'U': {
          uint32_t cp = 0;
          if (!HexDigits(e == 'u' ? 4 : 8, &cp)) {
            return ErrorAt(escape, "invalid unicode escape");
          }
          // A UTF-16 surrogate pair written as two \u escapes.
          if (cp >= 0xD800 && cp <= 0xDBFF && At(i_, '\\') && At(i_ + 1, 'u')) {
            size_t save = i_;
            i_ += 2;
            uint32_t low = 0;
            if (HexDigits(4, &low) && low >= 0xDC00 && low <= 0xDFFF) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            } else {
              i_ = save;
            }
          }
          if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
            return ErrorAt(escape, "invalid unicode code point");
          }
          AppendUtf8(cp, &value);
          break;
        }
        default:
          return ErrorAt(escape,
                         absl::StrCat("invalid escape sequence '\\", std::string(1, e), "'"));
      }
    }
    token->kind = TokenKind::kString;
    token->text = std::move(value);
    return absl::OkStatus();
  }

  // Reads exactly `count` hex digits at i_.
  bool HexDigits(int count, uint32_t* out) {
    uint32_t value = 0;
    for (int k = 0; k < count; ++k) {
      if (i_ >= text_.size()) return false;
      int d = HexValue(text_[i_]);
      if (d < 0) return false;
      value = value * 16 + d;
      ++i_;
    }
    *out = value;
    return true;
  }

  absl::Status EscapedName(Token* token) {
    size_t start = i_++;
    std::string name;
    while (true) {
      if (i_ >= text_.size()) return ErrorAt(start, "unterminated escaped name");
      if (text_[i_] == '`') {
        if (At(i_ + 1, '`')) {
          name.push_back('`');
          i_ += 2;
          continue;
        }
        ++i_;
        break;
      }
      name.push_back(text_[i_++]);
    }
    token->kind = TokenKind::kEscapedName;
    token->text = std::move(name);
    return absl::OkStatus();
  }

  std::string_view text_;
  size_t i_ = 0;
  Position cursor_;
};

}  // namespace

absl::StatusOr<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Run(); }

}  // namespace cornerstone::query
