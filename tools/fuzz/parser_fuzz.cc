// Copyright (c) Cornerstone authors.
// Fuzz target: the query parser (queries/parse) and the script splitter.
// Any input must give a statement or a SyntaxError, never a crash, a hang
// or a stack overflow (deep nesting is limited by kMaxParseDepth).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "cornerstone/database.h"
#include "queries/parse/parser.h"
#include "tools/fuzz/fuzz_util.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  absl::StatusOr<cornerstone::query::Statement> statement = cornerstone::query::Parse(text);
  if (!statement.ok() && statement.status().message().empty()) {
    cornerstone::fuzz::Die("a parse error without a message");
  }
  bool complete = false;
  for (const cornerstone::ScriptStatement& s : cornerstone::SplitStatements(text, &complete)) {
    if (s.line < 1 || s.column < 1) cornerstone::fuzz::Die("bad statement position");
    (void)cornerstone::query::Parse(s.text);
  }
  return 0;
}
