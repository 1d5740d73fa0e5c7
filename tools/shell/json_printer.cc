// Copyright (c) Cornerstone authors. JSON and JSON-lines formats.
#include <utf8proc.h>

#include <charconv>
#include <cmath>
#include <string>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "printers.h"

namespace cornerstone::shell {
namespace {

void AppendFloat(double d, std::string* out) {
  if (std::isnan(d)) {
    *out += "\"NaN\"";
    return;
  }
  if (std::isinf(d)) {
    *out += d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return;
  }
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), d);  // shortest
  std::string text(buf, ec == std::errc() ? end : buf);
  if (text.find_first_of(".eE") == std::string::npos) text += ".0";
  *out += text;
}

void AppendProperties(const ValueMap& props, std::string* out) {
  for (const auto& [key, value] : props) {
    *out += ',';
    AppendJsonString(key, out);
    *out += ':';
    AppendJson(value, out);
  }
}

void AppendNode(const Node& node, std::string* out) {
  absl::StrAppend(out, "{\"_id\":", node.id, ",\"_labels\":[");
  for (size_t i = 0; i < node.labels.size(); ++i) {
    if (i > 0) *out += ',';
    AppendJsonString(node.labels[i], out);
  }
  *out += ']';
  AppendProperties(node.properties, out);
  *out += '}';
}

void AppendRelationship(const Relationship& rel, std::string* out) {
  absl::StrAppend(out, "{\"_id\":", rel.id, ",\"_type\":");
  AppendJsonString(rel.type, out);
  absl::StrAppend(out, ",\"_start\":", rel.start_id, ",\"_end\":", rel.end_id);
  AppendProperties(rel.properties, out);
  *out += '}';
}

// One row as a JSON object keyed by column name.
std::string RowObject(const RowSet& rows, size_t r) {
  std::string out = "{";
  for (size_t i = 0; i < rows.columns.size(); ++i) {
    if (i > 0) out += ',';
    AppendJsonString(rows.columns[i], &out);
    out += ':';
    AppendJson(rows.rows[r][i], &out);
  }
  out += '}';
  return out;
}

}  // namespace

void AppendJsonString(std::string_view text, std::string* out) {
  *out += '"';
  size_t pos = 0;
  while (pos < text.size()) {
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n =
        utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                         static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
    if (n <= 0) {
      *out += "\xEF\xBF\xBD";  // U+FFFD for an invalid byte
      pos += 1;
      continue;
    }
    switch (cp) {
      case '"':
        *out += "\\\"";
        break;
      case '\\':
        *out += "\\\\";
        break;
      case '\n':
        *out += "\\n";
        break;
      case '\r':
        *out += "\\r";
        break;
      case '\t':
        *out += "\\t";
        break;
      case '\b':
        *out += "\\b";
        break;
      case '\f':
        *out += "\\f";
        break;
      default:
        if (cp < 0x20) {
          *out += absl::StrFormat("\\u%04x", cp);
        } else {
          out->append(text.substr(pos, static_cast<size_t>(n)));
        }
    }
    pos += static_cast<size_t>(n);
  }
  *out += '"';
}

void AppendJson(const Value& value, std::string* out) {
  switch (value.type()) {
    case ValueType::kNull:
      *out += "null";
      break;
    case ValueType::kBool:
      *out += value.bool_value() ? "true" : "false";
      break;
    case ValueType::kInt:
      absl::StrAppend(out, value.int_value());
      break;
    case ValueType::kFloat:
      AppendFloat(value.float_value(), out);
      break;
    case ValueType::kString:
      AppendJsonString(value.string_value(), out);
      break;
    case ValueType::kList: {
      *out += '[';
      bool first = true;
      for (const Value& v : value.list_value()) {
        if (!first) *out += ',';
        first = false;
        AppendJson(v, out);
      }
      *out += ']';
      break;
    }
    case ValueType::kMap: {
      *out += '{';
      bool first = true;
      for (const auto& [key, v] : value.map_value()) {
        if (!first) *out += ',';
        first = false;
        AppendJsonString(key, out);
        *out += ':';
        AppendJson(v, out);
      }
      *out += '}';
      break;
    }
    case ValueType::kNode:
      AppendNode(value.node_value(), out);
      break;
    case ValueType::kRelationship:
      AppendRelationship(value.relationship_value(), out);
      break;
    case ValueType::kPath: {
      const Path& path = value.path_value();
      *out += '[';
      for (size_t i = 0; i < path.nodes.size(); ++i) {
        if (i > 0) {
          *out += ',';
          if (i - 1 < path.relationships.size()) {  // malformed paths: skip
            AppendRelationship(path.relationships[i - 1], out);
            *out += ',';
          }
        }
        AppendNode(path.nodes[i], out);
      }
      *out += ']';
      break;
    }
  }
}

void PrintJson(const RowSet& rows, std::ostream& out) {
  if (rows.rows.empty()) {
    out << "[]\n";
    return;
  }
  out << "[\n";
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    out << "  " << RowObject(rows, r) << (r + 1 < rows.rows.size() ? ",\n" : "\n");
  }
  out << "]\n";
}

void PrintJsonLines(const RowSet& rows, std::ostream& out) {
  for (size_t r = 0; r < rows.rows.size(); ++r) {
    out << RowObject(rows, r) << "\n";
  }
}

}  // namespace cornerstone::shell
