// Copyright (c) Cornerstone authors.
// The public cornerstone::Value: construction, typed access, literal printing.
#include <memory>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "cornerstone/value.h"
#include "engine/value/literal.h"
#include "engine/value/value.h"

namespace cornerstone {
namespace {

using engine::FormatName;

absl::Status TypeMismatch(ValueType expected, ValueType actual) {
  return absl::InvalidArgumentError(absl::StrCat("expected ", ValueTypeName(expected),
                                                 " but value is ", ValueTypeName(actual)));
}

// Appends " {k: v, ...}" style properties (without the leading space).
void AppendProperties(std::string* out, const ValueMap& props) {
  absl::StrAppend(out, "{");
  const char* sep = "";
  for (const auto& [key, value] : props) {
    absl::StrAppend(out, sep, FormatName(key), ": ", value.ToString());
    sep = ", ";
  }
  absl::StrAppend(out, "}");
}

std::string NodeString(const Node& n) {
  std::string out = "(";
  for (const std::string& label : n.labels) absl::StrAppend(&out, ":", FormatName(label));
  if (!n.properties.empty()) {
    if (!n.labels.empty()) out += ' ';
    AppendProperties(&out, n.properties);
  }
  return out + ")";
}

std::string RelString(const Relationship& r) {
  std::string out = "[";
  if (!r.type.empty()) absl::StrAppend(&out, ":", FormatName(r.type));
  if (!r.properties.empty()) {
    if (!r.type.empty()) out += ' ';
    AppendProperties(&out, r.properties);
  }
  return out + "]";
}

// A relationship is printed backwards (<-[]-) when it points from the later
// path node to the earlier one.
std::string PathString(const Path& p) {
  std::string out = "<";
  if (!p.nodes.empty()) out += NodeString(p.nodes[0]);
  for (size_t i = 0; i < p.relationships.size() && i + 1 < p.nodes.size(); ++i) {
    const Relationship& r = p.relationships[i];
    bool forward = r.start_id == p.nodes[i].id;
    absl::StrAppend(&out, forward ? "-" : "<-", RelString(r), forward ? "->" : "-",
                    NodeString(p.nodes[i + 1]));
  }
  return out + ">";
}

bool SameNode(const Node& a, const Node& b) {
  return a.id == b.id && a.labels == b.labels && a.properties == b.properties;
}

bool SameRel(const Relationship& a, const Relationship& b) {
  return a.id == b.id && a.type == b.type && a.start_id == b.start_id && a.end_id == b.end_id &&
         a.properties == b.properties;
}

}  // namespace

const char* ValueTypeName(ValueType type) {
  switch (type) {
    case ValueType::kNull:
      return "NULL";
    case ValueType::kBool:
      return "BOOLEAN";
    case ValueType::kInt:
      return "INTEGER";
    case ValueType::kFloat:
      return "FLOAT";
    case ValueType::kString:
      return "STRING";
    case ValueType::kList:
      return "LIST";
    case ValueType::kMap:
      return "MAP";
    case ValueType::kNode:
      return "NODE";
    case ValueType::kRelationship:
      return "RELATIONSHIP";
    case ValueType::kPath:
      return "PATH";
  }
  return "UNKNOWN";
}

// Moves the elements of `v`'s list or map into `out` when `v` holds the
// only reference to it (the constructors below made the contents non-const,
// so taking them is allowed).
void Value::TakeChildren(Value& v, std::vector<Value>& out) {
  if (auto* list = std::get_if<std::shared_ptr<const ValueList>>(&v.rep_)) {
    if (*list && list->use_count() == 1) {
      auto& items = const_cast<ValueList&>(**list);
      for (Value& item : items) out.push_back(std::move(item));
      items.clear();
    }
  } else if (auto* map = std::get_if<std::shared_ptr<const ValueMap>>(&v.rep_)) {
    if (*map && map->use_count() == 1) {
      auto& entries = const_cast<ValueMap&>(**map);
      for (auto& entry : entries) out.push_back(std::move(entry.second));
      entries.clear();
    }
  }
}

Value::~Value() {
  // Unnest with a work list: each value taken from it has had its own
  // children taken out before it is destroyed, so destruction never goes
  // deeper than one level. Values that share their contents stop at once.
  if (std::holds_alternative<std::shared_ptr<const ValueList>>(rep_) ||
      std::holds_alternative<std::shared_ptr<const ValueMap>>(rep_)) {
    std::vector<Value> pending;
    TakeChildren(*this, pending);
    while (!pending.empty()) {
      Value v = std::move(pending.back());
      pending.pop_back();
      TakeChildren(v, pending);
    }
  }
}

Value::Value(ValueList list)
    : rep_(std::shared_ptr<const ValueList>(std::make_shared<ValueList>(std::move(list)))) {}
Value::Value(ValueMap map)
    : rep_(std::shared_ptr<const ValueMap>(std::make_shared<ValueMap>(std::move(map)))) {}
Value::Value(Node node)
    : rep_(std::shared_ptr<const Node>(std::make_shared<Node>(std::move(node)))) {}
Value::Value(Relationship rel)
    : rep_(std::shared_ptr<const Relationship>(std::make_shared<Relationship>(std::move(rel)))) {}
Value::Value(Path path)
    : rep_(std::shared_ptr<const Path>(std::make_shared<Path>(std::move(path)))) {}

absl::StatusOr<bool> Value::AsBool() const {
  if (type() != ValueType::kBool) return TypeMismatch(ValueType::kBool, type());
  return bool_value();
}
absl::StatusOr<int64_t> Value::AsInt() const {
  if (type() != ValueType::kInt) return TypeMismatch(ValueType::kInt, type());
  return int_value();
}
absl::StatusOr<double> Value::AsFloat() const {
  if (type() != ValueType::kFloat) return TypeMismatch(ValueType::kFloat, type());
  return float_value();
}
absl::StatusOr<std::string> Value::AsString() const {
  if (type() != ValueType::kString) return TypeMismatch(ValueType::kString, type());
  return string_value();
}
absl::StatusOr<ValueList> Value::AsList() const {
  if (type() != ValueType::kList) return TypeMismatch(ValueType::kList, type());
  return list_value();
}
absl::StatusOr<ValueMap> Value::AsMap() const {
  if (type() != ValueType::kMap) return TypeMismatch(ValueType::kMap, type());
  return map_value();
}
absl::StatusOr<Node> Value::AsNode() const {
  if (type() != ValueType::kNode) return TypeMismatch(ValueType::kNode, type());
  return node_value();
}
absl::StatusOr<Relationship> Value::AsRelationship() const {
  if (type() != ValueType::kRelationship) return TypeMismatch(ValueType::kRelationship, type());
  return relationship_value();
}
absl::StatusOr<Path> Value::AsPath() const {
  if (type() != ValueType::kPath) return TypeMismatch(ValueType::kPath, type());
  return path_value();
}

std::string Value::ToString() const {
  switch (type()) {
    case ValueType::kNull:
      return "null";
    case ValueType::kBool:
      return bool_value() ? "true" : "false";
    case ValueType::kInt:
      return absl::StrCat(int_value());
    case ValueType::kFloat:
      return engine::FormatFloat(float_value());
    case ValueType::kString:
      return engine::QuoteString(string_value());
    case ValueType::kList: {
      std::string out = "[";
      const char* sep = "";
      for (const Value& e : list_value()) {
        absl::StrAppend(&out, sep, e.ToString());
        sep = ", ";
      }
      return out + "]";
    }
    case ValueType::kMap: {
      std::string out;
      AppendProperties(&out, map_value());
      return out;
    }
    case ValueType::kNode:
      return NodeString(node_value());
    case ValueType::kRelationship:
      return RelString(relationship_value());
    case ValueType::kPath:
      return PathString(path_value());
  }
  return "null";
}

bool operator==(const Value& a, const Value& b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case ValueType::kNull:
      return true;
    case ValueType::kBool:
      return a.bool_value() == b.bool_value();
    case ValueType::kInt:
      return a.int_value() == b.int_value();
    case ValueType::kFloat:
      return a.float_value() == b.float_value();
    case ValueType::kString:
      return a.string_value() == b.string_value();
    case ValueType::kList:
      return a.list_value() == b.list_value();
    case ValueType::kMap:
      return a.map_value() == b.map_value();
    case ValueType::kNode:
      return SameNode(a.node_value(), b.node_value());
    case ValueType::kRelationship:
      return SameRel(a.relationship_value(), b.relationship_value());
    case ValueType::kPath: {
      const Path& x = a.path_value();
      const Path& y = b.path_value();
      if (x.nodes.size() != y.nodes.size() || x.relationships.size() != y.relationships.size()) {
        return false;
      }
      for (size_t i = 0; i < x.nodes.size(); ++i) {
        if (!SameNode(x.nodes[i], y.nodes[i])) return false;
      }
      for (size_t i = 0; i < x.relationships.size(); ++i) {
        if (!SameRel(x.relationships[i], y.relationships[i])) return false;
      }
      return true;
    }
  }
  return false;
}

}  // namespace cornerstone
