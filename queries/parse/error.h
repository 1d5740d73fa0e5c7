// Copyright (c) Cornerstone authors.
// Query errors: every stage reports them the same way, as an absl::Status
// whose message starts with the error kind, e.g.
//   SyntaxError at 1:10: expected ')' but found 'RETURN'
//     MATCH (n RETURN n
//              ^
#ifndef CORNERSTONE_QUERIES_PARSE_ERROR_H_
#define CORNERSTONE_QUERIES_PARSE_ERROR_H_

#include <string_view>

#include "absl/status/status.h"
#include "queries/parse/ast.h"

namespace cornerstone::query {

// The openCypher TCK's error types.
enum class ErrorKind {
  kSyntaxError,
  kSemanticError,
  kTypeError,
  kArgumentError,
  kEntityNotFound,
  kParameterMissing,
  kConstraintVerificationFailed,
  kProcedureError,
  kRuntimeError,
};

const char* ErrorKindName(ErrorKind kind);

// "<Kind>: <message>" with no position (runtime errors).
absl::Status QueryError(ErrorKind kind, std::string_view message);

// "<Kind> at L:C: <message>" followed by the offending line of `text` and a
// caret under column C (columns count code points, so the caret lines up
// under non-ASCII text in a monospace font when characters are narrow).
absl::Status QueryError(ErrorKind kind, std::string_view text, Position pos,
                        std::string_view message);

}  // namespace cornerstone::query

#endif  // CORNERSTONE_QUERIES_PARSE_ERROR_H_
