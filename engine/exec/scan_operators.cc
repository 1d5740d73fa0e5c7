// Copyright (c) Cornerstone authors.
// Leaves and node sources: SingleRow, Argument, AllNodesScan, LabelScan,
// IndexSeek, and the node filter.
#include <array>
#include <memory>

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
        if (Accept(ctx, row)) return true;
        if (!ctx.ok()) return false;
      }
      active_ = false;
      if (!ctx.ok()) return false;
    }
  }

  virtual void Start(EvalContext& ctx, Row& row) = 0;
  virtual bool NextId(const Graph& g, NodeId* id) = 0;
  // A further test of the node just bound in the row (FilteredLabelScan).
  virtual bool Accept(EvalContext&, Row&) { return true; }

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

// A label scan with the comparisons FoldScanFilters gave it. Those whose
// property has a column of the constant's type (PropertyColumn) are tested on a
// block of the column at a time, into a selection of passing positions; the
// rest are evaluated on each selected node, as the filter would have.
class FilteredLabelScan : public NodeSourceOperator {
 public:
  using NodeSourceOperator::NodeSourceOperator;

 protected:
  void Start(EvalContext& ctx, Row&) override { Prepare(ctx); }
  bool NextId(const Graph&, NodeId* id) override {
    while (sel_pos_ == sel_size_) {
      if (pos_ >= nodes_->size()) return false;
      FillBlock();
    }
    *id = (*nodes_)[sel_[sel_pos_++]];
    return true;
  }
  bool Accept(EvalContext& ctx, Row& row) override { return Passes(ctx, row); }

 private:
  static constexpr size_t kBlock = 1024;
  struct ColumnTest {
    std::shared_ptr<const PropertyColumn> column;
    query::BinaryOp op;  // column op constant
    int64_t int_value = 0;
    double float_value = 0;
  };

  static query::BinaryOp Flip(query::BinaryOp op) {
    switch (op) {
      case query::BinaryOp::kLt: return query::BinaryOp::kGt;
      case query::BinaryOp::kLe: return query::BinaryOp::kGe;
      case query::BinaryOp::kGt: return query::BinaryOp::kLt;
      case query::BinaryOp::kGe: return query::BinaryOp::kLe;
      default: return op;
    }
  }

  void Prepare(EvalContext& ctx) {
    const Graph& g = ctx.graph();
    tests_.clear();
    rest_.clear();
    pos_ = sel_pos_ = sel_size_ = 0;
    static const std::vector<NodeId> kNone;
    nodes_ = &kNone;
    auto label = ctx.LabelIdOf(op_.label);
    if (!label) return;
    nodes_ = &g.NodesWithLabel(*label);
    for (const query::BoundExpr* p : op_.predicates) {
      const bool property_first = p->children[0]->kind == query::BoundKind::kProperty;
      const query::BoundExpr& property = *p->children[property_first ? 0 : 1];
      const Value& constant = p->children[property_first ? 1 : 0]->constant;
      auto key = ctx.KeyIdOf(property.name);
      if (!key) {
        // No node has the key: every comparison is null.
        nodes_ = &kNone;
        return;
      }
      std::shared_ptr<const PropertyColumn> column;
      if (constant.kind() == Kind::kInt || constant.kind() == Kind::kFloat) {
        column = g.Column(*label, *key);
      }
      const bool ints = column != nullptr && column->type == PropertyColumn::Type::kInt &&
                        constant.kind() == Kind::kInt;
      const bool floats = column != nullptr && column->type == PropertyColumn::Type::kFloat &&
                          constant.kind() == Kind::kFloat;
      if (!ints && !floats) {
        rest_.push_back(p);
        continue;
      }
      ColumnTest t{column, property_first ? p->binary_op : Flip(p->binary_op)};
      if (ints) t.int_value = constant.int_value();
      if (floats) t.float_value = constant.float_value();
      tests_.push_back(std::move(t));
    }
    // Every column was built at this version of the graph from the label's
    // nodes, so positions in them are positions in the label's list.
    if (!tests_.empty()) nodes_ = &tests_[0].column->ids;
  }

  // The positions of the next block of nodes_ that pass every column test.
  void FillBlock() {
    const size_t begin = pos_;
    const size_t end = std::min(nodes_->size(), begin + kBlock);
    pos_ = end;
    sel_pos_ = 0;
    sel_size_ = 0;
    if (tests_.empty()) {
      for (size_t i = begin; i < end; ++i) sel_[sel_size_++] = static_cast<uint32_t>(i);
      return;
    }
    bool first = true;
    for (const ColumnTest& t : tests_) {
      if (t.column->type == PropertyColumn::Type::kInt) {
        Select(t, t.column->ints.data(), t.int_value, begin, end, first);
      } else {
        Select(t, t.column->floats.data(), t.float_value, begin, end, first);
      }
      first = false;
      if (sel_size_ == 0) return;
    }
  }

  template <typename T>
  void Select(const ColumnTest& t, const T* v, T c, size_t begin, size_t end, bool first) {
    switch (t.op) {
      case query::BinaryOp::kLt: Refine(t, v, begin, end, first, [c](T x) { return x < c; }); break;
      case query::BinaryOp::kLe: Refine(t, v, begin, end, first, [c](T x) { return x <= c; }); break;
      case query::BinaryOp::kGt: Refine(t, v, begin, end, first, [c](T x) { return x > c; }); break;
      default: Refine(t, v, begin, end, first, [c](T x) { return x >= c; }); break;
    }
  }

  // First test: the positions of [begin, end) that pass; later tests keep
  // the selected positions that pass. Branch-free: a position is written
  // always and kept by advancing the count.
  template <typename T, typename Test>
  void Refine(const ColumnTest& t, const T* v, size_t begin, size_t end, bool first, Test test) {
    const uint8_t* present = t.column->present.empty() ? nullptr : t.column->present.data();
    size_t n = 0;
    if (first) {
      for (size_t i = begin; i < end; ++i) {
        sel_[n] = static_cast<uint32_t>(i);
        n += test(v[i]) & (present == nullptr || present[i] != 0);
      }
    } else {
      for (size_t k = 0; k < sel_size_; ++k) {
        const uint32_t i = sel_[k];
        sel_[n] = i;
        n += test(v[i]) & (present == nullptr || present[i] != 0);
      }
    }
    sel_size_ = n;
  }

  bool Passes(EvalContext& ctx, Row& row) {
    for (const query::BoundExpr* p : rest_) {
      if (!EvaluatePredicate(*p, row, ctx)) return false;
    }
    return true;
  }

  std::vector<ColumnTest> tests_;
  std::vector<const query::BoundExpr*> rest_;  // evaluated per node
  const std::vector<NodeId>* nodes_ = nullptr;  // pos_: the next position to select from
  std::array<uint32_t, kBlock> sel_{};
  size_t sel_pos_ = 0, sel_size_ = 0;
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
    case LogicalKind::kLabelScan:
      if (!op.predicates.empty()) return std::make_unique<FilteredLabelScan>(op);
      return std::make_unique<LabelScan>(op);
    case LogicalKind::kIndexSeek: return std::make_unique<IndexSeek>(op);
    case LogicalKind::kFilter: return std::make_unique<FilterOperator>(op);
    default: return nullptr;
  }
}

}  // namespace cornerstone::engine
