// Copyright (c) Cornerstone authors.
// A small JSON reader for JSON Lines import: objects become engine maps,
// numbers with '.', 'e' or 'E' floats and other numbers integers.
#ifndef CORNERSTONE_ENGINE_IMPORT_JSON_READ_H_
#define CORNERSTONE_ENGINE_IMPORT_JSON_READ_H_

#include <string_view>

#include "absl/status/statusor.h"
#include "engine/value/value.h"

namespace cornerstone::engine {

// Parses one JSON value filling all of `text` (surrounding blanks allowed).
// On error the message starts with the 1-based column: "12: expected ':'".
absl::StatusOr<Value> ParseJson(std::string_view text);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_IMPORT_JSON_READ_H_
