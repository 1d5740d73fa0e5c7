// Copyright (c) Cornerstone authors.
// Physical operators: pull-based (Volcano) iterators over rows. A row is
// passed down and filled in place: each operator writes only the slots it
// binds, so the slots its inputs wrote stay valid between calls.
//
// Write operators (CREATE, SET, DELETE, MERGE) are eager: they drain their
// input before changing the graph, so a statement never reads its own
// writes half-way through a scan.
#ifndef CORNERSTONE_ENGINE_EXEC_OPERATOR_H_
#define CORNERSTONE_ENGINE_EXEC_OPERATOR_H_

#include <chrono>
#include <memory>
#include <vector>

#include "engine/exec/context.h"
#include "queries/plan/logical_plan.h"

namespace cornerstone::engine {

class PhysicalOperator {
 public:
  explicit PhysicalOperator(const query::LogicalOperator& op) : op_(op) {}
  virtual ~PhysicalOperator() = default;
  PhysicalOperator(const PhysicalOperator&) = delete;
  PhysicalOperator& operator=(const PhysicalOperator&) = delete;

  // Starts or restarts the operator (and its inputs).
  virtual void Open(EvalContext& ctx) {
    for (auto& c : children_) c->Open(ctx);
  }

  // Fills the next row; false when exhausted or after an error (ctx.ok()),
  // including cancellation (EvalContext::Cancelled).
  bool Next(EvalContext& ctx, Row& row) {
    if (timed_) return TimedNext(ctx, row);
    if (!ctx.ok() || ctx.Cancelled() || !NextImpl(ctx, row) || !ctx.ok()) return false;
    ++rows_;
    return true;
  }

  // PROFILE: measure the time spent in Next() of this operator and all below.
  void EnableTiming() {
    timed_ = true;
    for (auto& c : children_) c->EnableTiming();
  }

  const query::LogicalOperator& logical() const { return op_; }
  int64_t rows() const { return rows_; }
  // For an operator whose input's data is read by the operator above it
  // (a fused aggregate): the rows it would have produced, for PROFILE.
  void CountRows(int64_t n) { rows_ += n; }
  // The most threads the operator ran on at once (PROFILE shows more than 1).
  int threads() const { return threads_; }
  // How the operator chose to run, when it chooses while running (PROFILE
  // shows it); nullptr when it did not.
  const char* strategy() const { return strategy_; }
  // Time in Next(), inputs included (with EnableTiming()).
  int64_t nanos() const { return nanos_; }
  std::vector<std::unique_ptr<PhysicalOperator>>& children() { return children_; }

 protected:
  virtual bool NextImpl(EvalContext& ctx, Row& row) = 0;
  PhysicalOperator& input() { return *children_[0]; }

  const query::LogicalOperator& op_;
  std::vector<std::unique_ptr<PhysicalOperator>> children_;
  int64_t rows_ = 0;
  int threads_ = 1;
  const char* strategy_ = nullptr;

 private:
  bool TimedNext(EvalContext& ctx, Row& row) {
    auto start = std::chrono::steady_clock::now();
    bool more = ctx.ok() && !ctx.Cancelled() && NextImpl(ctx, row) && ctx.ok();
    nanos_ += std::chrono::duration_cast<std::chrono::nanoseconds>(
                  std::chrono::steady_clock::now() - start)
                  .count();
    if (more) ++rows_;
    return more;
  }

  bool timed_ = false;
  int64_t nanos_ = 0;
};

using PhysicalOperatorPtr = std::unique_ptr<PhysicalOperator>;

// A kFilter's test of one row: its predicate, or its node's labels and
// property equalities. False with !ctx.ok() on an error.
bool FilterPasses(const query::LogicalOperator& op, EvalContext& ctx, Row& row);

// A pattern node's value when the variable was bound before the pattern
// (by WITH, UNWIND, a parameter): true for a node; false for null, which
// matches nothing (as in Neo4j); false with a TypeError for anything else
// (`UNWIND [1] AS x MATCH (x)-->(y)`), rather than silently no rows.
bool IsPatternNode(const Value& v, EvalContext& ctx);

// Builds the physical operator tree for a logical one (the mapper).
PhysicalOperatorPtr MapOperator(const query::LogicalOperator& op);

// Constructors of each family, used by the mapper.
PhysicalOperatorPtr MakeScanOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeExpandOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeRelationalOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeWriteOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeCallOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeShortestPathOperator(const query::LogicalOperator& op);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_OPERATOR_H_
