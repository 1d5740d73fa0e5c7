// Copyright (c) Cornerstone authors. Public API: values returned by queries and
// passed as parameters. Self-contained: no engine internals, no Boost.
#ifndef CORNERSTONE_VALUE_H_
#define CORNERSTONE_VALUE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "absl/status/statusor.h"

namespace cornerstone {

class Value;

// A map value. Keys are kept sorted, so iteration and printing are
// deterministic.
using ValueMap = std::map<std::string, Value>;
using ValueList = std::vector<Value>;

// A node as seen from outside the engine: a copy, not a live handle.
struct Node {
  int64_t id = 0;
  std::vector<std::string> labels;  // in the order they were added
  ValueMap properties;
};

// A relationship as seen from outside the engine: a copy, not a live handle.
struct Relationship {
  int64_t id = 0;
  std::string type;
  int64_t start_id = 0;  // the node the relationship points away from
  int64_t end_id = 0;    // the node the relationship points to
  ValueMap properties;
};

// A path: nodes.size() == relationships.size() + 1. relationships[i] joins
// nodes[i] and nodes[i + 1], in either direction.
struct Path {
  std::vector<Node> nodes;
  std::vector<Relationship> relationships;
};

enum class ValueType {
  kNull,
  kBool,
  kInt,
  kFloat,
  kString,
  kList,
  kMap,
  kNode,
  kRelationship,
  kPath,
};

// Returns "NULL", "BOOLEAN", "INTEGER", "FLOAT", "STRING", "LIST", "MAP",
// "NODE", "RELATIONSHIP" or "PATH".
const char* ValueTypeName(ValueType type);

// An immutable, cheaply copyable value. Lists, maps, nodes, relationships and
// paths share their contents between copies.
class Value {
 public:
  Value() = default;  // null
  Value(std::nullptr_t) {}
  // Out of line so that destroying a deeply nested list or map does not
  // recurse once per level (a host may build one a million levels deep).
  ~Value();
  Value(const Value&) = default;
  Value(Value&&) noexcept = default;
  Value& operator=(const Value&) = default;
  Value& operator=(Value&&) noexcept = default;
  Value(bool b) : rep_(b) {}
  Value(int i) : rep_(static_cast<int64_t>(i)) {}
  Value(int64_t i) : rep_(i) {}
  Value(double d) : rep_(d) {}
  Value(const char* s) : rep_(std::string(s)) {}
  Value(std::string s) : rep_(std::move(s)) {}
  Value(ValueList list);
  Value(ValueMap map);
  Value(Node node);
  Value(Relationship rel);
  Value(Path path);

  ValueType type() const { return static_cast<ValueType>(rep_.index()); }
  bool is_null() const { return type() == ValueType::kNull; }

  // Typed accessors. Each returns InvalidArgument naming both types when the
  // value holds another type (an integer is not silently a float).
  absl::StatusOr<bool> AsBool() const;
  absl::StatusOr<int64_t> AsInt() const;
  absl::StatusOr<double> AsFloat() const;
  absl::StatusOr<std::string> AsString() const;
  absl::StatusOr<ValueList> AsList() const;
  absl::StatusOr<ValueMap> AsMap() const;
  absl::StatusOr<Node> AsNode() const;
  absl::StatusOr<Relationship> AsRelationship() const;
  absl::StatusOr<Path> AsPath() const;

  // Unchecked accessors: the caller has checked type() first.
  bool bool_value() const { return std::get<bool>(rep_); }
  int64_t int_value() const { return std::get<int64_t>(rep_); }
  double float_value() const { return std::get<double>(rep_); }
  const std::string& string_value() const { return std::get<std::string>(rep_); }
  const ValueList& list_value() const { return *std::get<std::shared_ptr<const ValueList>>(rep_); }
  const ValueMap& map_value() const { return *std::get<std::shared_ptr<const ValueMap>>(rep_); }
  const Node& node_value() const { return *std::get<std::shared_ptr<const Node>>(rep_); }
  const Relationship& relationship_value() const {
    return *std::get<std::shared_ptr<const Relationship>>(rep_);
  }
  const Path& path_value() const { return *std::get<std::shared_ptr<const Path>>(rep_); }

  // Cypher literal notation, as the openCypher TCK writes expected values:
  //   null  true  42  1.5  1.0  'it\'s'  [1, 'a']  {a: 1, b: null}
  //   (:Person {name: 'Masayoshi Son'})  [:INVESTED_IN {amount_usd: 500000000}]
  //   <(:A)-[:R]->(:B)<-[:S]-(:C)>
  // Floats always show a '.' or an exponent and round-trip exactly; strings
  // escape \ ' \n \t \r; map keys and properties print in key order.
  std::string ToString() const;

  // Structural equality (1 and 1.0 are different; nodes compare by id and
  // contents). For tests and hosts; query semantics live in the engine.
  friend bool operator==(const Value& a, const Value& b);
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  // Used by ~Value: moves the contents of a list or map `v` alone owns.
  static void TakeChildren(Value& v, std::vector<Value>& out);

  std::variant<std::monostate, bool, int64_t, double, std::string,
               std::shared_ptr<const ValueList>, std::shared_ptr<const ValueMap>,
               std::shared_ptr<const Node>, std::shared_ptr<const Relationship>,
               std::shared_ptr<const Path>>
      rep_;
};

}  // namespace cornerstone

#endif  // CORNERSTONE_VALUE_H_
