// Copyright (c) Cornerstone authors.
// CountExpand: an Expand under an aggregate that counts, per input row, the
// expansions that pass the operators it took in (filters and Expand(Into)
// checks, see PlanCountingExpansions), and emits the row once with that
// count in to_slot; the aggregate weighs the row by it.
//
// Three shapes are counted without visiting each expansion of each row:
//  * local: every test reads only the new node and relationship. The
//    relationships of a start node's expansions that pass them are kept
//    once per start node; a row's count is their number, less those the
//    row bound already (relationship isomorphism).
//  * comparison: the one test that reads the input row is `outer CMP n.key`
//    on the new node n, and the other tests read only n and the new
//    relationship. The numbers n.key over the expansions of a start node
//    that pass the other tests are gathered and sorted once per start node;
//    a row's count is then a binary search.
//  * cycle: an Expand(Into) closes the pattern back to a node X of the
//    input row, (from)-[t1]->(n)-[t2]->(X). The count is over the pairs of
//    entries of from's and X's adjacency lists that meet at the same n: a
//    merge of two lists sorted by neighbour, galloping through the longer
//    when one is much shorter, instead of a binary search per expansion.
//    A local count whose tests ask the new node for a label with few nodes,
//    `(c)-[:PURSUES]->(:Ambition {name: 'AGI'})`, switches, once enough
//    start nodes have been counted to pay for it, to the target side: the
//    passing expansions of every start node are found once, from the nodes
//    that pass the node's own tests, along their adjacency back; a start
//    node is then a bit and a binary search, not its own list out of cache.
// Anything else binds each expansion and evaluates the tests in order.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>

#include "engine/exec/eval.h"
#include "engine/exec/expand_common.h"
#include "engine/exec/functions.h"

namespace cornerstone::engine {

using query::BinaryOp;
using query::BoundExpr;
using query::BoundKind;
using query::Direction;
using query::LogicalKind;
using query::LogicalOperator;
using query::Slot;

namespace {

// True when `e` reads no slot outside `allowed` (subqueries and pattern
// predicates count as reading everything).
bool ReadsOnly(const BoundExpr* e, Slot a, Slot b) {
  if (e == nullptr) return true;
  if (e->subquery || e->subgraph || !e->path_steps.empty()) return false;
  if (e->kind == BoundKind::kSlot && e->slot != a && e->slot != b) return false;
  // rand() differs per expansion: a memo would repeat one draw.
  if (e->kind == BoundKind::kFunction && e->function != nullptr &&
      std::string_view(e->function->name) == "rand") {
    return false;
  }
  // Comprehension, quantifier and reduce variables are slots of their own.
  if (e->kind == BoundKind::kComprehension || e->kind == BoundKind::kQuantifier ||
      e->kind == BoundKind::kReduce) {
    return false;
  }
  for (const auto& c : e->children) {
    if (!ReadsOnly(c.get(), a, b)) return false;
  }
  return ReadsOnly(e->where.get(), a, b) && ReadsOnly(e->projection.get(), a, b);
}

// Exposes ExpandBase's helpers for an Expand(Into) taken into a count.
class IntoExpansion final : public ExpandBase {
 public:
  using ExpandBase::Accept;
  using ExpandBase::BeginRow;
  using ExpandBase::ExpandBase;
  using ExpandBase::Resolve;
  using ExpandBase::StepsTo;
  using ExpandBase::type_ids_;

 protected:
  bool NextImpl(EvalContext&, Row&) override { return false; }
};

class CountExpandOperator : public ExpandBase {
 public:
  explicit CountExpandOperator(const LogicalOperator& op) : ExpandBase(op) {
    const auto& counted = op_.counted;
    into_.resize(counted.size());
    scratch_.resize(counted.size());
    for (size_t i = 0; i < counted.size(); ++i) {
      if (counted[i]->kind == LogicalKind::kExpand) {
        into_[i] = std::make_unique<IntoExpansion>(*counted[i]);
      }
    }
    AnalyzeComparison();
    AnalyzeCycle();
    AnalyzeLocal();
    // (type_ids_ is resolved per statement: checked again in NextImpl.)
    single_type_candidate_ = op_.types.size() == 1 && op_.direction != Direction::kBoth;
  }

  void Open(EvalContext& ctx) override {
    ExpandBase::Open(ctx);
    for (auto& h : into_) {
      if (h) h->Open(ctx);
    }
    memo_.clear();
    local_memo_.clear();
    memo_slot_.clear();
    key_.reset();
    target_ = target_allowed_ ? TargetState::kUntried : TargetState::kNo;
    targets_found_ = false;
    targets_.clear();
    target_degree_ = 0;
    misses_ = 0;
    next_try_ = kFirstTry;
    target_bits_.clear();
    target_from_.clear();
    target_rels_.clear();
  }

 protected:
  bool NextImpl(EvalContext& ctx, Row& row) override {
    const Graph& g = ctx.graph();
    Resolve(g);
    single_type_ = single_type_candidate_ && type_ids_.size() == 1;
    for (auto& h : into_) {
      if (h) h->Resolve(g);
    }
    while (input().Next(ctx, row)) {
      BeginRow();
      const Value& from = row[op_.from_slot];
      if (!IsPatternNode(from, ctx)) {
        if (!ctx.ok()) return false;
        continue;
      }
      // No alive check: a deleted node has no relationships, so it counts
      // 0 like any node without matches (and reading its record, likely out
      // of cache, twice per new start node cost more than the count).
      const NodeId id = from.node_id();
      if (id >= g.node_capacity()) continue;
      // One bit, in cache, says most start nodes without a relationship of
      // the counted type count 0 (their records, out of cache, unread).
      if (single_type_ && !g.MayHaveType(id, type_ids_[0], op_.direction == Direction::kRight)) {
        continue;
      }
      const int64_t n = Count(ctx, row, id);
      if (!ctx.ok()) return false;
      if (n == 0) continue;
      row[op_.to_slot] = Value::Int(n);
      return true;
    }
    return false;
  }

 private:
  // The numbers of one start node's expansions (comparison shape), sorted,
  // and the same by relationship id for the isomorphism correction.
  struct Numbers {
    bool usable = true;   // false: a value was not a number (or was NaN)
    bool floats = false;  // doubles (ints converted) rather than ints
    std::vector<int64_t> ints;
    std::vector<double> doubles;
    std::vector<std::pair<RelId, int64_t>> ints_by_rel;
    std::vector<std::pair<RelId, double>> doubles_by_rel;
  };

  int64_t Count(EvalContext& ctx, Row& row, NodeId from) {
    if (compare_ >= 0) {
      if (auto n = CountByComparison(ctx, row, from)) return *n;
      if (!ctx.ok()) return 0;
    }
    if (into_index_ >= 0) return CountCycles(ctx, row, from);
    if (local_) {
      if (auto n = CountLocal(ctx, row, from)) return *n;
      if (!ctx.ok()) return 0;
    }
    return CountEach(ctx, row, from);
  }

  // Whether the row passes the counted filters that `use(i)` picks, in
  // order (false at the first that fails, or on an error: see ctx.ok()).
  template <typename Use>
  bool PassesCounted(EvalContext& ctx, Row& row, Use use) {
    for (size_t i = 0; i < op_.counted.size(); ++i) {
      if (use(i) && !FilterPasses(*op_.counted[i], ctx, row)) return false;
    }
    return true;
  }

  // ---- Each expansion ----

  int64_t CountEach(EvalContext& ctx, Row& row, NodeId from) {
    const Graph& g = ctx.graph();
    steps_.clear();
    Steps(g, from, &steps_);
    int64_t n = 0;
    for (const ExpandStep& s : steps_) {
      if (!Accept(ctx, row, s.rel)) {
        if (!ctx.ok()) return 0;
        continue;
      }
      row[op_.rel_slot] = Value::Rel(s.rel);
      row[op_.to_slot] = Value::Node(s.next);
      n += CountFrom(ctx, row, 0);
      if (!ctx.ok()) return 0;
    }
    return n;
  }

  // The number of ways the counted operators from `i` on pass the row.
  int64_t CountFrom(EvalContext& ctx, Row& row, size_t i) {
    const auto& counted = op_.counted;
    for (; i < counted.size(); ++i) {
      const LogicalOperator& c = *counted[i];
      if (c.kind == LogicalKind::kFilter) {
        if (!FilterPasses(c, ctx, row)) return 0;
        continue;
      }
      IntoExpansion& into = *into_[i];
      into.BeginRow();
      const Value& a = row[c.from_slot];
      const Value& b = row[c.to_slot];
      const Graph& g = ctx.graph();
      if (a.kind() != Kind::kNode || b.kind() != Kind::kNode || !g.NodeAlive(a.node_id())) {
        return 0;
      }
      std::vector<ExpandStep>& steps = scratch_[i];
      steps.clear();
      into.StepsTo(g, a.node_id(), b.node_id(), &steps);
      int64_t n = 0;
      for (const ExpandStep& s : steps) {
        if (!into.Accept(ctx, row, s.rel)) {
          if (!ctx.ok()) return 0;
          continue;
        }
        row[c.rel_slot] = Value::Rel(s.rel);
        n += CountFrom(ctx, row, i + 1);
        if (!ctx.ok()) return 0;
      }
      return n;
    }
    return 1;
  }

  // ---- Comparison shape ----

  void AnalyzeComparison() {
    if (op_.valid_at != nullptr || (op_.rel_properties && !op_.rel_properties->empty())) return;
    for (const auto& [slot, is_list] : op_.distinct_from) {
      if (is_list) return;
    }
    const Slot to = op_.to_slot, rel = op_.rel_slot;
    int outer = -1;
    for (size_t i = 0; i < op_.counted.size(); ++i) {
      const LogicalOperator& c = *op_.counted[i];
      if (c.kind != LogicalKind::kFilter) return;
      bool local;
      if (c.expr != nullptr) {
        local = ReadsOnly(c.expr, to, rel);
      } else {
        local = c.slot == to;
        if (local && c.node_properties != nullptr) {
          for (const auto& [key, e] : *c.node_properties) local &= ReadsOnly(e.get(), to, rel);
        }
      }
      if (local) continue;
      if (outer >= 0 || c.expr == nullptr) return;
      outer = static_cast<int>(i);
    }
    if (outer < 0) return;
    const BoundExpr& e = *op_.counted[outer]->expr;
    if (e.kind != BoundKind::kBinary) return;
    BinaryOp cmp = e.binary_op;
    if (cmp != BinaryOp::kEq && cmp != BinaryOp::kNe && cmp != BinaryOp::kLt &&
        cmp != BinaryOp::kLe && cmp != BinaryOp::kGt && cmp != BinaryOp::kGe) {
      return;
    }
    auto is_key_of_to = [&](const BoundExpr& x) {
      return x.kind == BoundKind::kProperty && x.children[0]->kind == BoundKind::kSlot &&
             x.children[0]->slot == to;
    };
    // Written as `outer CMP n.key`, flipping `n.key CMP outer`.
    const BoundExpr* key_side;
    const BoundExpr* outer_side;
    if (is_key_of_to(*e.children[1])) {
      key_side = e.children[1].get();
      outer_side = e.children[0].get();
    } else if (is_key_of_to(*e.children[0])) {
      key_side = e.children[0].get();
      outer_side = e.children[1].get();
      switch (cmp) {
        case BinaryOp::kLt: cmp = BinaryOp::kGt; break;
        case BinaryOp::kLe: cmp = BinaryOp::kGe; break;
        case BinaryOp::kGt: cmp = BinaryOp::kLt; break;
        case BinaryOp::kGe: cmp = BinaryOp::kLe; break;
        default: break;
      }
    } else {
      return;
    }
    // The outer side must not read the new node or relationship.
    if (!ReadsNeither(outer_side, to, rel)) return;
    compare_ = outer;
    cmp_ = cmp;
    key_name_ = &key_side->name;
    outer_expr_ = outer_side;
  }

  static bool ReadsNeither(const BoundExpr* e, Slot a, Slot b) {
    if (e == nullptr) return true;
    if (e->subquery || e->subgraph) return false;
    if (e->kind == BoundKind::kSlot && (e->slot == a || e->slot == b)) return false;
    for (const query::PathStep& s : e->path_steps) {
      if (s.slot == a || s.slot == b) return false;
    }
    for (const auto& c : e->children) {
      if (!ReadsNeither(c.get(), a, b)) return false;
    }
    return ReadsNeither(e->where.get(), a, b) && ReadsNeither(e->projection.get(), a, b);
  }

  // nullopt: count this row another way.
  std::optional<int64_t> CountByComparison(EvalContext& ctx, Row& row, NodeId from) {
    Value outer = Evaluate(*outer_expr_, row, ctx);
    if (!ctx.ok()) return 0;
    if (outer.is_null()) return 0;  // a comparison with null is never true
    if (!outer.is_number() || std::isnan(outer.number_value())) return std::nullopt;
    const Numbers* numbers = NumbersOf(ctx, row, from);
    if (!ctx.ok() || numbers == nullptr || !numbers->usable) return std::nullopt;
    int64_t n = numbers->floats ? CountCompared(numbers->doubles, outer)
                                : CountCompared(numbers->ints, outer);
    // Relationship isomorphism: an expansion along a relationship the row
    // bound already was counted, but does not match.
    for (const auto& [slot, is_list] : op_.distinct_from) {
      const Value& r = row[slot];
      if (r.kind() != Kind::kRel) continue;
      auto find = [&](const auto& by_rel) {
        auto it = std::lower_bound(by_rel.begin(), by_rel.end(), r.rel_id(),
                                   [](const auto& e, RelId id) { return e.first < id; });
        return it != by_rel.end() && it->first == r.rel_id() ? &*it : nullptr;
      };
      if (numbers->floats) {
        if (auto* e = find(numbers->doubles_by_rel)) n -= Holds(Compare(outer, Value::Float(e->second)));
      } else {
        if (auto* e = find(numbers->ints_by_rel)) n -= Holds(Compare(outer, Value::Int(e->second)));
      }
    }
    return n;
  }

  // Whether `outer cmp_ x` holds, given Compare(outer, x).
  bool Holds(int c) const {
    if (c == 2) return false;
    switch (cmp_) {
      case BinaryOp::kLt: return c < 0;
      case BinaryOp::kLe: return c <= 0;
      case BinaryOp::kGt: return c > 0;
      case BinaryOp::kGe: return c >= 0;
      case BinaryOp::kEq: return c == 0;
      case BinaryOp::kNe: return c != 0;
      default: return false;
    }
  }

  // The number of elements of sorted `xs` before the first x with
  // !before(x): a branch-free binary search (the loads of one search do not
  // wait on mispredicted branches).
  template <typename T, typename Before>
  static size_t Rank(const std::vector<T>& xs, Before before) {
    const T* base = xs.data();
    size_t n = xs.size();
    if (n == 0) return 0;
    while (n > 1) {
      const size_t half = n / 2;
      base = before(base[half - 1]) ? base + half : base;
      n -= half;
    }
    return static_cast<size_t>(base - xs.data()) + (before(*base) ? 1 : 0);
  }

  // How many x in sorted `xs` satisfy `outer cmp_ x`.
  template <typename T>
  int64_t CountCompared(const std::vector<T>& xs, const Value& outer) const {
    // Compare natively when outer has the elements' type, else as Cypher does.
    auto cmp = [&](T x) -> int {
      if constexpr (std::is_same_v<T, int64_t>) {
        if (outer.kind() == Kind::kInt) return x < outer.int_value() ? -1 : x > outer.int_value();
        return Compare(Value::Int(x), outer);
      } else {
        if (outer.kind() == Kind::kFloat) {
          return x < outer.float_value() ? -1 : x > outer.float_value();
        }
        return Compare(Value::Float(x), outer);
      }
    };
    auto below = [&] { return static_cast<int64_t>(Rank(xs, [&](T x) { return cmp(x) < 0; })); };
    auto not_above = [&] {
      return static_cast<int64_t>(Rank(xs, [&](T x) { return cmp(x) <= 0; }));
    };
    const int64_t n = static_cast<int64_t>(xs.size());
    switch (cmp_) {
      case BinaryOp::kLt: return n - not_above();  // outer < x
      case BinaryOp::kLe: return n - below();      // outer <= x
      case BinaryOp::kGt: return below();          // outer > x
      case BinaryOp::kGe: return not_above();      // outer >= x
      case BinaryOp::kEq: return not_above() - below();
      case BinaryOp::kNe: return n - (not_above() - below());
      default: return 0;
    }
  }

  // The sorted numbers of `from`'s expansions that pass the local tests;
  // nullptr on an error. Memoized per start node, found through a dense
  // index by node id (a hash lookup per row cost more than the count).
  const Numbers* NumbersOf(EvalContext& ctx, Row& row, NodeId from) {
    const Graph& g = ctx.graph();
    if (memo_slot_.empty()) {
      memo_slot_.assign(g.node_capacity(), 0);
      if (!ctx.Charge(static_cast<int64_t>(memo_slot_.size() * sizeof(uint32_t)))) return nullptr;
    }
    if (from < memo_slot_.size() && memo_slot_[from] != 0) return &memo_[memo_slot_[from] - 1];
    if (from >= memo_slot_.size() || memo_.size() >= UINT32_MAX - 1) return nullptr;
    if (!key_) key_ = ctx.KeyIdOf(*key_name_);
    Numbers m;
    values_.clear();
    steps_.clear();
    Steps(g, from, &steps_);
    for (const ExpandStep& s : steps_) {
      row[op_.rel_slot] = Value::Rel(s.rel);
      row[op_.to_slot] = Value::Node(s.next);
      const bool passes =
          PassesCounted(ctx, row, [&](size_t i) { return static_cast<int>(i) != compare_; });
      if (!ctx.ok()) return nullptr;
      if (!passes) continue;
      PropertyRef v = *key_ ? g.node(s.next).properties.Get(**key_) : PropertyRef();
      if (v == nullptr) continue;  // null never compares true
      if (v->kind() == Kind::kFloat && !std::isnan(v->float_value())) {
        m.floats = true;
      } else if (v->kind() != Kind::kInt) {
        m.usable = false;
        break;
      }
      values_.emplace_back(s.rel, *v);
    }
    for (const auto& [rel, v] : values_) {
      if (!m.usable) break;
      if (!m.floats) {
        m.ints_by_rel.emplace_back(rel, v.int_value());
      } else if (v.kind() == Kind::kFloat) {
        m.doubles_by_rel.emplace_back(rel, v.float_value());
      } else if (v.int_value() > (int64_t{1} << 53) || v.int_value() < -(int64_t{1} << 53)) {
        m.usable = false;  // exact as a double only within 2^53
      } else {
        m.doubles_by_rel.emplace_back(rel, static_cast<double>(v.int_value()));
      }
    }
    if (m.usable) {
      for (const auto& [rel, x] : m.ints_by_rel) m.ints.push_back(x);
      for (const auto& [rel, x] : m.doubles_by_rel) m.doubles.push_back(x);
      std::sort(m.ints.begin(), m.ints.end());
      std::sort(m.doubles.begin(), m.doubles.end());
      auto by_id = [](const auto& a, const auto& b) { return a.first < b.first; };
      std::sort(m.ints_by_rel.begin(), m.ints_by_rel.end(), by_id);
      std::sort(m.doubles_by_rel.begin(), m.doubles_by_rel.end(), by_id);
    } else {
      m = Numbers();
      m.usable = false;
    }
    m.ints.shrink_to_fit();
    m.doubles.shrink_to_fit();
    m.ints_by_rel.shrink_to_fit();
    m.doubles_by_rel.shrink_to_fit();
    const int64_t bytes = static_cast<int64_t>(
        sizeof(Numbers) + (m.ints.size() + m.doubles.size()) * 24);
    if (!ctx.Charge(bytes)) return nullptr;
    memo_.push_back(std::move(m));
    memo_slot_[from] = static_cast<uint32_t>(memo_.size());
    return &memo_.back();
  }

  // ---- Local shape ----

  void AnalyzeLocal() {
    if (compare_ >= 0 || into_index_ >= 0 || op_.valid_at != nullptr || op_.rel_bound ||
        (op_.rel_properties && !op_.rel_properties->empty())) {
      return;
    }
    const Slot to = op_.to_slot, rel = op_.rel_slot;
    for (const auto& c : op_.counted) {
      if (c->kind != LogicalKind::kFilter) return;
      if (c->expr != nullptr) {
        if (!ReadsOnly(c->expr, to, rel)) return;
        continue;
      }
      if (c->slot != to) return;
      if (c->node_properties != nullptr) {
        for (const auto& [key, e] : *c->node_properties) {
          if (!ReadsOnly(e.get(), to, rel)) return;
        }
      }
    }
    local_ = true;
    // The target side: one type, one direction, and a label to start from.
    if (op_.types.size() != 1 || op_.direction == Direction::kBoth) return;
    node_only_.assign(op_.counted.size(), false);
    for (size_t i = 0; i < op_.counted.size(); ++i) {
      const LogicalOperator& c = *op_.counted[i];
      if (c.expr != nullptr) {
        node_only_[i] = ReadsOnly(c.expr, to, to);
        continue;
      }
      bool only = true;
      if (c.node_properties != nullptr) {
        for (const auto& [key, e] : *c.node_properties) only &= ReadsOnly(e.get(), to, to);
      }
      node_only_[i] = only;
      if (only) target_labels_.insert(target_labels_.end(), c.labels.begin(), c.labels.end());
    }
    target_allowed_ = !target_labels_.empty();
  }

  // nullopt: count this row another way.
  std::optional<int64_t> CountLocal(EvalContext& ctx, Row& row, NodeId from) {
    std::span<const RelId> rels;
    if (target_ == TargetState::kBuilt) {
      rels = TargetRels(from);
    } else {
      const std::vector<RelId>* memo = PassingRels(ctx, row, from);
      if (memo == nullptr) return std::nullopt;
      rels = *memo;
      if (target_ == TargetState::kUntried && misses_ >= next_try_) {
        TryTargetSide(ctx, row);
        if (!ctx.ok()) return std::nullopt;
      }
    }
    int64_t n = static_cast<int64_t>(rels.size());
    if (n == 0 || op_.distinct_from.empty()) return n;
    // The row's bound relationships are distinct from one another (they
    // come from one MATCH), so each one found in `rels` is one expansion
    // less.
    auto bound = [&](const Value& r) {
      if (r.kind() == Kind::kRel && std::binary_search(rels.begin(), rels.end(), r.rel_id())) --n;
    };
    for (const auto& [slot, is_list] : op_.distinct_from) {
      const Value& v = row[slot];
      if (!is_list) {
        bound(v);
      } else if (v.kind() == Kind::kList) {
        for (const Value& r : v.list_value()) bound(r);
      }
    }
    return n;
  }

  // The sorted relationships of `from`'s expansions that pass the tests;
  // nullptr on an error or when the memo is full. Memoized per start node
  // like NumbersOf.
  const std::vector<RelId>* PassingRels(EvalContext& ctx, Row& row, NodeId from) {
    const Graph& g = ctx.graph();
    if (memo_slot_.empty()) {
      memo_slot_.assign(g.node_capacity(), 0);
      if (!ctx.Charge(static_cast<int64_t>(memo_slot_.size() * sizeof(uint32_t)))) return nullptr;
    }
    if (from < memo_slot_.size() && memo_slot_[from] != 0) {
      return &local_memo_[memo_slot_[from] - 1];
    }
    if (from >= memo_slot_.size() || local_memo_.size() >= UINT32_MAX - 1) return nullptr;
    ++misses_;
    std::vector<RelId> rels;
    steps_.clear();
    Steps(g, from, &steps_);
    for (const ExpandStep& s : steps_) {
      row[op_.rel_slot] = Value::Rel(s.rel);
      row[op_.to_slot] = Value::Node(s.next);
      const bool passes = PassesCounted(ctx, row, [](size_t) { return true; });
      if (!ctx.ok()) return nullptr;
      if (passes) rels.push_back(s.rel);
    }
    std::sort(rels.begin(), rels.end());
    if (!ctx.Charge(static_cast<int64_t>(sizeof(rels) + rels.size() * sizeof(RelId)))) {
      return nullptr;
    }
    local_memo_.push_back(std::move(rels));
    memo_slot_[from] = static_cast<uint32_t>(local_memo_.size());
    return &local_memo_.back();
  }

  // ---- Target side (local shape) ----

  // The adjacency of a target node that leads back to start nodes.
  std::span<const Adjacency> BackFrom(const Graph& g, NodeId target) const {
    return op_.direction == Direction::kRight ? g.In(target, type_ids_[0])
                                              : g.Out(target, type_ids_[0]);
  }

  // Builds the target side when it costs at most kTargetCost times what
  // the start nodes counted so far cost (a list each); otherwise waits for
  // twice as many. The targets: the nodes of the tests' smallest label that
  // pass the tests reading only the node.
  void TryTargetSide(EvalContext& ctx, Row& row) {
    const Graph& g = ctx.graph();
    next_try_ = misses_ * 2;
    if (type_ids_.size() != 1) {
      target_ = TargetState::kNo;
      return;
    }
    if (!targets_found_) {
      // The label with the fewest nodes; none when a label is missing
      // from the graph (then no node passes).
      size_t fewest = SIZE_MAX;
      LabelId best = 0;
      for (const std::string& name : target_labels_) {
        std::optional<LabelId> id = ctx.LabelIdOf(name);
        if (!id) {
          fewest = SIZE_MAX;
          break;
        }
        if (g.LabelCount(*id) < fewest) {
          fewest = g.LabelCount(*id);
          best = *id;
        }
      }
      if (fewest != SIZE_MAX && fewest > kTargetCost * misses_) return;
      if (fewest != SIZE_MAX) {
        for (NodeId t : g.NodesWithLabel(best)) {
          row[op_.to_slot] = Value::Node(t);
          const bool passes = PassesCounted(ctx, row, [&](size_t i) { return node_only_[i]; });
          if (!ctx.ok()) return;
          if (!passes) continue;
          targets_.push_back(t);
          target_degree_ += BackFrom(g, t).size();
        }
      }
      targets_found_ = true;
    }
    if (target_degree_ > kTargetCost * misses_) return;
    std::vector<std::pair<NodeId, RelId>> found;
    found.reserve(target_degree_);
    for (NodeId t : targets_) {
      for (const Adjacency& a : BackFrom(g, t)) {
        row[op_.rel_slot] = Value::Rel(a.rel);
        row[op_.to_slot] = Value::Node(t);
        const bool passes = PassesCounted(ctx, row, [&](size_t i) { return !node_only_[i]; });
        if (!ctx.ok()) return;
        if (passes) found.emplace_back(a.other, a.rel);
      }
    }
    std::sort(found.begin(), found.end());
    const size_t words = (g.node_capacity() + 63) / 64;
    if (!ctx.Charge(static_cast<int64_t>(found.size() * (sizeof(NodeId) + sizeof(RelId)) +
                                         words * sizeof(uint64_t)))) {
      return;
    }
    target_bits_.assign(words, 0);
    target_from_.reserve(found.size());
    target_rels_.reserve(found.size());
    for (const auto& [from, rel] : found) {
      target_bits_[from / 64] |= uint64_t{1} << (from % 64);
      target_from_.push_back(from);
      target_rels_.push_back(rel);
    }
    target_ = TargetState::kBuilt;
    strategy_ = "from the target side";
  }

  // The start node's passing relationships, sorted, from the target side.
  std::span<const RelId> TargetRels(NodeId from) const {
    if (from / 64 >= target_bits_.size() || ((target_bits_[from / 64] >> (from % 64)) & 1) == 0) {
      return {};
    }
    auto [lo, hi] = std::equal_range(target_from_.begin(), target_from_.end(), from);
    return std::span<const RelId>(target_rels_).subspan(lo - target_from_.begin(), hi - lo);
  }

  // ---- Cycle shape ----

  void AnalyzeCycle() {
    auto simple = [](const LogicalOperator& e) {
      return e.valid_at == nullptr && (!e.rel_properties || e.rel_properties->empty()) &&
             e.types.size() == 1 && e.direction != Direction::kBoth && !e.rel_bound;
    };
    if (!simple(op_)) return;
    int found = -1;
    for (size_t i = 0; i < op_.counted.size(); ++i) {
      if (op_.counted[i]->kind != LogicalKind::kExpand) continue;
      if (found >= 0) return;
      found = static_cast<int>(i);
    }
    if (found < 0) return;
    const LogicalOperator& k = *op_.counted[found];
    if (!simple(k)) return;
    const bool from_is_new = k.from_slot == op_.to_slot;
    const bool to_is_new = k.to_slot == op_.to_slot;
    if (from_is_new == to_is_new) return;  // neither end, or a self-loop check
    into_index_ = found;
    // The Into's relationships, seen from X: X's outgoing list when the
    // expansion leaves X (X -> n), its incoming list when it enters X.
    const bool leaves_new = from_is_new == (k.direction == Direction::kRight);
    x_slot_ = from_is_new ? k.to_slot : k.from_slot;
    x_outgoing_ = !leaves_new;
  }

  int64_t CountCycles(EvalContext& ctx, Row& row, NodeId from) {
    const Graph& g = ctx.graph();
    const LogicalOperator& k = *op_.counted[into_index_];
    IntoExpansion& into = *into_[into_index_];
    into.BeginRow();
    const Value& x = row[x_slot_];
    if (x.kind() != Kind::kNode || !g.NodeAlive(x.node_id())) return 0;
    if (type_ids_.empty() || into.type_ids_.empty()) return 0;  // a type the graph lacks
    const NodeId xid = x.node_id();
    std::span<const Adjacency> a = op_.direction == Direction::kRight ? g.Out(from, type_ids_[0])
                                                                      : g.In(from, type_ids_[0]);
    std::span<const Adjacency> b =
        x_outgoing_ ? g.Out(xid, into.type_ids_[0]) : g.In(xid, into.type_ids_[0]);
    int64_t n = 0;
    // Both lists are sorted by neighbour; walk the shorter and gallop in
    // the longer when it is much longer.
    const bool a_short = a.size() <= b.size();
    std::span<const Adjacency> s = a_short ? a : b, l = a_short ? b : a;
    const bool gallop = s.size() * 16 < l.size();
    size_t i = 0, j = 0;
    auto less = [](const Adjacency& e, NodeId v) { return e.other < v; };
    while (i < s.size() && j < l.size()) {
      const NodeId v = s[i].other;
      if (l[j].other < v) {
        j = gallop ? std::lower_bound(l.begin() + j, l.end(), v, less) - l.begin() : j + 1;
        continue;
      }
      size_t i2 = i, j2 = j;
      while (i2 < s.size() && s[i2].other == v) ++i2;
      if (l[j].other == v) {
        while (j2 < l.size() && l[j2].other == v) ++j2;
        std::span<const Adjacency> ra = a_short ? s.subspan(i, i2 - i) : l.subspan(j, j2 - j);
        std::span<const Adjacency> rb = a_short ? l.subspan(j, j2 - j) : s.subspan(i, i2 - i);
        n += CountMeeting(ctx, row, v, ra, rb, k, into);
        if (!ctx.ok()) return 0;
      }
      i = i2;
      j = j2;
    }
    return n;
  }

  // Pairs (r1 in ra, r2 in rb) meeting at node v that pass every test.
  int64_t CountMeeting(EvalContext& ctx, Row& row, NodeId v, std::span<const Adjacency> ra,
                       std::span<const Adjacency> rb, const LogicalOperator& k,
                       IntoExpansion& into) {
    int64_t n = 0;
    row[op_.to_slot] = Value::Node(v);
    for (const Adjacency& r1 : ra) {
      if (!Accept(ctx, row, r1.rel)) {
        if (!ctx.ok()) return 0;
        continue;
      }
      row[op_.rel_slot] = Value::Rel(r1.rel);
      for (const Adjacency& r2 : rb) {
        if (!into.Accept(ctx, row, r2.rel)) {
          if (!ctx.ok()) return 0;
          continue;
        }
        row[k.rel_slot] = Value::Rel(r2.rel);
        const bool passes =
            PassesCounted(ctx, row, [&](size_t i) { return static_cast<int>(i) != into_index_; });
        if (!ctx.ok()) return 0;
        if (passes) ++n;
      }
    }
    return n;
  }

  std::vector<ExpandStep> steps_;
  std::vector<std::unique_ptr<IntoExpansion>> into_;  // by counted index
  std::vector<std::vector<ExpandStep>> scratch_;      // by counted index

  // Comparison shape: the counted filter `outer_expr_ cmp_ n.key`.
  int compare_ = -1;
  BinaryOp cmp_ = BinaryOp::kEq;
  const std::string* key_name_ = nullptr;
  const BoundExpr* outer_expr_ = nullptr;
  std::optional<std::optional<KeyId>> key_;
  std::vector<std::pair<RelId, Value>> values_;  // NumbersOf's scratch
  std::vector<Numbers> memo_;
  bool local_ = false;  // the local shape
  // One type, one direction: a start node without such a relationship
  // (MayHaveType) counts 0.
  bool single_type_candidate_ = false, single_type_ = false;
  std::vector<std::vector<RelId>> local_memo_;
  // By node id: 1 + index in memo_ (comparison) or local_memo_ (local), 0 for none.
  std::vector<uint32_t> memo_slot_;

  // Target side: kNo when the shape does not allow it.
  enum class TargetState { kNo, kUntried, kBuilt };
  static constexpr size_t kFirstTry = 256;  // start nodes counted first
  static constexpr size_t kTargetCost = 16;
  bool target_allowed_ = false;
  TargetState target_ = TargetState::kNo;
  std::vector<std::string> target_labels_;  // the new node's labels
  std::vector<bool> node_only_;             // by counted index
  bool targets_found_ = false;
  std::vector<NodeId> targets_;
  size_t target_degree_ = 0;  // their adjacency back, in entries
  size_t misses_ = 0;         // start nodes counted from their own lists
  size_t next_try_ = kFirstTry;
  std::vector<uint64_t> target_bits_;  // by start node: has passing expansions
  std::vector<NodeId> target_from_;    // sorted, with
  std::vector<RelId> target_rels_;     // their relationships

  // Cycle shape: the counted Expand(Into) and the row's node it reaches.
  int into_index_ = -1;
  Slot x_slot_ = query::kNoSlot;
  bool x_outgoing_ = false;
};

}  // namespace

PhysicalOperatorPtr MakeCountExpandOperator(const LogicalOperator& op) {
  return std::make_unique<CountExpandOperator>(op);
}

}  // namespace cornerstone::engine
