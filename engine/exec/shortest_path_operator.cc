// Copyright (c) Cornerstone authors.
// shortestPath() and allShortestPaths() in MATCH: for each input row, the
// shortest paths between the two bound endpoints.
//
// A bidirectional breadth-first search (from the near end along the
// pattern's direction, from the far end against it, a level at a time on
// the side with the smaller frontier) labels nodes with their distances
// until the two sides meet. A depth-first walk from the near end then
// follows only nodes whose distances put them on a shortest path, so it
// enumerates exactly the shortest paths.
//
// WHERE conjuncts over the path or its relationships (the planner hands
// them over): `all` / `none` over its relationships or nodes are checked on
// each relationship and node the search crosses, as Neo4j does, so the
// search stays breadth-first. Any other is checked on each candidate path;
// when the shortest ones all fail, the walk tries longer paths (without
// repeated relationships), one length at a time, so the result is the
// shortest path that satisfies it. That search labels distances from the
// far end only, up to the maximum length, and is exponential in the worst
// case (like Neo4j's fallback); it honours cancellation.
#include <algorithm>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "engine/exec/eval.h"
#include "engine/exec/expand_common.h"

namespace cornerstone::engine {
namespace {

using query::Direction;

// Whether `e` reads row[slot] (conservatively true for subqueries).
bool ReadsSlot(const query::BoundExpr* e, query::Slot slot) {
  if (e == nullptr) return false;
  if (e->kind == query::BoundKind::kSlot && e->slot == slot) return true;
  if (e->subgraph || e->subquery) return true;
  for (const query::PathStep& step : e->path_steps) {
    if (step.slot == slot) return true;
  }
  for (const auto& c : e->children) {
    if (ReadsSlot(c.get(), slot)) return true;
  }
  return ReadsSlot(e->where.get(), slot) || ReadsSlot(e->projection.get(), slot);
}

Direction Reverse(Direction d) {
  if (d == Direction::kRight) return Direction::kLeft;
  if (d == Direction::kLeft) return Direction::kRight;
  return d;
}

class ShortestPathOperator : public ExpandBase {
 public:
  using ExpandBase::ExpandBase;

  void Open(EvalContext& ctx) override {
    ExpandBase::Open(ctx);
    found_.clear();
    next_ = 0;
    Classify();
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    const Graph& g = ctx.graph();
    Resolve(g);
    for (;;) {
      if (next_ < found_.size()) {
        Bind(g, row, found_[next_++]);
        return true;
      }
      if (!input().Next(ctx, row)) return false;
      BeginRow();
      found_.clear();
      next_ = 0;
      Search(ctx, row);
      if (!ctx.ok()) return false;
    }
  }

 private:
  // Relationships from the near end to the far end, in pattern order.
  using Rels = std::vector<RelId>;

  void Search(EvalContext& ctx, Row& row) {
    const Graph& g = ctx.graph();
    const Value& a = row[op_.from_slot];
    const Value& b = row[op_.to_slot];
    if (!IsPatternNode(a, ctx) || !IsPatternNode(b, ctx)) return;
    start_ = a.node_id();
    target_ = b.node_id();
    if (!g.NodeAlive(start_) || !g.NodeAlive(target_)) return;
    // Both ends are nodes of the path.
    if (!node_filters_.empty() && (!Holds(ctx, row, node_filters_, Value::Node(start_)) ||
                                   !Holds(ctx, row, node_filters_, Value::Node(target_)))) {
      return;
    }
    if (start_ == target_) {
      // Neo4j refuses a search between a node and itself; we return the
      // empty path when zero hops are allowed, and nothing otherwise.
      if (op_.min_hops == 0) TryPath(ctx, row, Rels{});
      return;
    }
    const bool filtered = !path_predicates_.empty();
    const int64_t max_hops = op_.max_hops < 0 ? static_cast<int64_t>(g.rel_count())
                                              : op_.max_hops;
    int64_t d = filtered ? Distances(ctx, row, max_hops) : Bidirectional(ctx, row, max_hops);
    if (!ctx.ok() || d < 0) return;
    for (int64_t length = d; length <= max_hops; ++length) {
      // Only the search for a path that satisfies the predicates can run
      // away; without an upper bound it stops at the statement's
      // max_var_length, as a variable-length pattern does.
      if (op_.max_hops < 0 && ctx.max_var_length() > 0 && length > ctx.max_var_length()) {
        ctx.VarLengthLimitExceeded();
        return;
      }
      Walk(ctx, row, length);
      if (!ctx.ok() || !found_.empty() || !filtered) return;
    }
  }

  // Breadth-first from both ends at once, a level at a time on the side
  // with the smaller frontier, until they meet: fills dist_from_ (from the
  // near end, levels up to radius_from_) and dist_to_ (to the far end, up
  // to radius_to_). Returns the shortest length, or -1 when there is no
  // path within max_hops.
  int64_t Bidirectional(EvalContext& ctx, Row& row, int64_t max_hops) {
    const Graph& g = ctx.graph();
    dist_from_.clear();
    dist_to_.clear();
    dist_from_[start_] = 0;
    dist_to_[target_] = 0;
    radius_from_ = radius_to_ = 0;
    std::vector<NodeId> from_level{start_}, to_level{target_}, next_level;
    std::vector<ExpandStep> steps;
    int64_t best = -1;
    while (best < 0 && radius_from_ + radius_to_ < max_hops && !from_level.empty() &&
           !to_level.empty()) {
      const bool forward = from_level.size() <= to_level.size();
      std::vector<NodeId>& level = forward ? from_level : to_level;
      auto& mine = forward ? dist_from_ : dist_to_;
      const auto& other = forward ? dist_to_ : dist_from_;
      const Direction direction = forward ? op_.direction : Reverse(op_.direction);
      const int64_t depth = (forward ? radius_from_ : radius_to_) + 1;
      next_level.clear();
      for (NodeId n : level) {
        if (ctx.Cancelled()) return -1;
        steps.clear();
        Steps(g, n, direction, &steps);
        for (const ExpandStep& s : steps) {
          if (mine.contains(s.next)) continue;
          if (!Usable(ctx, row, s.rel, s.next)) {
            if (!ctx.ok()) return -1;
            continue;
          }
          mine[s.next] = depth;
          next_level.push_back(s.next);
          if (auto o = other.find(s.next); o != other.end()) {
            if (best < 0 || depth + o->second < best) best = depth + o->second;
          }
        }
      }
      level.swap(next_level);
      (forward ? radius_from_ : radius_to_) = depth;
    }
    return best;
  }

  // With predicates, which may need paths longer than the shortest: the
  // distance to the far end of every node within max_hops of it (one
  // breadth-first search against the pattern's direction). Returns the
  // near end's distance, or -1.
  int64_t Distances(EvalContext& ctx, Row& row, int64_t max_hops) {
    const Graph& g = ctx.graph();
    dist_from_.clear();
    dist_to_.clear();
    dist_to_[target_] = 0;
    radius_from_ = -1;  // no constraint from the near end
    radius_to_ = max_hops;
    std::vector<NodeId> level{target_}, next_level;
    std::vector<ExpandStep> steps;
    const Direction back = Reverse(op_.direction);
    for (int64_t depth = 1; depth <= max_hops && !level.empty(); ++depth) {
      next_level.clear();
      for (NodeId n : level) {
        if (ctx.Cancelled()) return -1;
        steps.clear();
        Steps(g, n, back, &steps);
        for (const ExpandStep& s : steps) {
          if (dist_to_.contains(s.next)) continue;
          if (!Usable(ctx, row, s.rel, s.next)) {
            if (!ctx.ok()) return -1;
            continue;
          }
          dist_to_[s.next] = depth;
          next_level.push_back(s.next);
        }
      }
      level.swap(next_level);
    }
    auto it = dist_to_.find(start_);
    return it == dist_to_.end() ? -1 : it->second;
  }

  // Whether `node` may be the `pos`-th node of a path of `length` hops:
  // exactly `pos` hops from the near end where that side was searched, and
  // at most `length - pos` hops from the far end where that side was.
  bool OnTheWay(NodeId node, int64_t pos, int64_t length) const {
    if (pos <= radius_from_) {
      auto a = dist_from_.find(node);
      if (a == dist_from_.end() || a->second != pos) return false;
    }
    if (length - pos <= radius_to_) {
      auto b = dist_to_.find(node);
      if (b == dist_to_.end() || b->second > length - pos) return false;
    }
    return true;
  }

  // Depth-first walk from the near end over paths of `length` hops
  // (iterative: with predicates, paths may be long). Returns false to stop
  // early (one path found for shortestPath, or an error).
  bool Walk(EvalContext& ctx, Row& row, int64_t length) {
    const Graph& g = ctx.graph();
    Rels path;
    if (frames_.empty()) frames_.emplace_back();
    frames_[0].steps.clear();
    frames_[0].pos = 0;
    Steps(g, start_, op_.direction, &frames_[0].steps);
    int64_t depth = 0;
    while (depth >= 0) {
      Frame& f = frames_[depth];
      if (f.pos >= f.steps.size()) {
        --depth;
        if (!path.empty()) path.pop_back();
        continue;
      }
      const ExpandStep s = f.steps[f.pos++];
      if (!OnTheWay(s.next, depth + 1, length)) continue;
      // Shortest paths never repeat a relationship; longer ones must not.
      if (std::find(path.begin(), path.end(), s.rel) != path.end()) continue;
      if (!Usable(ctx, row, s.rel, s.next)) {
        if (!ctx.ok()) return false;
        continue;
      }
      if (depth + 1 == length) {
        if (s.next != target_) continue;
        path.push_back(s.rel);
        TryPath(ctx, row, path);
        path.pop_back();
        if (!ctx.ok() || (!op_.all_shortest && !found_.empty())) return false;
        continue;
      }
      if (ctx.Cancelled()) return false;
      path.push_back(s.rel);
      ++depth;
      if (frames_.size() <= static_cast<size_t>(depth)) frames_.emplace_back();
      Frame& next = frames_[depth];
      next.steps.clear();
      next.pos = 0;
      Steps(g, s.next, op_.direction, &next.steps);
    }
    return true;
  }

  // Splits the predicates: `all(x IN relationships(p) WHERE ...)` and
  // `none(...)` over the relationships (or the relationship list variable),
  // and the same over nodes(p), hold for a path exactly when they hold for
  // each of its elements, so the search checks them on every relationship
  // and node it crosses (as Neo4j does) and stays a breadth-first search.
  // The others are checked on whole candidate paths.
  void Classify() {
    rel_filters_.clear();
    node_filters_.clear();
    path_predicates_.clear();
    for (const query::BoundExpr* p : op_.predicates) {
      bool per_element = false, nodes = false;
      if (p->kind == query::BoundKind::kQuantifier && p->where != nullptr &&
          (p->quantifier == query::QuantifierKind::kAll ||
           p->quantifier == query::QuantifierKind::kNone)) {
        const query::BoundExpr& list = *p->children[0];
        bool over_path = list.kind == query::BoundKind::kFunction && list.children.size() == 1 &&
                         list.children[0]->kind == query::BoundKind::kSlot &&
                         op_.path_slot != query::kNoSlot &&
                         list.children[0]->slot == op_.path_slot;
        if (list.kind == query::BoundKind::kSlot && list.slot == op_.rel_slot) {
          per_element = true;
        } else if (over_path && absl::EqualsIgnoreCase(list.name, "relationships")) {
          per_element = true;
        } else if (over_path && absl::EqualsIgnoreCase(list.name, "nodes")) {
          per_element = nodes = true;
        }
        // The condition must not read the path being searched.
        if (ReadsSlot(p->where.get(), op_.rel_slot) ||
            (op_.path_slot != query::kNoSlot && ReadsSlot(p->where.get(), op_.path_slot))) {
          per_element = false;
        }
      }
      if (!per_element) {
        path_predicates_.push_back(p);
      } else {
        (nodes ? node_filters_ : rel_filters_).push_back(p);
      }
    }
  }

  // Whether every per-element filter in `filters` holds for `element`.
  bool Holds(EvalContext& ctx, Row& row, const std::vector<const query::BoundExpr*>& filters,
             const Value& element) {
    for (const query::BoundExpr* f : filters) {
      row[f->slot] = element;
      Value v = Evaluate(*f->where, row, ctx);
      if (!ctx.ok() || v.kind() != Kind::kBool) return false;
      if (v.bool_value() != (f->quantifier == query::QuantifierKind::kAll)) return false;
    }
    return true;
  }

  // A relationship the search may cross to reach `next`.
  bool Usable(EvalContext& ctx, Row& row, RelId rel, NodeId next) {
    return Accept(ctx, row, rel) &&
           (rel_filters_.empty() || Holds(ctx, row, rel_filters_, Value::Rel(rel))) &&
           (node_filters_.empty() || Holds(ctx, row, node_filters_, Value::Node(next)));
  }

  // Keeps `rels` when the whole-path predicates hold for it.
  void TryPath(EvalContext& ctx, Row& row, const Rels& rels) {
    if (!path_predicates_.empty()) {
      Bind(ctx.graph(), row, rels);
      for (const query::BoundExpr* p : path_predicates_) {
        if (!EvaluatePredicate(*p, row, ctx)) return;
      }
    }
    found_.push_back(rels);
  }

  void Bind(const Graph& g, Row& row, const Rels& rels) {
    List list;
    list.reserve(rels.size());
    for (RelId r : rels) list.push_back(Value::Rel(r));
    row[op_.rel_slot] = Value::MakeList(std::move(list));
    if (op_.path_slot == query::kNoSlot) return;
    PathData p;
    p.nodes.push_back(start_);
    for (RelId r : rels) {
      const RelRecord& rec = g.rel(r);
      p.nodes.push_back(rec.source == p.nodes.back() ? rec.target : rec.source);
      p.rels.push_back(r);
    }
    row[op_.path_slot] = Value::Path(std::move(p));
  }

  // The walk's stack: the steps out of each node of the current path.
  struct Frame {
    std::vector<ExpandStep> steps;
    size_t pos = 0;
  };
  std::vector<Frame> frames_;
  std::vector<const query::BoundExpr*> rel_filters_, node_filters_, path_predicates_;
  NodeId start_ = 0, target_ = 0;
  // Hops from the near end / to the far end, complete up to the radius.
  absl::flat_hash_map<NodeId, int64_t> dist_from_, dist_to_;
  int64_t radius_from_ = -1, radius_to_ = -1;
  std::vector<Rels> found_;
  size_t next_ = 0;
};

}  // namespace

PhysicalOperatorPtr MakeShortestPathOperator(const query::LogicalOperator& op) {
  if (op.kind != query::LogicalKind::kShortestPath) return nullptr;
  return std::make_unique<ShortestPathOperator>(op);
}

}  // namespace cornerstone::engine
