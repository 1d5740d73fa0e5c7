// Copyright (c) Cornerstone authors.
// State shared by the operators and expressions of one running statement.
#ifndef CORNERSTONE_ENGINE_EXEC_CONTEXT_H_
#define CORNERSTONE_ENGINE_EXEC_CONTEXT_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "engine/storage/graph.h"
#include "engine/value/value.h"
#include "queries/parse/error.h"

namespace cornerstone::engine {

using Row = std::vector<Value>;

// What a statement changed (mirrors the public QueryStats).
struct WriteStats {
  int64_t nodes_created = 0;
  int64_t nodes_deleted = 0;
  int64_t relationships_created = 0;
  int64_t relationships_deleted = 0;
  int64_t properties_set = 0;
  int64_t labels_added = 0;
  int64_t labels_removed = 0;
  int64_t indexes_added = 0;
};

class EvalContext {
 public:
  explicit EvalContext(Graph& graph) : graph_(graph) {}

  Graph& graph() { return graph_; }
  WriteStats& stats() { return stats_; }

  bool ok() const { return status_.ok(); }
  const absl::Status& status() const { return status_; }
  // Records the first error; returns null so callers can `return ctx.Fail(..)`.
  Value Fail(query::ErrorKind kind, std::string_view message);
  Value Fail(absl::Status status);

 private:
  Graph& graph_;
  WriteStats stats_;
  absl::Status status_;
};

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_CONTEXT_H_
