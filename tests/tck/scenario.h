// Copyright (c) Cornerstone authors. One TCK scenario record (FORMAT.md,
// "Records") read from its JSON object.
#ifndef CORNERSTONE_TESTS_TCK_SCENARIO_H_
#define CORNERSTONE_TESTS_TCK_SCENARIO_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "json.h"

namespace cornerstone_tck {

struct Expect {
  enum class Kind { kRows, kEmpty, kError };
  Kind kind = Kind::kEmpty;
  // kRows
  bool ordered = false;
  bool ignore_list_order = false;
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;  // cells in the value notation
  // kError
  std::string phase;  // "compile time", "runtime" or "any"
  std::string type;   // e.g. "SyntaxError"
  std::string detail;  // e.g. "UndefinedVariable", or "*"
};

struct ControlQuery {
  std::string query;
  Expect expect;
};

// Counts keyed "+nodes", "-labels", ...; a missing key means 0.
using SideEffects = std::map<std::string, int64_t>;

struct Scenario {
  std::string id;
  std::string feature;
  std::string name;
  std::string category;
  std::string given;
  std::vector<std::string> setup;
  std::vector<std::pair<std::string, std::string>> params;  // name, value notation
  // Test procedures to register: signature, and rows of cells in value
  // notation (inputs then outputs).
  struct Procedure {
    std::string signature;
    std::vector<std::vector<std::string>> rows;
  };
  std::vector<Procedure> procedures;
  std::string query;
  Expect expect;
  std::optional<SideEffects> side_effects;  // nullopt: the record says null
  std::vector<ControlQuery> control;
};

// Reads a record. Missing optional fields take their empty defaults; a
// missing `id`, `query` or `expect`, or a malformed one, is an error.
absl::StatusOr<Scenario> ScenarioFromJson(const Json& record);

// The first two folders of a feature path: "clauses/match/Match1.feature"
// gives "clauses/match".
std::string CategoryOf(const std::string& feature);

}  // namespace cornerstone_tck

#endif  // CORNERSTONE_TESTS_TCK_SCENARIO_H_
