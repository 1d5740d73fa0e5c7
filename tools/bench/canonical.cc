// Copyright (c) Cornerstone authors.
#include "tools/bench/canonical.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

namespace cornerstone::bench {
namespace {

void AppendString(const std::string& s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          snprintf(buf, sizeof(buf), "\\u%04x", c);
          out->append(buf);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

// JavaScript's Number -> string for a finite double: the shortest
// round-trip digits, exponent form below 1e-6 and from 1e21.
void AppendNumber(double d, std::string* out) {
  if (!std::isfinite(d)) {
    out->append("null");
    return;
  }
  if (d == std::trunc(d) && std::fabs(d) < 9.2e18) {
    out->append(std::to_string(static_cast<long long>(d)));
    return;
  }
  // Round to 12 significant digits, then print the shortest form.
  char buf[64];
  snprintf(buf, sizeof(buf), "%.12g", d);
  d = strtod(buf, nullptr);
  if (d == std::trunc(d) && std::fabs(d) < 9.2e18) {
    out->append(std::to_string(static_cast<long long>(d)));
    return;
  }
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d, std::chars_format::scientific);
  std::string sci(buf, end);  // d.ddde[+-]XX
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, e);
  int exp = std::atoi(sci.c_str() + e + 1);
  bool neg = digits[0] == '-';
  if (neg) digits.erase(0, 1);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  if (neg) out->push_back('-');
  if (exp >= 21 || exp <= -7) {
    out->push_back(digits[0]);
    if (digits.size() > 1) out->append(".").append(digits.substr(1));
    out->append(exp > 0 ? "e+" : "e-").append(std::to_string(std::abs(exp)));
  } else if (exp < 0) {
    out->append("0.").append(static_cast<size_t>(-exp - 1), '0').append(digits);
  } else if (static_cast<size_t>(exp) + 1 >= digits.size()) {
    out->append(digits).append(exp + 1 - digits.size(), '0');
  } else {
    out->append(digits.substr(0, exp + 1)).append(".").append(digits.substr(exp + 1));
  }
}

void AppendMap(const ValueMap& map, std::string* out) {
  out->push_back('{');
  bool first = true;
  for (const auto& [k, v] : map) {  // std::map: sorted keys
    if (!first) out->push_back(',');
    first = false;
    AppendString(k, out);
    out->push_back(':');
    out->append(CanonicalJson(v));
  }
  out->push_back('}');
}

}  // namespace

std::string CanonicalJson(const Value& v) {
  std::string out;
  switch (v.type()) {
    case ValueType::kNull: return "null";
    case ValueType::kBool: return v.bool_value() ? "true" : "false";
    case ValueType::kInt: return std::to_string(v.int_value());
    case ValueType::kFloat: AppendNumber(v.float_value(), &out); return out;
    case ValueType::kString: AppendString(v.string_value(), &out); return out;
    case ValueType::kList: {
      out.push_back('[');
      bool first = true;
      for (const Value& item : v.list_value()) {
        if (!first) out.push_back(',');
        first = false;
        out.append(CanonicalJson(item));
      }
      out.push_back(']');
      return out;
    }
    case ValueType::kMap: AppendMap(v.map_value(), &out); return out;
    case ValueType::kNode: AppendMap(v.node_value().properties, &out); return out;
    case ValueType::kRelationship:
      AppendMap(v.relationship_value().properties, &out);
      return out;
    case ValueType::kPath: return "null";
  }
  return "null";
}

std::string CanonicalRow(const std::vector<Value>& row) {
  std::string out = "[";
  for (size_t i = 0; i < row.size(); ++i) {
    if (i > 0) out.push_back(',');
    out.append(CanonicalJson(row[i]));
  }
  out.push_back(']');
  return out;
}

bool ReadExpected(const std::string& path, std::vector<std::string>* rows, long* row_count) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  bool in_rows = false;
  *row_count = -1;
  while (std::getline(in, line)) {
    if (!in_rows) {
      size_t at = line.find("\"row_count\":");
      if (at != std::string::npos) *row_count = std::atol(line.c_str() + at + 12);
      if (line.find("\"rows\": [") != std::string::npos) in_rows = true;
      continue;
    }
    size_t start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    if (line[start] == ']') break;
    size_t end = line.find_last_not_of(',');
    rows->push_back(line.substr(start, end - start + 1));
  }
  return in_rows;
}

}  // namespace cornerstone::bench
