// Copyright (c) Cornerstone authors.
// Leaves and node sources: SingleRow, Argument, AllNodesScan, LabelScan,
// IndexSeek, and the node filter.
#include "engine/exec/eval.h"
#include "engine/exec/operator.h"

namespace cornerstone::engine {
namespace {

using query::LogicalKind;

class SingleRowOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext&) override { done_ = false; }

 protected:
  bool NextImpl(EvalContext&, Row&) override {
    if (done_) return false;
    done_ = true;
    return true;
  }

 private:
  bool done_ = false;
};

// Produces, for each input row, the nodes of a source (all nodes, a label's
// nodes, or an index lookup) in the operator's slot.
class NodeSourceOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;
  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    active_ = false;
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    const Graph& g = ctx.graph();
    for (;;) {
      if (!active_) {
        if (!input().Next(ctx, row)) return false;
        Start(ctx, row);
        active_ = true;
        pos_ = 0;
      }
      NodeId id;
      while (NextId(g, &id)) {
        if (!g.NodeAlive(id)) continue;
        row[op_.slot] = Value::Node(id);
        return true;
      }
      active_ = false;
      if (!ctx.ok()) return false;
    }
  }

  virtual void Start(EvalContext& ctx, Row& row) = 0;
  virtual bool NextId(const Graph& g, NodeId* id) = 0;

  bool active_ = false;
  size_t pos_ = 0;
};

class AllNodesScan : public NodeSourceOperator {
 public:
  using NodeSourceOperator::NodeSourceOperator;

 protected:
  void Start(EvalContext& ctx, Row&) override { end_ = ctx.graph().node_capacity(); }
  bool NextId(const Graph&, NodeId* id) override {
    if (pos_ >= end_) return false;
    *id = pos_++;
    return true;
  }

 private:
  size_t end_ = 0;
};

class LabelScan : public NodeSourceOperator {
 public:
  using NodeSourceOperator::NodeSourceOperator;

 protected:
  void Start(EvalContext& ctx, Row&) override {
    auto id = ctx.graph().labels().Find(op_.label);
    label_ = id ? static_cast<int64_t>(*id) : -1;
  }
  bool NextId(const Graph& g, NodeId* id) override {
    if (label_ < 0) return false;
    const std::vector<NodeId>& nodes = g.NodesWithLabel(static_cast<LabelId>(label_));
    if (pos_ >= nodes.size()) return false;
    *id = nodes[pos_++];
    return true;
  }

 private:
  int64_t label_ = -1;
};

class IndexSeek : public NodeSourceOperator {
 public:
  using NodeSourceOperator::NodeSourceOperator;

 protected:
  void Start(EvalContext& ctx, Row& row) override {
    hits_.clear();
    Value v = Evaluate(*op_.expr, row, ctx);
    const Graph& g = ctx.graph();
    auto label = g.labels().Find(op_.label);
    auto key = g.keys().Find(op_.key);
    if (v.is_null() || !label || !key || !g.HasIndex(*label, *key)) return;
    hits_ = g.IndexLookup(*label, *key, v);
  }
  bool NextId(const Graph&, NodeId* id) override {
    if (pos_ >= hits_.size()) return false;
    *id = hits_[pos_++];
    return true;
  }

 private:
  std::vector<NodeId> hits_;
};

// The node filter and the predicate filter, one row at a time.
class FilterOperator : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    while (input().Next(ctx, row)) {
      if (FilterPasses(op_, ctx, row)) return true;
      if (!ctx.ok()) return false;
    }
    return false;
  }
};

}  // namespace

bool IsPatternNode(const Value& v, EvalContext& ctx) {
  if (v.kind() == Kind::kNode) return true;
  if (!v.is_null()) {
    ctx.Fail(query::ErrorKind::kTypeError,
             absl::StrCat("Type mismatch: expected a node in the pattern but was ", TypeName(v)));
  }
  return false;
}

bool FilterPasses(const query::LogicalOperator& op, EvalContext& ctx, Row& row) {
  if (op.expr != nullptr) return EvaluatePredicate(*op.expr, row, ctx);
  // The node in `slot` must carry `labels` and match the pattern's property
  // equalities (all but the one an index seek already checked).
  const Value& v = row[op.slot];
  if (!IsPatternNode(v, ctx)) return false;
  const Graph& g = ctx.graph();
  for (const std::string& l : op.labels) {
    auto id = ctx.LabelIdOf(l);
    if (!id || !g.HasLabel(v.node_id(), *id)) return false;
  }
  if (op.node_properties == nullptr) return true;
  for (size_t i = 0; i < op.node_properties->size(); ++i) {
    if (static_cast<int>(i) == op.skip_property) continue;
    const auto& [key, expr] = (*op.node_properties)[i];
    if (Equals(PlanPropertyOf(v, key, ctx), Evaluate(*expr, row, ctx)) != Tri::kTrue) return false;
  }
  return true;
}

PhysicalOperatorPtr MakeScanOperator(const query::LogicalOperator& op) {
  switch (op.kind) {
    case LogicalKind::kSingleRow:
    case LogicalKind::kArgument: return std::make_unique<SingleRowOperator>(op);
    case LogicalKind::kAllNodesScan: return std::make_unique<AllNodesScan>(op);
    case LogicalKind::kLabelScan: return std::make_unique<LabelScan>(op);
    case LogicalKind::kIndexSeek: return std::make_unique<IndexSeek>(op);
    case LogicalKind::kFilter: return std::make_unique<FilterOperator>(op);
    default: return nullptr;
  }
}

}  // namespace cornerstone::engine
