// Copyright (c) Cornerstone authors.
#include "printers.h"

#include "absl/strings/str_cat.h"

namespace cornerstone::shell {
namespace {

std::string NodeName(const Node& node) {
  auto name = node.properties.find("name");
  if (name != node.properties.end() && name->second.type() == ValueType::kString) {
    return name->second.string_value();
  }
  auto aliases = node.properties.find("aliases");
  if (aliases != node.properties.end() && aliases->second.type() == ValueType::kList) {
    for (const Value& a : aliases->second.list_value()) {
      if (a.type() == ValueType::kString) return a.string_value();
    }
  }
  return absl::StrCat("#", node.id);
}

// 500000000 -> "500,000,000"; floats as Value::ToString.
std::string NumberText(const Value& v) {
  if (v.type() != ValueType::kInt) return v.ToString();
  int64_t n = v.int_value();
  uint64_t magnitude = n < 0 ? 0 - static_cast<uint64_t>(n) : static_cast<uint64_t>(n);
  std::string digits = absl::StrCat(magnitude);
  std::string out = n < 0 ? "-" : "";
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

bool IsNumber(const Value& v) {
  return v.type() == ValueType::kInt || v.type() == ValueType::kFloat;
}

// Mirrors the engine's kg.explain sentence (engine/exec/kg_explain.cc).
std::string Details(const Relationship& rel) {
  std::string out;
  for (const char* key : {"amount_usd", "price_usd"}) {
    auto it = rel.properties.find(key);
    if (it != rel.properties.end() && IsNumber(it->second)) {
      absl::StrAppend(&out, ", $", NumberText(it->second));
      break;
    }
  }
  auto percent = rel.properties.find("percent");
  if (percent != rel.properties.end() && IsNumber(percent->second)) {
    absl::StrAppend(&out, ", ", NumberText(percent->second), "%");
  }
  auto source = rel.properties.find("source");
  if (source != rel.properties.end() && source->second.type() == ValueType::kString &&
      !source->second.string_value().empty()) {
    absl::StrAppend(&out, " (", source->second.string_value(), ")");
  }
  return out;
}

}  // namespace

std::string PathSentence(const Path& path) {
  if (path.nodes.empty()) return "";
  std::string out = NodeName(path.nodes[0]);
  for (size_t i = 0; i < path.relationships.size() && i + 1 < path.nodes.size(); ++i) {
    const Relationship& rel = path.relationships[i];
    bool forward = rel.start_id == path.nodes[i].id;
    const char* arrow = forward ? (i == 0 ? " " : " -> ") : " <- ";
    absl::StrAppend(&out, arrow, rel.type, " ", NodeName(path.nodes[i + 1]), Details(rel));
  }
  return out;
}

Value WithPathSentences(const Value& value) {
  switch (value.type()) {
    case ValueType::kPath:
      return Value(PathSentence(value.path_value()));
    case ValueType::kList: {
      ValueList out;
      for (const Value& v : value.list_value()) out.push_back(WithPathSentences(v));
      return Value(std::move(out));
    }
    case ValueType::kMap: {
      ValueMap out;
      for (const auto& [k, v] : value.map_value()) out.emplace(k, WithPathSentences(v));
      return Value(std::move(out));
    }
    default:
      return value;
  }
}

std::string CellText(const Value& value) {
  switch (value.type()) {
    case ValueType::kNull:
      return "null";
    case ValueType::kString:
      return value.string_value();
    case ValueType::kRelationship:
      return absl::StrCat("-", value.ToString(), "->");
    default:
      return value.ToString();
  }
}

std::string RowCountText(const RowSet& rows) {
  size_t shown = rows.rows.size();
  size_t n = shown + static_cast<size_t>(rows.left_out);
  std::string text = absl::StrCat(n, n == 1 ? " row" : " rows");
  if (rows.left_out > 0) {
    absl::StrAppend(&text, " (", shown, " shown, ", rows.left_out, " left out by :maxrows)");
  }
  return text;
}

void PrintRows(const RowSet& rows, OutputFormat format, const PrintOptions& options,
               std::ostream& out) {
  if (rows.columns.empty()) return;
  switch (format) {
    case OutputFormat::kTable:
      PrintBox(rows, options.max_width, out);
      break;
    case OutputFormat::kCsv:
      PrintCsv(rows, out);
      break;
    case OutputFormat::kTsv:
      PrintTsv(rows, out);
      break;
    case OutputFormat::kJson:
      PrintJson(rows, out);
      break;
    case OutputFormat::kJsonLines:
      PrintJsonLines(rows, out);
      break;
    case OutputFormat::kMarkdown:
      PrintMarkdown(rows, out);
      break;
    case OutputFormat::kLine:
      PrintLines(rows, out);
      break;
  }
}

}  // namespace cornerstone::shell
