// Copyright (c) Cornerstone authors.
#include "run_scenario.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "compare.h"
#include "cornerstone/cornerstone.h"
#include "graph_state.h"
#include "tck_value.h"

namespace cornerstone_tck {
namespace {

using QueryResult = absl::StatusOr<cornerstone::Result>;

constexpr size_t kMaxReason = 220;

Outcome Fail(std::string reason, std::string detail = "") {
  Outcome out;
  out.status = Outcome::Status::kFail;
  if (reason.size() > kMaxReason) reason = reason.substr(0, kMaxReason - 3) + "...";
  for (char& c : reason) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  out.reason = std::move(reason);
  out.detail = std::move(detail);
  return out;
}

// The error kind an engine message starts with ("SyntaxError at 1:10: ..."),
// or "" when it starts with none.
std::string ErrorKind(const std::string& message) {
  static const char* const kKinds[] = {
      "SyntaxError",     "SemanticError",    "TypeError",
      "ArgumentError",   "EntityNotFound",   "ParameterMissing",
      "ProcedureError",  "ConstraintVerificationFailed"};
  for (const char* kind : kKinds) {
    std::string k(kind);
    if (message.compare(0, k.size(), k) == 0 &&
        (message.size() == k.size() || message[k.size()] == ' ' || message[k.size()] == ':')) {
      return k;
    }
  }
  return "";
}

// First line of an error, without its position: "SyntaxError: expected ...".
std::string ShortError(const absl::Status& status) {
  std::string message(status.message());
  message = message.substr(0, message.find('\n'));
  std::string kind = ErrorKind(message);
  if (kind.empty()) {
    return std::string(absl::StatusCodeToString(status.code())) + ": " + message;
  }
  std::string rest = message.substr(kind.size());
  if (rest.compare(0, 4, " at ") == 0) {
    size_t colon = rest.find(": ", 4);
    rest = colon == std::string::npos ? "" : rest.substr(colon + 2);
  } else if (rest.compare(0, 2, ": ") == 0) {
    rest = rest.substr(2);
  }
  return kind + (rest.empty() ? "" : ": " + rest);
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out = "[";
  for (size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + names[i];
  return out + "]";
}

std::string RenderTable(const std::vector<Row>& rows) {
  std::string out;
  for (const Row& row : rows) out += "    " + RenderRow(row) + "\n";
  return out.empty() ? "    (no rows)\n" : out;
}

// Reads every row of a result into canonical TckValues.
std::vector<Row> ActualRows(cornerstone::Result& result, bool unordered_lists) {
  std::vector<Row> rows;
  while (result.Next()) {
    Row row;
    for (const cornerstone::Value& value : result.row()) {
      row.push_back(FromEngineValue(value));
      Canonicalize(&row.back(), unordered_lists);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

// Checks one query's outcome against `expect`. Returns "" on a match, else
// the reason; appends the comparison to `detail`.
std::string CheckExpect(const Expect& expect, QueryResult& result, std::string* detail) {
  if (!result.ok()) *detail += "  error: " + std::string(result.status().message()) + "\n";
  if (expect.kind == Expect::Kind::kError) {
    *detail += "  expected: " + expect.type + " (" + expect.phase + ", " + expect.detail + ")\n";
    if (result.ok()) {
      return "expected " + expect.type + " (" + expect.detail + "), but the query succeeded";
    }
    std::string kind = ErrorKind(std::string(result.status().message()));
    if (kind == expect.type) return "";
    return "expected " + expect.type + " (" + expect.detail + "), got " +
           ShortError(result.status());
  }
  if (!result.ok()) return "unexpected error: " + ShortError(result.status());
  std::vector<Row> actual = ActualRows(*result, expect.ignore_list_order);
  if (expect.kind == Expect::Kind::kEmpty) {
    if (actual.empty()) return "";
    *detail += "  expected: no rows\n  actual:\n" + RenderTable(actual);
    bool no_columns = result->columns().empty();
    return "expected no rows, got " + std::to_string(actual.size()) +
           (no_columns ? " (rows without columns)" : "");
  }
  std::vector<Row> expected;
  for (const std::vector<std::string>& cells : expect.rows) {
    Row row;
    for (const std::string& cell : cells) {
      absl::StatusOr<TckValue> value = ParseTckValue(cell);
      if (!value.ok()) return "bad expected cell: " + std::string(value.status().message());
      Canonicalize(&*value, expect.ignore_list_order);
      row.push_back(*std::move(value));
    }
    expected.push_back(std::move(row));
  }
  *detail += "  expected " + JoinNames(expect.columns) + (expect.ordered ? " in order" : "") +
             (expect.ignore_list_order ? ", lists in any order" : "") + ":\n" +
             RenderTable(expected) + "  actual " + JoinNames(result->columns()) + ":\n" +
             RenderTable(actual);
  if (result->columns() != expect.columns) {
    return "columns: expected " + JoinNames(expect.columns) + ", got " +
           JoinNames(result->columns());
  }
  std::string diff = CompareRows(expected, actual, expect.ordered);
  return diff.empty() ? "" : "rows: " + diff;
}

// Where the expected error of `s` is raised: "compile time" when
// `EXPLAIN <query>` fails already, else "runtime".
std::string ErrorPhase(cornerstone::Connection& conn, const Scenario& s,
                       const cornerstone::Params& params) {
  QueryResult probe = conn.Query("EXPLAIN " + s.query, params);
  return probe.ok() ? "runtime" : "compile time";
}

}  // namespace

Outcome RunScenario(const Scenario& s, const RunOptions& options) {
  std::string detail = "  query: " + s.query + "\n";
  absl::StatusOr<std::unique_ptr<cornerstone::Database>> db = cornerstone::Database::Open();
  if (!db.ok()) return Fail("cannot open a database: " + std::string(db.status().message()));
  cornerstone::Connection conn(**db);

  for (const Scenario::Procedure& p : s.procedures) {
    std::vector<std::vector<cornerstone::Value>> rows;
    for (const auto& cells : p.rows) {
      std::vector<cornerstone::Value> row;
      for (const std::string& cell : cells) {
        absl::StatusOr<TckValue> parsed = ParseTckValue(cell);
        if (!parsed.ok()) return Fail("bad procedure cell: " + cell);
        absl::StatusOr<cornerstone::Value> value = ToEngineValue(*parsed);
        if (!value.ok()) return Fail("bad procedure cell: " + cell);
        row.push_back(*std::move(value));
      }
      rows.push_back(std::move(row));
    }
    absl::Status registered = (*db)->RegisterTableProcedure(p.signature, rows);
    if (!registered.ok()) {
      return Fail("cannot register " + p.signature + ": " + std::string(registered.message()));
    }
  }

  for (size_t i = 0; i < s.setup.size(); ++i) {
    QueryResult r = conn.Query(s.setup[i]);
    if (!r.ok()) {
      return Fail("setup failed: " + ShortError(r.status()),
                  detail + "  setup " + std::to_string(i + 1) + ": " + s.setup[i] +
                      "\n  error: " + std::string(r.status().message()) + "\n");
    }
  }

  cornerstone::Params params;
  for (const auto& [name, text] : s.params) {
    absl::StatusOr<TckValue> parsed = ParseTckValue(text);
    if (!parsed.ok()) {
      return Fail("bad parameter $" + name + ": " + std::string(parsed.status().message()));
    }
    absl::StatusOr<cornerstone::Value> value = ToEngineValue(*parsed);
    if (!value.ok()) {
      return Fail("bad parameter $" + name + ": " + std::string(value.status().message()));
    }
    params[name] = *std::move(value);
    detail += "  $" + name + " = " + text + "\n";
  }

  absl::StatusOr<GraphState> before = TakeSnapshot(conn);
  if (!before.ok()) return Fail("snapshot failed: " + ShortError(before.status()), detail);

  QueryResult result = conn.Query(s.query, params);
  std::string problem = CheckExpect(s.expect, result, &detail);
  if (!problem.empty()) return Fail(problem, detail);

  absl::StatusOr<GraphState> after = TakeSnapshot(conn);
  if (!after.ok()) return Fail("snapshot failed: " + ShortError(after.status()), detail);
  SideEffects effects = Diff(*before, *after);
  if (s.side_effects.has_value()) {
    std::string diff = CompareSideEffects(*s.side_effects, effects);
    if (!diff.empty()) return Fail("side effects: " + diff, detail);
  } else if (s.expect.kind == Expect::Kind::kError) {
    std::string diff = CompareSideEffects({}, effects);
    if (!diff.empty()) return Fail("failed query changed the graph: " + diff, detail);
  }

  Outcome::Phase phase = Outcome::Phase::kNotChecked;
  if (s.expect.kind == Expect::Kind::kError) {
    std::string raised = ErrorPhase(conn, s, params);
    bool match = s.expect.phase == "any" || s.expect.phase == raised;
    phase = match ? Outcome::Phase::kMatch : Outcome::Phase::kMismatch;
    detail += "  raised at " + raised + " (EXPLAIN probe)\n";
    if (!match && options.strict_phase) {
      Outcome out = Fail("expected " + s.expect.type + " at " + s.expect.phase +
                             ", raised at " + raised,
                         detail);
      out.phase = phase;
      return out;
    }
  }

  for (size_t i = 0; i < s.control.size(); ++i) {
    const ControlQuery& control = s.control[i];
    detail += "  control " + std::to_string(i + 1) + ": " + control.query + "\n";
    QueryResult r = conn.Query(control.query);
    std::string p = CheckExpect(control.expect, r, &detail);
    if (!p.empty()) return Fail("control query " + std::to_string(i + 1) + ": " + p, detail);
  }

  Outcome out;
  out.status = Outcome::Status::kPass;
  out.phase = phase;
  out.detail = std::move(detail);
  return out;
}

}  // namespace cornerstone_tck
