// Copyright (c) Cornerstone authors.
// CSV column descriptions (Neo4j admin-import header fields) and the
// conversion of field text to property values.
#ifndef CORNERSTONE_ENGINE_IMPORT_COLUMNS_H_
#define CORNERSTONE_ENGINE_IMPORT_COLUMNS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "engine/value/value.h"

namespace cornerstone::engine::csv {

enum class ColumnKind { kId, kStartId, kEndId, kLabel, kType, kProperty, kIgnore };
enum class FieldType { kString, kInt, kFloat, kBool };

struct Column {
  ColumnKind kind = ColumnKind::kProperty;
  std::string name;   // property name; empty for an unnamed :ID
  std::string group;  // id group of :ID, :START_ID, :END_ID
  FieldType type = FieldType::kString;
  bool array = false;
  std::string header;  // the header field as written, for errors
};

// "int", "long", "short", "byte" -> kInt; "float", "double" -> kFloat;
// "boolean", "bool" -> kBool; "string", "char" -> kString; a "[]" suffix
// sets *array. Case-insensitive.
std::optional<FieldType> ParseFieldType(std::string_view name, bool* array);
const char* FieldTypeName(FieldType type);  // "int", "float", "boolean", "string"

// Parses one Neo4j header field: `name`, `name:type`, `name:ID(group)`,
// `:START_ID(group)`, `:END_ID`, `:LABEL`, `:TYPE`, `:IGNORE`.
absl::StatusOr<Column> ParseNeo4jColumn(std::string_view text);

// The integer a field holds when it is written canonically (optional '-',
// no leading zeros, fits in 64 bits).
std::optional<int64_t> CanonicalInt(std::string_view text);

// Converts a non-empty field to the column's type (arrays split at
// `array_delimiter`). `out` may be null to only validate. The error message
// has no location.
absl::Status ParseField(std::string_view text, const Column& column, char array_delimiter,
                        Value* out);

// Narrowest type a set of sample values fits, fed one value at a time.
class TypeGuess {
 public:
  void Add(std::string_view text);
  FieldType Result() const;

 private:
  bool any_ = false, can_int_ = true, can_float_ = true, can_bool_ = true;
};

}  // namespace cornerstone::engine::csv

#endif  // CORNERSTONE_ENGINE_IMPORT_COLUMNS_H_
