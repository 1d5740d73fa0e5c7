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
    if (!ctx.ok() || ctx.Cancelled() || !NextImpl(ctx, row) || !ctx.ok()) return false;
    ++rows_;
    return true;
  }

  const query::LogicalOperator& logical() const { return op_; }
  int64_t rows() const { return rows_; }
  std::vector<std::unique_ptr<PhysicalOperator>>& children() { return children_; }

 protected:
  virtual bool NextImpl(EvalContext& ctx, Row& row) = 0;
  PhysicalOperator& input() { return *children_[0]; }

  const query::LogicalOperator& op_;
  std::vector<std::unique_ptr<PhysicalOperator>> children_;
  int64_t rows_ = 0;
};

using PhysicalOperatorPtr = std::unique_ptr<PhysicalOperator>;

// Builds the physical operator tree for a logical one (the mapper).
PhysicalOperatorPtr MapOperator(const query::LogicalOperator& op);

// Constructors of each family, used by the mapper.
PhysicalOperatorPtr MakeScanOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeExpandOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeRelationalOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeWriteOperator(const query::LogicalOperator& op);
PhysicalOperatorPtr MakeCallOperator(const query::LogicalOperator& op);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_OPERATOR_H_
