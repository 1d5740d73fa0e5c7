// Copyright (c) Cornerstone authors.
// Expand (one hop) and VarLengthExpand (a range of hops, depth first).
// Both read a node's adjacency of the wanted types as contiguous spans and
// allocate nothing per row once warmed up.
#include <algorithm>

#include "engine/exec/eval.h"
#include "engine/exec/operator.h"

namespace cornerstone::engine {
namespace {

using query::Direction;
using query::LogicalKind;

// One step candidate: a relationship and the node it leads to.
struct Step {
  RelId rel;
  NodeId next;
};

// Shared logic: which adjacency spans to walk, and per-relationship checks.
class ExpandBase : public PhysicalOperator {
 public:
  using PhysicalOperator::PhysicalOperator;

  void Open(EvalContext& ctx) override {
    PhysicalOperator::Open(ctx);
    resolved_ = false;
  }

 protected:
  // Resolves type names once per execution (types may be created by the
  // statement's own writes before this operator first runs).
  void Resolve(const Graph& g) {
    if (resolved_) return;
    resolved_ = true;
    type_ids_.clear();
    for (const std::string& t : op_.types) {
      if (auto id = g.types().Find(t)) type_ids_.push_back(*id);
    }
  }

  // Appends the steps leaving `node` (in the operator's direction, filtered
  // by type) to `out`.
  void Steps(const Graph& g, NodeId node, std::vector<Step>* out) {
    bool out_dir = op_.direction != Direction::kLeft;
    bool in_dir = op_.direction != Direction::kRight;
    auto add = [&](std::span<const Adjacency> adj, bool incoming) {
      for (const Adjacency& a : adj) {
        // An undirected pattern meets a self-loop once, not twice.
        if (incoming && out_dir && a.other == node) continue;
        out->push_back(Step{a.rel, a.other});
      }
    };
    if (op_.types.empty()) {
      if (out_dir) add(g.Out(node), false);
      if (in_dir) add(g.In(node), true);
      return;
    }
    for (TypeId t : type_ids_) {
      if (out_dir) add(g.Out(node, t), false);
      if (in_dir) add(g.In(node, t), true);
    }
  }

  // Relationship isomorphism with earlier relationships of the same MATCH,
  // and the pattern's property map.
  bool Accept(EvalContext& ctx, Row& row, RelId rel) {
    for (const auto& [slot, is_list] : op_.distinct_from) {
      const Value& v = row[slot];
      if (v.is_null()) continue;
      if (!is_list) {
        if (v.rel_id() == rel) return false;
        continue;
      }
      for (const Value& r : v.list_value()) {
        if (r.rel_id() == rel) return false;
      }
    }
    if (op_.rel_properties == nullptr || op_.rel_properties->empty()) return true;
    Value rv = Value::Rel(rel);
    for (const auto& [key, expr] : *op_.rel_properties) {
      if (Equals(PropertyOf(rv, key, ctx), Evaluate(*expr, row, ctx)) != Tri::kTrue) return false;
    }
    return true;
  }

  bool resolved_ = false;
  std::vector<TypeId> type_ids_;
};

class ExpandOperator : public ExpandBase {
 public:
  using ExpandBase::ExpandBase;
  void Open(EvalContext& ctx) override {
    ExpandBase::Open(ctx);
    steps_.clear();
    pos_ = 0;
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    const Graph& g = ctx.graph();
    Resolve(g);
    for (;;) {
      while (pos_ < steps_.size()) {
        const Step& s = steps_[pos_++];
        if (op_.into) {
          const Value& to = row[op_.to_slot];
          if (to.kind() != Kind::kNode || to.node_id() != s.next) continue;
        }
        if (!Accept(ctx, row, s.rel)) {
          if (!ctx.ok()) return false;
          continue;
        }
        row[op_.rel_slot] = Value::Rel(s.rel);
        if (!op_.into) row[op_.to_slot] = Value::Node(s.next);
        return true;
      }
      if (!input().Next(ctx, row)) return false;
      steps_.clear();
      pos_ = 0;
      const Value& from = row[op_.from_slot];
      if (from.kind() == Kind::kNode && g.NodeAlive(from.node_id())) {
        Steps(g, from.node_id(), &steps_);
      }
    }
  }

 private:
  std::vector<Step> steps_;
  size_t pos_ = 0;
};

// Depth-first enumeration of all paths of min..max hops with no repeated
// relationship.
class VarExpandOperator : public ExpandBase {
 public:
  using ExpandBase::ExpandBase;

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    const Graph& g = ctx.graph();
    Resolve(g);
    for (;;) {
      if (depth_ < 0) {
        if (!input().Next(ctx, row)) return false;
        const Value& from = row[op_.from_slot];
        if (from.kind() != Kind::kNode || !g.NodeAlive(from.node_id())) continue;
        start_ = from.node_id();
        path_.clear();
        Push(g, start_);
        if (op_.min_hops == 0 && Emit(row, start_)) return true;
      }
      if (Advance(ctx, row)) return true;
      if (!ctx.ok()) return false;
    }
  }

 private:
  struct Frame {
    std::vector<Step> steps;
    size_t pos = 0;
  };

  void Push(const Graph& g, NodeId node) {
    ++depth_;
    if (frames_.size() <= static_cast<size_t>(depth_)) frames_.emplace_back();
    Frame& f = frames_[depth_];
    f.steps.clear();
    f.pos = 0;
    Steps(g, node, &f.steps);
  }

  bool OnPath(RelId rel) const {
    return std::find(path_.begin(), path_.end(), rel) != path_.end();
  }

  // Moves the search one step; true when a row was emitted.
  bool Advance(EvalContext& ctx, Row& row) {
    const Graph& g = ctx.graph();
    while (depth_ >= 0) {
      Frame& f = frames_[depth_];
      bool can_go_deeper = op_.max_hops < 0 || static_cast<int64_t>(path_.size()) < op_.max_hops;
      if (!can_go_deeper || f.pos >= f.steps.size()) {
        --depth_;
        if (!path_.empty()) path_.pop_back();
        continue;
      }
      Step s = f.steps[f.pos++];
      if (OnPath(s.rel) || !Accept(ctx, row, s.rel)) {
        if (!ctx.ok()) return false;
        continue;
      }
      path_.push_back(s.rel);
      Push(g, s.next);
      if (static_cast<int64_t>(path_.size()) >= op_.min_hops && Emit(row, s.next)) return true;
    }
    return false;
  }

  bool Emit(Row& row, NodeId end) {
    if (op_.into) {
      const Value& to = row[op_.to_slot];
      if (to.kind() != Kind::kNode || to.node_id() != end) return false;
    }
    List rels;
    rels.reserve(path_.size());
    for (RelId r : path_) rels.push_back(Value::Rel(r));
    if (op_.reversed) std::reverse(rels.begin(), rels.end());
    row[op_.rel_slot] = Value::MakeList(std::move(rels));
    if (!op_.into) row[op_.to_slot] = Value::Node(end);
    return true;
  }

  std::vector<Frame> frames_;
  std::vector<RelId> path_;
  NodeId start_ = 0;
  int depth_ = -1;

 public:
  void Open(EvalContext& ctx) override {
    ExpandBase::Open(ctx);
    depth_ = -1;
  }
};

}  // namespace

PhysicalOperatorPtr MakeExpandOperator(const query::LogicalOperator& op) {
  if (op.kind == LogicalKind::kExpand) return std::make_unique<ExpandOperator>(op);
  if (op.kind == LogicalKind::kVarExpand) return std::make_unique<VarExpandOperator>(op);
  return nullptr;
}

}  // namespace cornerstone::engine
