// Copyright (c) Cornerstone authors.
// Runs a logical plan: maps it to physical operators and pulls its rows,
// either one at a time (Cursor, for streamed results) or all at once
// (Execute).
#ifndef CORNERSTONE_ENGINE_EXEC_EXECUTOR_H_
#define CORNERSTONE_ENGINE_EXEC_EXECUTOR_H_

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "engine/exec/context.h"
#include "engine/exec/limits.h"
#include "queries/plan/logical_plan.h"

namespace cornerstone::engine {

class PhysicalOperator;

struct ExecOutput {
  std::vector<std::vector<Value>> rows;  // one value per result column
  WriteStats stats;
  std::string profile;  // with `profile`: the plan with actual rows per operator
};

// Pulls the rows of `plan` one at a time. The plan and the graph must
// outlive the cursor, and the graph must not change while it is open. Each
// row is charged to the statement's limits (max_rows, memory budget) as it
// is produced; the limits come from the CancellationScope installed when
// the cursor is constructed, and that Cancellation must outlive it too.
class Cursor {
 public:
  Cursor(const query::LogicalPlan& plan, Graph& graph, bool profile);
  ~Cursor();
  Cursor(const Cursor&) = delete;
  Cursor& operator=(const Cursor&) = delete;

  // The next row into `row` (one value per result column): true; false at
  // the end or on an error (then status() says which; the graph may be
  // partly changed and the caller rolls it back).
  bool Next(std::vector<Value>* row);
  const absl::Status& status() const { return ctx_.status(); }
  WriteStats& stats() { return ctx_.stats(); }
  // With `profile`, after the last row: the plan with rows and time per
  // operator.
  const std::string& profile() const { return profile_; }

 private:
  bool OpenNext();  // the next part of a UNION; false when none is left

  const query::LogicalPlan& plan_;
  const bool profile_enabled_;
  EvalContext ctx_;
  size_t part_ = 0;  // index of the UNION part `root_` runs
  std::unique_ptr<PhysicalOperator> root_;
  Row slots_;
  absl::flat_hash_set<std::vector<Value>, ValueVectorHash, ValueVectorEquivalent> seen_;
  MemoryMeter meter_;
  std::string profile_;
  bool done_ = false;
};

// Executes `plan` on `graph`, keeping every row. On error the graph may be
// partly changed: the caller rolls it back (Graph::Rollback).
absl::Status Execute(const query::LogicalPlan& plan, Graph& graph, bool profile, ExecOutput* out);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_EXECUTOR_H_
