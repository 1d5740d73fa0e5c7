// Copyright (c) Cornerstone authors.
#include "engine/import/columns.h"

#include <charconv>
#include <cmath>
#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace cornerstone::engine::csv {
namespace {

absl::string_view Absl(std::string_view s) { return absl::string_view(s.data(), s.size()); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::optional<double> ParseDouble(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  double d = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (ptr != s.data() + s.size()) return std::nullopt;
  if (ec == std::errc::result_out_of_range) {
    // Overflow: +-inf; underflow: 0 (keep from_chars' answer).
    if (std::abs(d) < 1) return d;
    return s.front() == '-' ? -HUGE_VAL : HUGE_VAL;
  }
  if (ec != std::errc()) return std::nullopt;
  return d;
}

std::optional<int64_t> ParseInt(std::string_view s) {
  s = Trim(s);
  if (!s.empty() && s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return std::nullopt;
  int64_t i = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), i);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return i;
}

std::optional<bool> ParseBool(std::string_view s) {
  s = Trim(s);
  if (absl::EqualsIgnoreCase(Absl(s), "true")) return true;
  if (absl::EqualsIgnoreCase(Absl(s), "false")) return false;
  return std::nullopt;
}

absl::Status ParseScalar(std::string_view text, FieldType type, Value* out) {
  switch (type) {
    case FieldType::kString:
      if (out) *out = Value::String(std::string(text));
      return absl::OkStatus();
    case FieldType::kInt:
      if (auto i = ParseInt(text)) {
        if (out) *out = Value::Int(*i);
        return absl::OkStatus();
      }
      return absl::InvalidArgumentError(absl::StrCat("bad integer '", Absl(text), "'"));
    case FieldType::kFloat:
      if (auto d = ParseDouble(text)) {
        if (out) *out = Value::Float(*d);
        return absl::OkStatus();
      }
      return absl::InvalidArgumentError(absl::StrCat("bad float '", Absl(text), "'"));
    case FieldType::kBool:
      if (auto b = ParseBool(text)) {
        if (out) *out = Value::Bool(*b);
        return absl::OkStatus();
      }
      return absl::InvalidArgumentError(absl::StrCat("bad boolean '", Absl(text), "'"));
  }
  return absl::InternalError("unknown field type");
}

}  // namespace

std::optional<FieldType> ParseFieldType(std::string_view name, bool* array) {
  std::string n = absl::AsciiStrToLower(Absl(name));
  *array = absl::EndsWith(n, "[]");
  if (*array) n.resize(n.size() - 2);
  if (n == "int" || n == "long" || n == "short" || n == "byte" || n == "int64") {
    return FieldType::kInt;
  }
  if (n == "float" || n == "double") return FieldType::kFloat;
  if (n == "boolean" || n == "bool") return FieldType::kBool;
  if (n == "string" || n == "char") return FieldType::kString;
  return std::nullopt;
}

const char* FieldTypeName(FieldType type) {
  switch (type) {
    case FieldType::kInt: return "int";
    case FieldType::kFloat: return "float";
    case FieldType::kBool: return "boolean";
    case FieldType::kString: break;
  }
  return "string";
}

absl::StatusOr<Column> ParseNeo4jColumn(std::string_view text) {
  Column c;
  c.header = std::string(text);
  size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    c.name = std::string(text);
    return c;
  }
  c.name = std::string(text.substr(0, colon));
  std::string_view spec = text.substr(colon + 1);
  size_t paren = spec.find('(');
  std::string_view base = spec.substr(0, paren);
  if (paren != std::string_view::npos) {
    if (spec.back() != ')') {
      return absl::InvalidArgumentError(absl::StrCat("bad column '", Absl(text), "'"));
    }
    c.group = std::string(spec.substr(paren + 1, spec.size() - paren - 2));
  }
  std::string upper = absl::AsciiStrToUpper(Absl(base));
  if (upper == "ID") {
    c.kind = ColumnKind::kId;
  } else if (upper == "START_ID") {
    c.kind = ColumnKind::kStartId;
  } else if (upper == "END_ID") {
    c.kind = ColumnKind::kEndId;
  } else if (upper == "LABEL") {
    c.kind = ColumnKind::kLabel;
  } else if (upper == "TYPE") {
    c.kind = ColumnKind::kType;
  } else if (upper == "IGNORE") {
    c.kind = ColumnKind::kIgnore;
  } else if (auto type = ParseFieldType(base, &c.array)) {
    c.type = *type;
    if (c.name.empty()) {
      return absl::InvalidArgumentError(absl::StrCat("column '", Absl(text), "' has no name"));
    }
    return c;
  } else {
    return absl::InvalidArgumentError(
        absl::StrCat("unknown type '", Absl(base), "' in column '", Absl(text), "'"));
  }
  if (!c.group.empty() && c.kind != ColumnKind::kId && c.kind != ColumnKind::kStartId &&
      c.kind != ColumnKind::kEndId) {
    return absl::InvalidArgumentError(absl::StrCat("column '", Absl(text), "' takes no group"));
  }
  return c;
}

std::optional<int64_t> CanonicalInt(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && digits.front() == '-') digits.remove_prefix(1);
  if (digits.empty() || (digits.size() > 1 && digits.front() == '0')) return std::nullopt;
  if (digits == "0" && text.size() > 1) return std::nullopt;  // "-0"
  int64_t i = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), i);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return i;
}

absl::Status ParseField(std::string_view text, const Column& column, char array_delimiter,
                        Value* out) {
  if (!column.array) return ParseScalar(text, column.type, out);
  List list;
  size_t start = 0;
  while (true) {
    size_t end = text.find(array_delimiter, start);
    std::string_view item = text.substr(start, end == std::string_view::npos ? end : end - start);
    Value v;
    if (absl::Status s = ParseScalar(item, column.type, out ? &v : nullptr); !s.ok()) return s;
    if (out) list.push_back(std::move(v));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  if (out) *out = Value::MakeList(std::move(list));
  return absl::OkStatus();
}

void TypeGuess::Add(std::string_view text) {
  any_ = true;
  if (can_int_ && !ParseInt(text)) can_int_ = false;
  if (can_float_ && !ParseDouble(text)) can_float_ = false;
  if (can_bool_ && !ParseBool(text)) can_bool_ = false;
}

FieldType TypeGuess::Result() const {
  if (!any_) return FieldType::kString;
  if (can_int_) return FieldType::kInt;
  if (can_float_) return FieldType::kFloat;
  if (can_bool_) return FieldType::kBool;
  return FieldType::kString;
}

}  // namespace cornerstone::engine::csv
