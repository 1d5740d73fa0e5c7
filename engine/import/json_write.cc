// Copyright (c) Cornerstone authors.
// Helpers shared by the exporters: JSON text and column types of values.
#include <cmath>
#include <cstdio>
#include <string>

#include "engine/import/export.h"

namespace cornerstone::engine {
namespace {

const char* ScalarType(const Value& v) {
  switch (v.kind()) {
    case Kind::kInt: return "int";
    case Kind::kFloat: return "float";
    case Kind::kBool: return "boolean";
    case Kind::kString: return "string";
    default: return "";
  }
}

}  // namespace

std::string ColumnTypeOf(const Value& v) {
  if (v.kind() != Kind::kList) return ScalarType(v);
  const List& list = v.list_value();
  if (list.empty()) return "string[]";
  std::string first = ScalarType(list[0]);
  if (first.empty()) return "";
  for (const Value& item : list) {
    if (ScalarType(item) != first) return "";
  }
  return first + "[]";
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
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

std::string ScalarText(const Value& v) {
  switch (v.kind()) {
    case Kind::kBool: return v.bool_value() ? "true" : "false";
    case Kind::kInt: return std::to_string(v.int_value());
    case Kind::kFloat: return FormatFloat(v.float_value());
    case Kind::kString: return v.string_value();
    default: {
      std::string json;
      AppendJson(v, &json);
      return json;
    }
  }
}

void AppendJson(const Value& v, std::string* out) {
  switch (v.kind()) {
    case Kind::kNull: out->append("null"); return;
    case Kind::kBool: out->append(v.bool_value() ? "true" : "false"); return;
    case Kind::kInt: out->append(std::to_string(v.int_value())); return;
    case Kind::kFloat:
      // JSON has no NaN or infinities: written as strings.
      if (!std::isfinite(v.float_value())) {
        AppendJsonString(FormatFloat(v.float_value()), out);
      } else {
        out->append(FormatFloat(v.float_value()));
      }
      return;
    case Kind::kString: AppendJsonString(v.string_value(), out); return;
    case Kind::kList: {
      out->push_back('[');
      bool first = true;
      for (const Value& item : v.list_value()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJson(item, out);
      }
      out->push_back(']');
      return;
    }
    case Kind::kMap: {
      out->push_back('{');
      bool first = true;
      for (const auto& [k, item] : v.map_value()) {
        if (!first) out->push_back(',');
        first = false;
        AppendJsonString(k, out);
        out->push_back(':');
        AppendJson(item, out);
      }
      out->push_back('}');
      return;
    }
    default: out->append("null"); return;  // nodes, relationships, paths
  }
}

}  // namespace cornerstone::engine
