// Copyright (c) Cornerstone authors. The TCK value notation (FORMAT.md,
// "Value notation"): a parsed structure for expected cells and parameter
// values, conversions from and to cornerstone::Value, and rendering.
//
//   null true 42 1.5 NaN 'it\'s' [1, 2] {k: v} (:A:B {p: 1}) [:T {p: 1}]
//   <(:A)-[:R]->(:B)<-[:S]-()>
#ifndef CORNERSTONE_TESTS_TCK_TCK_VALUE_H_
#define CORNERSTONE_TESTS_TCK_TCK_VALUE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "cornerstone/cornerstone.h"

namespace cornerstone_tck {

// One value in TCK terms. Node and relationship identity is not part of it.
struct TckValue {
  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap, kNode, kRel, kPath };

  Kind kind = Kind::kNull;
  bool bool_value = false;
  int64_t int_value = 0;
  double float_value = 0;
  std::string text;  // kString: the string; kRel: the relationship type
  // kList: the items. kPath: node, rel, node, rel, ..., node.
  std::vector<TckValue> items;
  // kMap: the entries; kNode/kRel: the properties. Sorted by key, unique.
  std::vector<std::pair<std::string, TckValue>> entries;
  std::vector<std::string> labels;  // kNode: sorted, unique
  std::vector<bool> forward;        // kPath: per relationship, true for -[]->
};

// Parses one value; the whole text must be consumed (whitespace aside).
absl::StatusOr<TckValue> ParseTckValue(std::string_view text);

// Converts an engine result value. Paths record each relationship's direction
// as read along the path.
TckValue FromEngineValue(const cornerstone::Value& value);

// Converts a parameter value for the engine. Nodes, relationships and paths
// have no parameter form and are rejected.
absl::StatusOr<cornerstone::Value> ToEngineValue(const TckValue& value);

// Renders in the TCK notation (floats round-trip exactly).
std::string RenderTckValue(const TckValue& value);

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_TCK_VALUE_H_
