// Copyright (c) Cornerstone authors.
// The openCypher parser: hand-written recursive descent, one method per
// grammar rule (see GRAMMAR.md), a precedence-climbing expression parser.
#ifndef CORNERSTONE_QUERIES_PARSE_PARSER_H_
#define CORNERSTONE_QUERIES_PARSE_PARSER_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "queries/parse/ast.h"

namespace cornerstone::query {

// Expressions and patterns nested deeper than this are a SyntaxError, never
// a stack overflow.
inline constexpr int kMaxParseDepth = 500;

// Parses one statement (an optional trailing ';' is allowed). On failure
// returns InvalidArgument with a SyntaxError message (see error.h).
absl::StatusOr<Statement> Parse(std::string_view text);

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_PARSE_PARSER_H_
