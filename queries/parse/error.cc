// Copyright (c) Cornerstone authors.
#include "queries/parse/error.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace cornerstone::query {

namespace {

absl::StatusCode CodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kEntityNotFound:
      return absl::StatusCode::kNotFound;
    case ErrorKind::kConstraintVerificationFailed:
      return absl::StatusCode::kFailedPrecondition;
    default:
      return absl::StatusCode::kInvalidArgument;
  }
}

// The 1-based `line` of `text` without its line terminator; sets *found to
// false when the text has fewer lines.
std::string_view LineOf(std::string_view text, int line, bool* found) {
  size_t start = 0;
  for (int l = 1; l < line; ++l) {
    size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) {
      *found = false;
      return {};
    }
    start = newline + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::string_view result = text.substr(start, end - start);
  if (!result.empty() && result.back() == '\r') result.remove_suffix(1);
  *found = true;
  return result;
}

}  // namespace

const char* ErrorKindName(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::kSyntaxError:
      return "SyntaxError";
    case ErrorKind::kSemanticError:
      return "SemanticError";
    case ErrorKind::kTypeError:
      return "TypeError";
    case ErrorKind::kArgumentError:
      return "ArgumentError";
    case ErrorKind::kEntityNotFound:
      return "EntityNotFound";
    case ErrorKind::kParameterMissing:
      return "ParameterMissing";
    case ErrorKind::kConstraintVerificationFailed:
      return "ConstraintVerificationFailed";
    case ErrorKind::kProcedureError:
      return "ProcedureError";
    case ErrorKind::kRuntimeError:
      return "RuntimeError";
  }
  return "RuntimeError";
}

absl::Status QueryError(ErrorKind kind, std::string_view message) {
  return absl::Status(CodeFor(kind), absl::StrCat(ErrorKindName(kind), ": ", std::string(message)));
}

absl::Status QueryError(ErrorKind kind, std::string_view text, Position pos,
                        std::string_view message) {
  std::string out = absl::StrCat(ErrorKindName(kind), " at ", pos.line, ":", pos.column, ": ",
                                 std::string(message));
  bool found = false;
  std::string_view line = LineOf(text, pos.line, &found);
  if (found) {
    std::string shown(line);
    // Tabs would misalign the caret; show them as single spaces.
    for (char& c : shown) {
      if (c == '\t') c = ' ';
    }
    absl::StrAppend(&out, "\n  ", shown, "\n  ",
                    std::string(pos.column > 1 ? pos.column - 1 : 0, ' '), "^");
  }
  return absl::Status(CodeFor(kind), out);
}

}  // namespace cornerstone::query
