// Copyright (c) Cornerstone authors.
// Conversions between engine values and public cornerstone::Value.
#ifndef CORNERSTONE_ENGINE_API_CONVERT_H_
#define CORNERSTONE_ENGINE_API_CONVERT_H_

#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "cornerstone/value.h"
#include "engine/storage/graph.h"
#include "engine/value/value.h"

namespace cornerstone::api {

// Materializes nodes, relationships and paths (labels, type, properties)
// from the graph.
Value ToPublic(const engine::Value& v, const engine::Graph& graph);

// Parameters: nodes, relationships and paths cannot be passed in.
absl::StatusOr<engine::Value> FromPublic(const Value& v);

// Lists and maps nested deeper than this are refused as parameters (the
// same bound as the parser's nesting limit): the engine's comparisons,
// printing and destruction of values recurse once per level.
inline constexpr int kMaxParameterDepth = 500;

// Checks parameter $name before it is copied into the engine: nesting at
// most kMaxParameterDepth (ParameterTooDeep) and, adding its approximate
// size to *total_bytes, the total at most `max_bytes` when that is > 0
// (ParameterTooLarge). Iterative: any depth is safe to check.
absl::Status CheckParameter(const std::string& name, const Value& v, int64_t max_bytes,
                            int64_t* total_bytes);

}  // namespace cornerstone::api

#endif  // CORNERSTONE_ENGINE_API_CONVERT_H_
