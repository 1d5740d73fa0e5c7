// Copyright (c) Cornerstone authors. TckValue <-> cornerstone::Value, and
// rendering in the TCK notation.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "tck_value.h"

namespace cornerstone_tck {
namespace {

using Kind = TckValue::Kind;

std::vector<std::pair<std::string, TckValue>> FromEngineMap(const cornerstone::ValueMap& map) {
  std::vector<std::pair<std::string, TckValue>> entries;
  entries.reserve(map.size());
  for (const auto& [key, value] : map) entries.emplace_back(key, FromEngineValue(value));
  return entries;  // std::map iterates in key order
}

TckValue FromNode(const cornerstone::Node& node) {
  TckValue v;
  v.kind = Kind::kNode;
  v.labels = node.labels;
  std::sort(v.labels.begin(), v.labels.end());
  v.labels.erase(std::unique(v.labels.begin(), v.labels.end()), v.labels.end());
  v.entries = FromEngineMap(node.properties);
  return v;
}

TckValue FromRel(const cornerstone::Relationship& rel) {
  TckValue v;
  v.kind = Kind::kRel;
  v.text = rel.type;
  v.entries = FromEngineMap(rel.properties);
  return v;
}

std::string RenderFloat(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Inf" : "-Inf";
  char buf[64];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buf, sizeof(buf), "%.*g", precision, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  std::string out(buf);
  if (out.find_first_of(".eEn") == std::string::npos) out += ".0";
  return out;
}

std::string RenderString(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string RenderEntries(const std::vector<std::pair<std::string, TckValue>>& entries) {
  std::string out = "{";
  for (size_t i = 0; i < entries.size(); ++i) {
    if (i > 0) out += ", ";
    out += entries[i].first + ": " + RenderTckValue(entries[i].second);
  }
  return out + "}";
}

}  // namespace

TckValue FromEngineValue(const cornerstone::Value& value) {
  TckValue v;
  switch (value.type()) {
    case cornerstone::ValueType::kNull:
      break;
    case cornerstone::ValueType::kBool:
      v.kind = Kind::kBool;
      v.bool_value = value.bool_value();
      break;
    case cornerstone::ValueType::kInt:
      v.kind = Kind::kInt;
      v.int_value = value.int_value();
      break;
    case cornerstone::ValueType::kFloat:
      v.kind = Kind::kFloat;
      v.float_value = value.float_value();
      break;
    case cornerstone::ValueType::kString:
      v.kind = Kind::kString;
      v.text = value.string_value();
      break;
    case cornerstone::ValueType::kList:
      v.kind = Kind::kList;
      for (const cornerstone::Value& item : value.list_value()) {
        v.items.push_back(FromEngineValue(item));
      }
      break;
    case cornerstone::ValueType::kMap:
      v.kind = Kind::kMap;
      v.entries = FromEngineMap(value.map_value());
      break;
    case cornerstone::ValueType::kNode:
      return FromNode(value.node_value());
    case cornerstone::ValueType::kRelationship:
      return FromRel(value.relationship_value());
    case cornerstone::ValueType::kPath: {
      const cornerstone::Path& path = value.path_value();
      v.kind = Kind::kPath;
      if (!path.nodes.empty()) v.items.push_back(FromNode(path.nodes[0]));
      for (size_t i = 0; i < path.relationships.size(); ++i) {
        const cornerstone::Relationship& rel = path.relationships[i];
        // Read along the path: forward when the relationship leaves nodes[i]
        // (a self-loop reads forward).
        bool forward = i >= path.nodes.size() || rel.start_id == path.nodes[i].id;
        v.items.push_back(FromRel(rel));
        if (i + 1 < path.nodes.size()) v.items.push_back(FromNode(path.nodes[i + 1]));
        v.forward.push_back(forward);
      }
      break;
    }
  }
  return v;
}

absl::StatusOr<cornerstone::Value> ToEngineValue(const TckValue& value) {
  switch (value.kind) {
    case Kind::kNull:
      return cornerstone::Value();
    case Kind::kBool:
      return cornerstone::Value(value.bool_value);
    case Kind::kInt:
      return cornerstone::Value(value.int_value);
    case Kind::kFloat:
      return cornerstone::Value(value.float_value);
    case Kind::kString:
      return cornerstone::Value(value.text);
    case Kind::kList: {
      cornerstone::ValueList list;
      for (const TckValue& item : value.items) {
        absl::StatusOr<cornerstone::Value> v = ToEngineValue(item);
        if (!v.ok()) return v;
        list.push_back(*std::move(v));
      }
      return cornerstone::Value(std::move(list));
    }
    case Kind::kMap: {
      cornerstone::ValueMap map;
      for (const auto& [key, item] : value.entries) {
        absl::StatusOr<cornerstone::Value> v = ToEngineValue(item);
        if (!v.ok()) return v;
        map.emplace(key, *std::move(v));
      }
      return cornerstone::Value(std::move(map));
    }
    case Kind::kNode:
    case Kind::kRel:
    case Kind::kPath:
      break;
  }
  return absl::InvalidArgumentError("graph entities cannot be parameters: " +
                                    RenderTckValue(value));
}

std::string RenderTckValue(const TckValue& value) {
  switch (value.kind) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return value.bool_value ? "true" : "false";
    case Kind::kInt:
      return std::to_string(value.int_value);
    case Kind::kFloat:
      return RenderFloat(value.float_value);
    case Kind::kString:
      return RenderString(value.text);
    case Kind::kList: {
      std::string out = "[";
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i > 0) out += ", ";
        out += RenderTckValue(value.items[i]);
      }
      return out + "]";
    }
    case Kind::kMap:
      return RenderEntries(value.entries);
    case Kind::kNode: {
      std::string out = "(";
      for (const std::string& label : value.labels) out += ":" + label;
      if (!value.entries.empty()) {
        if (!value.labels.empty()) out += " ";
        out += RenderEntries(value.entries);
      }
      return out + ")";
    }
    case Kind::kRel: {
      std::string out = "[:" + value.text;
      if (!value.entries.empty()) out += " " + RenderEntries(value.entries);
      return out + "]";
    }
    case Kind::kPath: {
      std::string out = "<";
      for (size_t i = 0; i < value.items.size(); ++i) {
        if (i % 2 == 0) {
          out += RenderTckValue(value.items[i]);
        } else {
          bool forward = value.forward[i / 2];
          out += (forward ? "-" : "<-") + RenderTckValue(value.items[i]) + (forward ? "->" : "-");
        }
      }
      return out + ">";
    }
  }
  return "?";
}

}  // namespace cornerstone_tck
