// Copyright (c) Cornerstone authors.
// Runs a logical plan: maps it to physical operators, pulls every row, and
// keeps the result columns.
#ifndef CORNERSTONE_ENGINE_EXEC_EXECUTOR_H_
#define CORNERSTONE_ENGINE_EXEC_EXECUTOR_H_

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "engine/exec/context.h"
#include "queries/plan/logical_plan.h"

namespace cornerstone::engine {

struct ExecOutput {
  std::vector<std::vector<Value>> rows;  // one value per result column
  WriteStats stats;
  std::string profile;  // with `profile`: the plan with actual rows per operator
};

// Executes `plan` on `graph`. On error the graph may be partly changed: the
// caller rolls it back (Graph::Rollback).
absl::Status Execute(const query::LogicalPlan& plan, Graph& graph, bool profile, ExecOutput* out);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_EXECUTOR_H_
