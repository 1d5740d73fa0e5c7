// Copyright (c) Cornerstone authors. A small JSON reader for the TCK runner's
// JSON Lines records (RFC 8259: objects, arrays, strings with \u escapes,
// numbers, true/false/null). No dependency beyond the standard library.
#ifndef CORNERSTONE_TESTS_TCK_JSON_H_
#define CORNERSTONE_TESTS_TCK_JSON_H_

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace cornerstone_tck {

class Json {
 public:
  enum class Kind { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind() const { return kind_; }
  bool is_null() const { return kind_ == Kind::kNull; }
  bool is_bool() const { return kind_ == Kind::kBool; }
  bool is_number() const { return kind_ == Kind::kNumber; }
  bool is_string() const { return kind_ == Kind::kString; }
  bool is_array() const { return kind_ == Kind::kArray; }
  bool is_object() const { return kind_ == Kind::kObject; }

  bool bool_value() const { return bool_; }
  double number() const { return number_; }
  const std::string& str() const { return string_; }
  const std::vector<Json>& items() const { return items_; }
  // Object members in file order.
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }

  // The member named `key`, or nullptr (objects only; nullptr otherwise).
  const Json* Find(std::string_view key) const;

  static Json Null() { return Json(); }
  static Json Bool(bool b);
  static Json Number(double d);
  static Json String(std::string s);
  static Json Array(std::vector<Json> items);
  static Json Object(std::vector<std::pair<std::string, Json>> members);

 private:
  Kind kind_ = Kind::kNull;
  bool bool_ = false;
  double number_ = 0;
  std::string string_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

// Parses one complete JSON text (surrounding whitespace allowed).
absl::StatusOr<Json> ParseJson(std::string_view text);

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_JSON_H_
