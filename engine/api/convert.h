// Copyright (c) Cornerstone authors.
// Conversions between engine values and public cornerstone::Value.
#ifndef CORNERSTONE_ENGINE_API_CONVERT_H_
#define CORNERSTONE_ENGINE_API_CONVERT_H_

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

}  // namespace cornerstone::api

#endif  // CORNERSTONE_ENGINE_API_CONVERT_H_
