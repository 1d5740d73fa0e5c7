// Copyright (c) Cornerstone authors.
// The engine's value: what expressions evaluate to and properties hold.
// Nodes and relationships are references (ids) into the graph; the public
// cornerstone::Value is built from these at the API boundary.
#ifndef CORNERSTONE_ENGINE_VALUE_VALUE_H_
#define CORNERSTONE_ENGINE_VALUE_VALUE_H_

#include <compare>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "engine/value/temporal.h"

namespace cornerstone::engine {

using NodeId = uint64_t;
using RelId = uint64_t;

struct NodeRef {
  NodeId id;
  friend bool operator==(NodeRef, NodeRef) = default;
};
struct RelRef {
  RelId id;
  friend bool operator==(RelRef, RelRef) = default;
};

class Value;
using List = std::vector<Value>;
// Map entries sorted by key, keys unique.
using Map = std::vector<std::pair<std::string, Value>>;

// A path: nodes.size() == rels.size() + 1.
struct PathData {
  std::vector<NodeId> nodes;
  std::vector<RelId> rels;
};

// Type tags, in the order of Cypher's global sort order for ORDER BY
// (openCypher CIP2016-06-14): MAP < NODE < RELATIONSHIP < LIST < PATH <
// TEMPORAL < STRING < BOOLEAN < NUMBER < NULL. The variant index is a
// different order.
enum class Kind : uint8_t {
  kNull = 0,
  kBool,
  kInt,
  kFloat,
  kString,
  kList,
  kMap,
  kNode,
  kRel,
  kPath,
  kTemporal,  // DATE, LOCAL TIME, TIME, LOCAL DATETIME, DATETIME, DURATION
};

// Three-valued logic result of a comparison.
enum class Tri : uint8_t { kFalse, kTrue, kNull };

class Value {
 public:
  Value() = default;  // null
  static Value Null() { return Value(); }
  static Value Bool(bool b) { return Value(Rep(b)); }
  static Value Int(int64_t i) { return Value(Rep(i)); }
  static Value Float(double d) { return Value(Rep(d)); }
  static Value String(std::string s) { return Value(Rep(std::move(s))); }
  static Value MakeList(List l);
  static Value MakeMap(Map m);  // sorts by key; last duplicate wins
  static Value Node(NodeId id) { return Value(Rep(NodeRef{id})); }
  static Value Rel(RelId id) { return Value(Rep(RelRef{id})); }
  static Value Path(PathData p);
  static Value MakeTemporal(Temporal t);
  static Value FromTri(Tri t);

  Kind kind() const { return static_cast<Kind>(rep_.index()); }
  bool is_null() const { return rep_.index() == 0; }
  bool is_number() const { return kind() == Kind::kInt || kind() == Kind::kFloat; }

  bool bool_value() const { return std::get<bool>(rep_); }
  int64_t int_value() const { return std::get<int64_t>(rep_); }
  double float_value() const { return std::get<double>(rep_); }
  // int or float as double
  double number_value() const;
  const std::string& string_value() const { return std::get<std::string>(rep_); }
  const List& list_value() const { return *std::get<std::shared_ptr<const List>>(rep_); }
  const Map& map_value() const { return *std::get<std::shared_ptr<const Map>>(rep_); }
  NodeId node_id() const { return std::get<NodeRef>(rep_).id; }
  RelId rel_id() const { return std::get<RelRef>(rep_).id; }
  const PathData& path_value() const { return *std::get<std::shared_ptr<const PathData>>(rep_); }
  const Temporal& temporal_value() const {
    return *std::get<std::shared_ptr<const Temporal>>(rep_);
  }

  // Map lookup; nullptr when absent. Precondition: kind() == kMap.
  const Value* FindKey(std::string_view key) const;

 private:
  using Rep = std::variant<std::monostate, bool, int64_t, double, std::string,
                           std::shared_ptr<const List>, std::shared_ptr<const Map>, NodeRef,
                           RelRef, std::shared_ptr<const PathData>,
                           std::shared_ptr<const Temporal>>;
  explicit Value(Rep r) : rep_(std::move(r)) {}
  Rep rep_;
};

// "NULL", "BOOLEAN", "INTEGER", "FLOAT", "STRING", "LIST", "MAP", "NODE",
// "RELATIONSHIP", "PATH", "TEMPORAL" (see TypeName for the temporal types).
const char* KindName(Kind kind);
// KindName, but a temporal's own type name ("DATE", "DURATION", ...).
const char* TypeName(const Value& v);

// Cypher equality (=): null if either side is null or if a list/map
// comparison meets a null that decides it; 1 = 1.0 is true; NaN = NaN is
// false; values of different kinds are false (numbers excepted).
Tri Equals(const Value& a, const Value& b);

// Cypher comparison (<, <=, >, >=): returns the sign of a - b, or nullopt
// when the values are not comparable (different kinds other than int/float,
// null, NaN, maps, nodes, ...). Strings compare by code point (UTF-8 bytes),
// lists lexicographically, booleans false < true.
// Encoded as: -1, 0, 1; 2 means "null / incomparable".
int Compare(const Value& a, const Value& b);

// Total order for ORDER BY and for sorting lists: the global sort order of
// openCypher (MAP < NODE < RELATIONSHIP < LIST < PATH < TEMPORAL < STRING <
// BOOLEAN < NUMBER < NULL; temporals by type: DATETIME < LOCAL DATETIME <
// DATE < TIME < LOCAL TIME < DURATION; NaN after all other numbers; -0.0 == 0.0). Returns <0, 0, >0.
int OrderCompare(const Value& a, const Value& b);

// Equivalence for DISTINCT, grouping keys and hash indexes: like Equals but
// null is equivalent to null, NaN to NaN, and 1 to 1.0.
bool Equivalent(const Value& a, const Value& b);
size_t HashValue(const Value& v);

struct ValueHash {
  size_t operator()(const Value& v) const { return HashValue(v); }
};
struct ValueEquivalent {
  bool operator()(const Value& a, const Value& b) const { return Equivalent(a, b); }
};
// Grouping keys: several values at once.
struct ValueVectorHash {
  size_t operator()(const std::vector<Value>& v) const;
};
struct ValueVectorEquivalent {
  bool operator()(const std::vector<Value>& a, const std::vector<Value>& b) const;
};

// Formats a double the way Cypher literals write it: shortest form that
// round-trips, always with a "." ("1.0", "0.1", "1.0e+20", "1.5e-07",
// "NaN", "Infinity", "-Infinity").
std::string FormatFloat(double d);
// A string as a single-quoted Cypher literal with \\ \' \n \t \r escaped.
std::string QuoteString(std::string_view s);

// Literal notation for values that need no graph (null, bool, numbers,
// strings, lists and maps of these; temporals as their ISO text,
// e.g. date('1984-10-11')). Nodes print as "(#12)", relationships
// "[#3]" and paths "<#path>": the API layer prints those with the graph.
std::string ToDebugString(const Value& v);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_VALUE_VALUE_H_
