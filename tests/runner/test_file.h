// Copyright (c) Cornerstone authors. Parsing of query-test (.test) files; the
// format is defined in tests/README.md.
#ifndef CORNERSTONE_TESTS_RUNNER_TEST_FILE_H_
#define CORNERSTONE_TESTS_RUNNER_TEST_FILE_H_

#include <string>
#include <string_view>
#include <vector>

namespace cornerstone_test {

enum class RecordKind {
  kLoad,            // load NAME
  kReset,           // reset
  kParam,           // param NAME EXPR
  kStatementOk,     // statement ok
  kStatementError,  // statement error [---- substring]
  kQuery,           // query [ordered] ---- header rows...
};

struct Record {
  RecordKind kind = RecordKind::kReset;
  int line = 0;  // 1-based line of the directive
  // load: the graph name; param: the parameter name.
  std::string name;
  // statement/query: the statement (lines joined by '\n'); param: the
  // expression.
  std::string text;
  bool ordered = false;  // query ordered
  // statement error: whether a `----` line with an expected substring was
  // given.
  bool has_expected = false;
  // query: the header line then one line per row; statement error: the one
  // substring the message must contain.
  std::vector<std::string> expected;
};

// The directive as written, e.g. "query ordered" or "load softbank".
std::string Describe(const Record& record);

struct ParsedFile {
  std::vector<Record> records;
  // Set when the file is malformed: where and why. Records before the error
  // are kept, but a malformed file should not be run.
  int error_line = 0;
  std::string error;
  bool ok() const { return error.empty(); }
};

ParsedFile ParseTestFile(std::string_view content);

}  // namespace cornerstone_test

#endif  // CORNERSTONE_TESTS_RUNNER_TEST_FILE_H_
