// Copyright (c) Cornerstone authors.
// Expand (one hop) and VarLengthExpand (a range of hops, depth first).
// Both read a node's adjacency of the wanted types as contiguous spans and
// allocate nothing per row once warmed up.
#include <algorithm>

#include "absl/strings/str_cat.h"
#include "engine/exec/eval.h"
#include "engine/exec/expand_common.h"
#include "queries/parse/error.h"

namespace cornerstone::engine {

using query::Direction;
using query::LogicalKind;

void ExpandBase::Resolve(const Graph& g) {
  if (resolved_) return;
  resolved_ = true;
  type_ids_.clear();
  for (const std::string& t : op_.types) {
    if (auto id = g.types().Find(t)) type_ids_.push_back(*id);
  }
  valid_from_key_ = g.keys().Find("valid_from");
  valid_to_key_ = g.keys().Find("valid_to");
  valid_at_ready_ = false;
}

void ExpandBase::Steps(const Graph& g, NodeId node, Direction direction,
                       std::vector<ExpandStep>* out) {
  bool out_dir = direction != Direction::kLeft;
  bool in_dir = direction != Direction::kRight;
  auto add = [&](std::span<const Adjacency> adj, bool incoming) {
    for (const Adjacency& a : adj) {
      // An undirected pattern meets a self-loop once, not twice.
      if (incoming && out_dir && a.other == node) continue;
      out->push_back(ExpandStep{a.rel, a.other});
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

namespace {

// The entries of `adj` (sorted by type, other, rel) of type `type` that lead
// to `other`: a binary search instead of a walk over the node's adjacency.
std::span<const Adjacency> EntriesTo(std::span<const Adjacency> adj, TypeId type, NodeId other) {
  auto less = [](const Adjacency& a, std::pair<TypeId, NodeId> key) {
    return std::pair<TypeId, NodeId>(a.type, a.other) < key;
  };
  auto greater = [](std::pair<TypeId, NodeId> key, const Adjacency& a) {
    return key < std::pair<TypeId, NodeId>(a.type, a.other);
  };
  auto lo = std::lower_bound(adj.begin(), adj.end(), std::pair(type, other), less);
  auto hi = std::upper_bound(lo, adj.end(), std::pair(type, other), greater);
  return adj.subspan(lo - adj.begin(), hi - lo);
}

}  // namespace

void ExpandBase::StepsTo(const Graph& g, NodeId node, NodeId target, std::vector<ExpandStep>* out) {
  bool out_dir = op_.direction != Direction::kLeft;
  bool in_dir = op_.direction != Direction::kRight;
  // Without a type: every type the graph has (each is one binary search);
  // with very many types a walk over the adjacency is cheaper.
  if (op_.types.empty() && g.types().size() > 16) {
    size_t first = out->size();
    Steps(g, node, out);
    out->erase(std::remove_if(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
                              [&](const ExpandStep& s) { return s.next != target; }),
               out->end());
    return;
  }
  auto add = [&](TypeId t) {
    if (out_dir) {
      for (const Adjacency& a : EntriesTo(g.Out(node), t, target)) out->push_back({a.rel, a.other});
    }
    // An undirected pattern meets a self-loop once, not twice.
    if (in_dir && !(out_dir && target == node)) {
      for (const Adjacency& a : EntriesTo(g.In(node), t, target)) out->push_back({a.rel, a.other});
    }
  };
  if (op_.types.empty()) {
    for (TypeId t = 0; t < g.types().size(); ++t) add(t);
  } else {
    for (TypeId t : type_ids_) add(t);
  }
}

bool ExpandBase::Accept(EvalContext& ctx, Row& row, RelId rel) {
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
  if (op_.valid_at != nullptr && !ValidAt(ctx, row, rel)) return false;
  if (op_.rel_properties == nullptr || op_.rel_properties->empty()) return true;
  Value rv = Value::Rel(rel);
  for (const auto& [key, expr] : *op_.rel_properties) {
    if (Equals(PlanPropertyOf(rv, key, ctx), Evaluate(*expr, row, ctx)) != Tri::kTrue) return false;
  }
  return true;
}

// valid_from / valid_to of `rel` as a time point (a DATE is the start of its
// day; a DATETIME counts by its local date and time). Absent: nullopt.
bool ExpandBase::Bound(EvalContext& ctx, RelId rel, std::optional<KeyId> key, const char* name,
                       std::optional<TimePoint>* out) {
  out->reset();
  if (!key) return true;
  PropertyRef v = ctx.graph().rel(rel).properties.Get(*key);
  if (v == nullptr || v->is_null()) return true;
  if (v->kind() != Kind::kTemporal || !v->temporal_value().has_date()) {
    ctx.Fail(query::ErrorKind::kTypeError,
             absl::StrCat("AS OF: the relationship property ", name,
                          " must be a DATE or DATETIME, but was ", TypeName(*v)));
    return false;
  }
  const Temporal& t = v->temporal_value();
  *out = TimePoint{t.epoch_day, t.has_time() ? t.nanos_of_day : 0};
  return true;
}

// Half-open validity: valid_from <= d < valid_to, a missing bound is open.
bool ExpandBase::ValidAt(EvalContext& ctx, Row& row, RelId rel) {
  if (!valid_at_ready_) {
    Value d = Evaluate(*op_.valid_at, row, ctx);
    if (!ctx.ok()) return false;
    valid_at_null_ = d.is_null();
    if (!d.is_null()) {
      if (d.kind() != Kind::kTemporal || !d.temporal_value().has_date()) {
        ctx.Fail(query::ErrorKind::kTypeError,
                 absl::StrCat("AS OF expects a DATE, LOCAL DATETIME or DATETIME, but was ",
                              TypeName(d)));
        return false;
      }
      const Temporal& t = d.temporal_value();
      valid_at_ = TimePoint{t.epoch_day, t.has_time() ? t.nanos_of_day : 0};
    }
    valid_at_ready_ = true;
  }
  // AS OF null: no relationship is known to be valid.
  if (valid_at_null_) return false;
  std::optional<TimePoint> from, to;
  if (!Bound(ctx, rel, valid_from_key_, "valid_from", &from) ||
      !Bound(ctx, rel, valid_to_key_, "valid_to", &to)) {
    return false;
  }
  return (!from || *from <= valid_at_) && (!to || valid_at_ < *to);
}

namespace {

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
        const ExpandStep& s = steps_[pos_++];
        if (op_.rel_bound) {
          const Value& bound = row[op_.rel_slot];
          if (bound.kind() != Kind::kRel || bound.rel_id() != s.rel) continue;
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
      BeginRow();
      steps_.clear();
      pos_ = 0;
      const Value& from = row[op_.from_slot];
      if (!IsPatternNode(from, ctx) || (op_.into && !IsPatternNode(row[op_.to_slot], ctx))) {
        if (!ctx.ok()) return false;
        continue;
      }
      if (!g.NodeAlive(from.node_id())) continue;
      if (!op_.into) {
        Steps(g, from.node_id(), &steps_);
      } else {
        StepsTo(g, from.node_id(), row[op_.to_slot].node_id(), &steps_);
      }
    }
  }

 private:
  std::vector<ExpandStep> steps_;
  size_t pos_ = 0;
};

// Every live relationship of one type, in id order, per input row: the
// relationship and both its ends are bound. Checks what Expand checks
// (isomorphism, property map, AS OF) through ExpandBase::Accept.
class RelTypeScanOperator : public ExpandBase {
 public:
  using ExpandBase::ExpandBase;
  void Open(EvalContext& ctx) override {
    ExpandBase::Open(ctx);
    next_ = 0;
    have_row_ = false;
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    const Graph& g = ctx.graph();
    Resolve(g);
    for (;;) {
      if (have_row_ && !type_ids_.empty()) {
        const TypeId type = type_ids_[0];
        while (next_ < g.rel_capacity()) {
          const RelId id = next_++;
          if (!g.RelAlive(id)) continue;
          const RelRecord& r = g.rel(id);
          if (r.type != type) continue;
          if (!Accept(ctx, row, id)) {
            if (!ctx.ok()) return false;
            continue;
          }
          row[op_.rel_slot] = Value::Rel(id);
          row[op_.from_slot] = Value::Node(r.source);
          row[op_.to_slot] = Value::Node(r.target);
          return true;
        }
      }
      if (!input().Next(ctx, row)) return false;
      BeginRow();
      have_row_ = true;
      next_ = 0;
    }
  }

 private:
  RelId next_ = 0;
  bool have_row_ = false;
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
        BeginRow();
        const Value& from = row[op_.from_slot];
        if (!IsPatternNode(from, ctx)) {
          if (!ctx.ok()) return false;
          continue;
        }
        if (!g.NodeAlive(from.node_id())) continue;
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
    std::vector<ExpandStep> steps;
    size_t pos = 0;
  };

  void Push(const Graph& g, NodeId node) {
    ++depth_;
    if (frames_.size() <= static_cast<size_t>(depth_)) frames_.emplace_back();
    Frame& f = frames_[depth_];
    f.steps.clear();
    f.pos = 0;
    // A node at the last hop is an end, never a way on: its adjacency is
    // not read (for [*1..3] that is most of the nodes the search reaches).
    if (op_.max_hops >= 0 && static_cast<int64_t>(path_.size()) >= op_.max_hops) return;
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
      ExpandStep s = f.steps[f.pos++];
      if (OnPath(s.rel) || !Accept(ctx, row, s.rel)) {
        if (!ctx.ok()) return false;
        continue;
      }
      // An unbounded pattern ([*], [*n..]) stops with an error past the
      // statement's max_var_length instead of silently cutting paths off.
      if (op_.max_hops < 0 && ctx.max_var_length() > 0 &&
          static_cast<int64_t>(path_.size()) >= ctx.max_var_length()) {
        ctx.VarLengthLimitExceeded();
        return false;
      }
      path_.push_back(s.rel);
      Push(g, s.next);
      // Frames are reused; charge the memory budget when the search first
      // reaches a depth (a long path holds a frame per hop).
      if (frames_.size() > charged_frames_) {
        charged_frames_ = frames_.size();
        if (!ctx.Charge(static_cast<int64_t>(
                sizeof(Frame) + sizeof(RelId) +
                frames_.back().steps.capacity() * sizeof(ExpandStep)))) {
          return false;
        }
      }
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
    if (op_.rel_bound) {
      const Value& bound = row[op_.rel_slot];
      if (bound.kind() != Kind::kList || bound.list_value().size() != rels.size()) return false;
      for (size_t i = 0; i < rels.size(); ++i) {
        const Value& r = bound.list_value()[i];
        if (r.kind() != Kind::kRel || r.rel_id() != rels[i].rel_id()) return false;
      }
    }
    row[op_.rel_slot] = Value::MakeList(std::move(rels));
    if (!op_.into) row[op_.to_slot] = Value::Node(end);
    return true;
  }

  std::vector<Frame> frames_;
  size_t charged_frames_ = 0;  // frames charged to the memory budget
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
  if (op.kind == LogicalKind::kRelTypeScan) return std::make_unique<RelTypeScanOperator>(op);
  if (op.kind == LogicalKind::kExpand && op.counting) return MakeCountExpandOperator(op);
  if (op.kind == LogicalKind::kExpand) return std::make_unique<ExpandOperator>(op);
  if (op.kind == LogicalKind::kVarExpand) return std::make_unique<VarExpandOperator>(op);
  return nullptr;
}

}  // namespace cornerstone::engine
