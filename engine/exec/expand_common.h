// Copyright (c) Cornerstone authors.
// What the expanding operators share (Expand, VarLengthExpand in
// expand_operators.cc, ShortestPath in shortest_path_operator.cc): which
// adjacency spans to walk, and the checks every relationship they cross
// must pass (isomorphism, the pattern's property map, MATCH ... AS OF).
#ifndef CORNERSTONE_ENGINE_EXEC_EXPAND_COMMON_H_
#define CORNERSTONE_ENGINE_EXEC_EXPAND_COMMON_H_

#include <optional>
#include <string>
#include <vector>

#include "engine/exec/operator.h"

namespace cornerstone::engine {

// One step candidate: a relationship and the node it leads to.
struct ExpandStep {
  RelId rel;
  NodeId next;
};

class ExpandBase : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;

  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    resolved_ = false;
  }

 protected:
  // Resolves type and key names once per execution (they may be created by
  // the statement's own writes before this operator first runs).
  void Resolve(const Graph& g);

  // Appends the steps leaving `node` (in `direction`, filtered by the
  // operator's types) to `out`.
  void Steps(const Graph& g, NodeId node, query::Direction direction, std::vector<ExpandStep>* out);
  void Steps(const Graph& g, NodeId node, std::vector<ExpandStep>* out) {
    Steps(g, node, op_.direction, out);
  }
  // The steps of Steps(g, node, out) that lead to `target` (Expand(Into)).
  void StepsTo(const Graph& g, NodeId node, NodeId target, std::vector<ExpandStep>* out);

  // Relationship isomorphism with earlier relationships of the same MATCH,
  // the pattern's property map, and validity at the AS OF date. Evaluates
  // the AS OF date on first use after BeginRow(); false with !ctx.ok() on
  // an error.
  bool Accept(EvalContext& ctx, Row& row, RelId rel);

  // Call when a new input row arrives (the AS OF date may depend on it).
  void BeginRow() { valid_at_ready_ = false; }

  bool resolved_ = false;
  std::vector<TypeId> type_ids_;

 private:
  // A point on the local time line: (days since 1970-01-01, nanos of day).
  using TimePoint = std::pair<int64_t, int64_t>;
  bool ValidAt(EvalContext& ctx, Row& row, RelId rel);
  bool Bound(EvalContext& ctx, RelId rel, std::optional<KeyId> key, const char* name,
             std::optional<TimePoint>* out);

  std::optional<KeyId> valid_from_key_, valid_to_key_;
  bool valid_at_ready_ = false;
  bool valid_at_null_ = false;
  TimePoint valid_at_{0, 0};
};

// Expand that counts (LogicalOperator::counting); count_expand_operator.cc.
PhysicalOperatorPtr MakeCountExpandOperator(const query::LogicalOperator& op);

}  // namespace cornerstone::engine

#endif  // CORNERSTONE_ENGINE_EXEC_EXPAND_COMMON_H_
