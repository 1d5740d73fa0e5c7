// Copyright (c) Cornerstone authors.
#include "queries/plan/planner.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include "engine/exec/functions.h"

namespace cornerstone::query {
namespace {

using engine::Graph;

LogicalOperatorPtr MakeOp(LogicalKind kind, LogicalOperatorPtr input) {
  auto op = std::make_unique<LogicalOperator>();
  op->kind = kind;
  if (input) {
    op->estimated_rows = input->estimated_rows;
    op->children.push_back(std::move(input));
  }
  return op;
}

void CollectSlots(const BoundExpr* e, std::set<Slot>* out);

void CollectGraphSlots(const QueryGraph& g, std::set<Slot>* out) {
  for (const QueryNode& n : g.nodes) {
    if (n.bound_before) out->insert(n.slot);
    for (const auto& p : n.properties) CollectSlots(p.second.get(), out);
  }
  for (const QueryRel& r : g.rels) {
    if (r.bound_before) out->insert(r.slot);
    for (const auto& p : r.properties) CollectSlots(p.second.get(), out);
  }
  for (const auto& p : g.predicates) CollectSlots(p.get(), out);
  CollectSlots(g.valid_at.get(), out);
}

// Every slot a full EXISTS subquery may read (its own slots too, which are
// never new slots of an outer MATCH, so they do not delay a predicate).
void CollectQuerySlots(const std::vector<BoundClause>& clauses, std::set<Slot>* out) {
  for (const BoundClause& c : clauses) {
    CollectGraphSlots(c.graph, out);
    CollectSlots(c.expr.get(), out);
    for (const auto& e : c.exprs) CollectSlots(e.get(), out);
    const BoundProjection& p = c.projection;
    for (const BoundItem& item : p.items) CollectSlots(item.expr.get(), out);
    for (const BoundAggregate& a : p.aggregates) {
      CollectSlots(a.arg.get(), out);
      CollectSlots(a.arg2.get(), out);
    }
    for (const BoundSort& s : p.order_by) CollectSlots(s.expr.get(), out);
    CollectSlots(p.where.get(), out);
    CollectSlots(p.skip.get(), out);
    CollectSlots(p.limit.get(), out);
    CollectQuerySlots(c.body, out);
  }
}

void CollectSlots(const BoundExpr* e, std::set<Slot>* out) {
  if (e == nullptr) return;
  if (e->subquery) CollectQuerySlots(e->subquery->clauses, out);
  if (e->kind == BoundKind::kSlot) out->insert(e->slot);
  for (const auto& c : e->children) CollectSlots(c.get(), out);
  CollectSlots(e->where.get(), out);
  CollectSlots(e->projection.get(), out);
  for (const PathStep& s : e->path_steps) out->insert(s.slot);
  // Outer variables an EXISTS pattern or pattern comprehension starts from.
  if (e->subgraph) CollectGraphSlots(*e->subgraph, out);
}

Direction Reverse(Direction d) {
  if (d == Direction::kRight) return Direction::kLeft;
  if (d == Direction::kLeft) return Direction::kRight;
  return d;
}

// Per MATCH pattern, the node slot its plan should start from (see
// PlanCountingExpansions).
using StartHints = std::map<const QueryGraph*, Slot>;

// Plans one MATCH pattern on top of `op`.
class MatchPlanner {
 public:
  MatchPlanner(const Graph& graph, const QueryGraph& qg, const StartHints* hints = nullptr)
      : graph_(graph), qg_(qg) {
    if (hints != nullptr) {
      if (auto it = hints->find(&qg); it != hints->end()) start_hint_ = it->second;
    }
    for (const QueryNode& n : qg.nodes) {
      if (!n.bound_before) new_slots_.insert(n.slot);
    }
    for (const QueryRel& r : qg.rels) {
      if (!r.bound_before) new_slots_.insert(r.slot);
    }
    for (const auto& [slot, steps] : qg.paths) new_slots_.insert(slot);
    for (const auto& p : qg.predicates) {
      std::set<Slot> slots;
      CollectSlots(p.get(), &slots);
      pending_.push_back({p.get(), std::move(slots)});
    }
  }

  LogicalOperatorPtr Plan(LogicalOperatorPtr op) {
    std::vector<bool> node_bound(qg_.nodes.size(), false);
    std::vector<bool> rel_done(qg_.rels.size(), false);
    for (size_t i = 0; i < qg_.nodes.size(); ++i) {
      if (qg_.nodes[i].bound_before) {
        node_bound[i] = true;
        op = NodeChecks(std::move(op), i, -1);
      }
    }
    op = PlacePredicates(std::move(op));
    size_t done = 0;
    while (done < qg_.rels.size() ||
           std::find(node_bound.begin(), node_bound.end(), false) != node_bound.end()) {
      // Prefer a relationship with both ends bound, then one with one end.
      int best = -1;
      for (size_t r = 0; r < qg_.rels.size(); ++r) {
        if (rel_done[r]) continue;
        const QueryRel& qr = qg_.rels[r];
        bool a = node_bound[qr.from], b = node_bound[qr.to];
        if (a && b) { best = static_cast<int>(r); break; }
        // A shortest path runs between two bound endpoints: bind the other
        // end by a scan first.
        if (qr.shortest != PatternPart::Shortest::kNone) continue;
        if ((a || b) && best < 0) best = static_cast<int>(r);
      }
      if (best >= 0 && qg_.rels[best].shortest != PatternPart::Shortest::kNone) {
        op = ShortestPath(std::move(op), qg_.rels[best]);
        rel_done[best] = true;
        ++done;
      } else if (best >= 0) {
        const QueryRel& qr = qg_.rels[best];
        bool forward = node_bound[qr.from];
        int from = forward ? qr.from : qr.to;
        int to = forward ? qr.to : qr.from;
        op = Expand(std::move(op), qr, from, to, forward, node_bound[to]);
        if (!node_bound[to]) {
          node_bound[to] = true;
          op = NodeChecks(std::move(op), to, -1);
        }
        rel_done[best] = true;
        ++done;
      } else if (int r = RelScanCandidate(node_bound, done); r >= 0) {
        op = RelTypeScan(std::move(op), qg_.rels[r], &node_bound);
        rel_done[r] = true;
        ++done;
      } else {
        op = Start(std::move(op), &node_bound);
      }
      op = PlacePredicates(std::move(op));
    }
    // Paths of shortestPath() parts are bound by their operator already.
    bool build_paths = std::any_of(qg_.paths.begin(), qg_.paths.end(), [&](const auto& p) {
      return std::none_of(qg_.rels.begin(), qg_.rels.end(),
                          [&](const QueryRel& r) { return r.path_slot == p.first; });
    });
    if (build_paths) {
      auto project = MakeOp(LogicalKind::kProject, std::move(op));
      project->paths = &qg_.paths;
      op = std::move(project);
      for (const auto& [slot, steps] : qg_.paths) bound_.insert(slot);
    }
    for (auto& p : pending_) bound_.insert(p.slots.begin(), p.slots.end());
    return PlacePredicates(std::move(op));
  }

 private:
  struct Pending {
    const BoundExpr* expr;
    std::set<Slot> slots;
  };

  double LabelEstimate(const QueryNode& n, std::string* best_label) const {
    double best = static_cast<double>(graph_.node_count());
    for (const std::string& l : n.labels) {
      auto id = graph_.labels().Find(l);
      double c = id ? static_cast<double>(graph_.LabelCount(*id)) : 0;
      if (c < best || best_label->empty()) {
        best = std::min(best, c);
        *best_label = l;
      }
    }
    return best;
  }

  // Index usable for node n: returns the property index or -1.
  int IndexFor(const QueryNode& n, std::string* label) const {
    for (const std::string& l : n.labels) {
      auto lid = graph_.labels().Find(l);
      if (!lid) continue;
      for (size_t i = 0; i < n.properties.size(); ++i) {
        auto kid = graph_.keys().Find(n.properties[i].first);
        if (kid && graph_.HasIndex(*lid, *kid)) {
          std::set<Slot> slots;
          CollectSlots(n.properties[i].second.get(), &slots);
          bool depends_on_new = false;
          for (Slot s : slots) depends_on_new |= new_slots_.contains(s) && !bound_.contains(s);
          if (depends_on_new) continue;
          *label = l;
          return static_cast<int>(i);
        }
      }
    }
    return -1;
  }

  // The cheapest node to start from: its estimated rows (1 for an index
  // seek) and index in qg_.nodes, or -1 when every node is bound.
  std::pair<double, int> BestStartNode(const std::vector<bool>& node_bound) const {
    int best = -1;
    double best_cost = std::numeric_limits<double>::infinity();
    const bool none_bound = std::find(node_bound.begin(), node_bound.end(), true) == node_bound.end();
    for (size_t i = 0; i < qg_.nodes.size(); ++i) {
      if (node_bound[i]) continue;
      std::string label;
      double cost = IndexFor(qg_.nodes[i], &label) >= 0 ? 1 : LabelEstimate(qg_.nodes[i], &label);
      if (none_bound && qg_.nodes[i].slot == start_hint_) return {cost, static_cast<int>(i)};
      if (cost < best_cost) {
        best_cost = cost;
        best = static_cast<int>(i);
      }
    }
    return {best_cost, best};
  }

  // A relationship to start the MATCH from by scanning its type, or -1.
  // Starting from a node reads that node's rows and then its relationships
  // through the adjacency, in an order memory does not predict; a type scan
  // reads the relationships of one type in id order (sequentially) and
  // binds both ends at once. Worth it when the start node is found by a
  // scan, not a seek, and the type has fewer relationships than that scan
  // plus its expansion would produce. Directed single-type single-hop
  // patterns with two distinct new ends only.
  int RelScanCandidate(const std::vector<bool>& node_bound, size_t done) const {
    if (done != 0 || start_hint_ != kNoSlot) return -1;
    if (std::find(node_bound.begin(), node_bound.end(), true) != node_bound.end()) return -1;
    auto [node_cost, node] = BestStartNode(node_bound);
    if (node < 0 || node_cost <= 1) return -1;
    double degree = graph_.node_count() == 0
                        ? 1
                        : static_cast<double>(graph_.rel_count()) / graph_.node_count();
    int best = -1;
    double best_rows = node_cost + node_cost * std::max(1.0, degree);
    for (size_t r = 0; r < qg_.rels.size(); ++r) {
      const QueryRel& qr = qg_.rels[r];
      if (qr.var_length || qr.bound_before || qr.shortest != PatternPart::Shortest::kNone ||
          qr.types.size() != 1 || qr.direction == Direction::kBoth || qr.from == qr.to) {
        continue;
      }
      auto type = graph_.types().Find(qr.types[0]);
      double rows = type ? static_cast<double>(graph_.TypeCount(*type)) : 0;
      if (rows < best_rows) {
        best_rows = rows;
        best = static_cast<int>(r);
      }
    }
    return best;
  }

  LogicalOperatorPtr RelTypeScan(LogicalOperatorPtr op, const QueryRel& qr,
                                 std::vector<bool>* node_bound) {
    auto type = graph_.types().Find(qr.types[0]);
    double rows = type ? static_cast<double>(graph_.TypeCount(*type)) : 0;
    const bool forward = qr.direction == Direction::kRight;
    const int source = forward ? qr.from : qr.to;
    const int target = forward ? qr.to : qr.from;
    auto scan = MakeOp(LogicalKind::kRelTypeScan, std::move(op));
    scan->from_slot = qg_.nodes[source].slot;
    scan->to_slot = qg_.nodes[target].slot;
    scan->rel_slot = qr.slot;
    scan->direction = Direction::kRight;
    scan->types = qr.types;
    scan->rel_properties = &qr.properties;
    scan->distinct_from = expanded_;
    scan->valid_at = qg_.valid_at.get();
    scan->estimated_rows = std::max(1.0, scan->estimated_rows * rows);
    expanded_.emplace_back(qr.slot, false);
    bound_.insert(qr.slot);
    (*node_bound)[source] = true;
    (*node_bound)[target] = true;
    scan = NodeChecks(std::move(scan), source, -1);
    return NodeChecks(std::move(scan), target, -1);
  }

  LogicalOperatorPtr Start(LogicalOperatorPtr op, std::vector<bool>* node_bound) {
    auto [best_cost, best] = BestStartNode(*node_bound);
    const QueryNode& n = qg_.nodes[best];
    double input_rows = op->estimated_rows;
    std::string label;
    int index = IndexFor(n, &label);
    LogicalOperatorPtr scan;
    if (index >= 0) {
      scan = MakeOp(LogicalKind::kIndexSeek, std::move(op));
      scan->label = label;
      scan->key = n.properties[index].first;
      scan->expr = n.properties[index].second.get();
      scan->estimated_rows = input_rows;
    } else if (!n.labels.empty()) {
      scan = MakeOp(LogicalKind::kLabelScan, std::move(op));
      LabelEstimate(n, &label);
      scan->label = label;
      scan->estimated_rows = input_rows * std::max(1.0, best_cost);
    } else {
      scan = MakeOp(LogicalKind::kAllNodesScan, std::move(op));
      scan->estimated_rows = input_rows * std::max<double>(1, graph_.node_count());
    }
    scan->slot = n.slot;
    (*node_bound)[best] = true;
    bound_.insert(n.slot);
    return NodeChecks(std::move(scan), best, index, label);
  }

  // Filters the node's labels (other than `scanned_label`) and properties
  // (other than `skip`).
  LogicalOperatorPtr NodeChecks(LogicalOperatorPtr op, size_t i, int skip,
                                const std::string& scanned_label = "") {
    const QueryNode& n = qg_.nodes[i];
    bound_.insert(n.slot);
    std::vector<std::string> labels;
    bool skipped = false;
    for (const std::string& l : n.labels) {
      if (l == scanned_label && !skipped) {
        skipped = true;
        continue;
      }
      labels.push_back(l);
    }
    bool props = n.properties.size() > (skip >= 0 ? 1u : 0u);
    if (labels.empty() && !props) return op;
    auto filter = MakeOp(LogicalKind::kFilter, std::move(op));
    filter->slot = n.slot;
    filter->labels = std::move(labels);
    filter->node_properties = &n.properties;
    filter->skip_property = skip;
    filter->estimated_rows = std::max(1.0, filter->estimated_rows * 0.5);
    return filter;
  }

  // Relationships per node expected when expanding from node `from` along
  // qr: its types' counts over the from node's label count (both
  // directions for an undirected hop), or the graph's average degree.
  double Degree(const QueryRel& qr, int from) const {
    if (graph_.node_count() == 0) return 1;
    double rels = static_cast<double>(graph_.rel_count());
    if (!qr.types.empty() && !qr.var_length) {
      rels = 0;
      for (const std::string& t : qr.types) {
        if (auto id = graph_.types().Find(t)) rels += static_cast<double>(graph_.TypeCount(*id));
      }
      if (qr.direction == Direction::kBoth) rels *= 2;
    }
    std::string label;
    double nodes = qg_.nodes[from].labels.empty() ? static_cast<double>(graph_.node_count())
                                                  : LabelEstimate(qg_.nodes[from], &label);
    return rels / std::max(1.0, nodes);
  }

  LogicalOperatorPtr Expand(LogicalOperatorPtr op, const QueryRel& qr, int from, int to,
                            bool forward, bool into) {
    double degree = Degree(qr, from);
    auto e = MakeOp(qr.var_length ? LogicalKind::kVarExpand : LogicalKind::kExpand, std::move(op));
    e->from_slot = qg_.nodes[from].slot;
    e->to_slot = qg_.nodes[to].slot;
    e->rel_slot = qr.slot;
    e->into = into;
    e->direction = forward ? qr.direction : Reverse(qr.direction);
    e->reversed = !forward;
    e->types = qr.types;
    e->min_hops = qr.min_hops;
    e->max_hops = qr.max_hops;
    e->rel_properties = &qr.properties;
    e->distinct_from = expanded_;
    e->valid_at = qg_.valid_at.get();
    e->rel_bound = qr.bound_before;
    e->match_graph = &qg_;
    e->estimated_rows = std::max(1.0, e->estimated_rows * (into ? 0.5 : std::max(1.0, degree)));
    expanded_.emplace_back(qr.slot, qr.var_length);
    bound_.insert(qr.slot);
    bound_.insert(qg_.nodes[to].slot);
    return e;
  }

  // shortestPath() / allShortestPaths() between the two bound endpoints.
  // WHERE conjuncts that read the path or its relationships (and nothing
  // not yet bound) go into the operator, which then returns the shortest
  // paths that satisfy them, as Neo4j does.
  LogicalOperatorPtr ShortestPath(LogicalOperatorPtr op, const QueryRel& qr) {
    auto e = MakeOp(LogicalKind::kShortestPath, std::move(op));
    e->from_slot = qg_.nodes[qr.from].slot;
    e->to_slot = qg_.nodes[qr.to].slot;
    e->rel_slot = qr.slot;
    e->direction = qr.direction;
    e->types = qr.types;
    e->min_hops = qr.min_hops;
    e->max_hops = qr.max_hops;
    e->rel_properties = &qr.properties;
    e->distinct_from = expanded_;
    e->all_shortest = qr.shortest == PatternPart::Shortest::kAllShortest;
    e->path_slot = qr.path_slot;
    e->path_steps = &qr.path_steps;
    e->valid_at = qg_.valid_at.get();
    expanded_.emplace_back(qr.slot, true);
    bound_.insert(qr.slot);
    if (qr.path_slot != kNoSlot) bound_.insert(qr.path_slot);
    for (auto it = pending_.begin(); it != pending_.end();) {
      bool reads_path = it->slots.contains(qr.slot) ||
                        (qr.path_slot != kNoSlot && it->slots.contains(qr.path_slot));
      bool ready = std::all_of(it->slots.begin(), it->slots.end(), [&](Slot s) {
        return !new_slots_.contains(s) || bound_.contains(s);
      });
      if (!reads_path || !ready) {
        ++it;
        continue;
      }
      e->predicates.push_back(it->expr);
      it = pending_.erase(it);
    }
    e->estimated_rows = std::max(1.0, e->estimated_rows * (e->all_shortest ? 2.0 : 1.0));
    return e;
  }

  LogicalOperatorPtr PlacePredicates(LogicalOperatorPtr op) {
    for (auto it = pending_.begin(); it != pending_.end();) {
      bool ready = std::all_of(it->slots.begin(), it->slots.end(), [&](Slot s) {
        return !new_slots_.contains(s) || bound_.contains(s);
      });
      if (!ready) {
        ++it;
        continue;
      }
      // A conjunct the binder folded to true (`1 = 1`) filters nothing.
      const BoundExpr& e = *it->expr;
      if (e.kind == BoundKind::kConstant && e.constant.kind() == engine::Kind::kBool &&
          e.constant.bool_value()) {
        it = pending_.erase(it);
        continue;
      }
      auto filter = MakeOp(LogicalKind::kFilter, std::move(op));
      filter->expr = it->expr;
      filter->estimated_rows = std::max(1.0, filter->estimated_rows * 0.5);
      op = std::move(filter);
      it = pending_.erase(it);
    }
    return op;
  }

  const Graph& graph_;
  const QueryGraph& qg_;
  std::set<Slot> new_slots_;
  std::set<Slot> bound_;
  std::vector<Pending> pending_;
  std::vector<std::pair<Slot, bool>> expanded_;
  Slot start_hint_ = kNoSlot;
};

LogicalOperatorPtr PlanProjection(LogicalOperatorPtr op, const BoundProjection& p) {
  if (!p.aggregates.empty()) {
    op = MakeOp(LogicalKind::kAggregate, std::move(op));
    op->projection = &p;
  }
  op = MakeOp(LogicalKind::kProject, std::move(op));
  op->projection = &p;
  if (p.distinct) {
    op = MakeOp(LogicalKind::kDistinct, std::move(op));
    op->projection = &p;
  }
  if (!p.order_by.empty()) {
    op = MakeOp(LogicalKind::kSort, std::move(op));
    op->projection = &p;
    op->top_skip = p.skip.get();
    op->top_limit = p.limit.get();
  }
  if (p.skip) {
    op = MakeOp(LogicalKind::kSkip, std::move(op));
    op->expr = p.skip.get();
  }
  if (p.limit) {
    op = MakeOp(LogicalKind::kLimit, std::move(op));
    op->expr = p.limit.get();
  }
  if (p.where) {
    op = MakeOp(LogicalKind::kFilter, std::move(op));
    op->expr = p.where.get();
  }
  return op;
}

LogicalOperatorPtr PlanClause(LogicalOperatorPtr op, const BoundClause& c, const Graph& graph,
                              const StartHints* hints = nullptr) {
  switch (c.kind) {
    case BoundClauseKind::kMatch: {
      if (!c.optional) return MatchPlanner(graph, c.graph, hints).Plan(std::move(op));
      auto inner = MatchPlanner(graph, c.graph).Plan(MakeOp(LogicalKind::kArgument, nullptr));
      auto opt = MakeOp(LogicalKind::kOptional, std::move(op));
      opt->children.push_back(std::move(inner));
      opt->slots = c.new_slots;
      return opt;
    }
    case BoundClauseKind::kUnwind: {
      auto u = MakeOp(LogicalKind::kUnwind, std::move(op));
      u->expr = c.expr.get();
      u->slot = c.slot;
      return u;
    }
    case BoundClauseKind::kProjection:
      return PlanProjection(std::move(op), c.projection);
    case BoundClauseKind::kCall: {
      auto call = MakeOp(LogicalKind::kCall, std::move(op));
      call->clause = &c;
      return call;
    }
    case BoundClauseKind::kForeach: {
      LogicalOperatorPtr body = MakeOp(LogicalKind::kArgument, nullptr);
      for (const BoundClause& b : c.body) body = PlanClause(std::move(body), b, graph);
      auto f = MakeOp(LogicalKind::kForeach, std::move(op));
      f->children.push_back(std::move(body));
      f->expr = c.expr.get();
      f->slot = c.slot;
      f->clause = &c;
      return f;
    }
    case BoundClauseKind::kMerge: {
      auto inner = MatchPlanner(graph, c.graph).Plan(MakeOp(LogicalKind::kArgument, nullptr));
      auto merge = MakeOp(LogicalKind::kMerge, std::move(op));
      merge->children.push_back(std::move(inner));
      merge->slots = c.new_slots;
      merge->clause = &c;
      return merge;
    }
    case BoundClauseKind::kCreate:
    case BoundClauseKind::kSet:
    case BoundClauseKind::kDelete:
    case BoundClauseKind::kCreateIndex:
    case BoundClauseKind::kDropIndex: {
      static constexpr LogicalKind kKinds[] = {
          LogicalKind::kCreate, LogicalKind::kSetItems, LogicalKind::kDelete,
          LogicalKind::kCreateIndex, LogicalKind::kDropIndex};
      int index = c.kind == BoundClauseKind::kCreate        ? 0
                  : c.kind == BoundClauseKind::kSet         ? 1
                  : c.kind == BoundClauseKind::kDelete      ? 2
                  : c.kind == BoundClauseKind::kCreateIndex ? 3
                                                            : 4;
      auto w = MakeOp(kKinds[index], std::move(op));
      w->clause = &c;
      w->label = c.label;
      w->key = c.key;
      return w;
    }
  }
  return op;
}

void MarkDrain(LogicalOperator* op) {
  if (op->kind == LogicalKind::kLimit) op->drain_input = true;
  for (auto& c : op->children) MarkDrain(c.get());
}

void MarkReadOnlyAggregates(LogicalOperator* op) {
  if (op->kind == LogicalKind::kAggregate) op->keys_fixed_per_entity = true;
  for (auto& c : op->children) MarkReadOnlyAggregates(c.get());
}

bool ReadsAny(const BoundExpr* e, const std::set<Slot>& slots) {
  std::set<Slot> read;
  CollectSlots(e, &read);
  return std::any_of(read.begin(), read.end(), [&](Slot s) { return slots.contains(s); });
}

// Under an aggregate, the last expansion of a MATCH often binds variables
// that no aggregate or grouping key reads, as f2 in
//   MATCH (f1)-[:INVESTED_IN]->(c)<-[:INVESTED_IN]-(f2) WHERE f1.id < f2.id
//   RETURN count(*), count(DISTINCT c)
// Its rows then differ, per input row, only in slots nobody reads, and
// counting them is enough: the expansion takes in the filters and
// Expand(Into) checks between it and the aggregate, emits each input row
// once with its count, and the aggregate weighs the row by that count.
// Paths are never materialized. Read-only statements only.
void PlanCountingExpansions(LogicalOperatorPtr* slot) {
  LogicalOperator* agg = slot->get();
  for (auto& c : agg->children) PlanCountingExpansions(&c);
  if (agg->kind != LogicalKind::kAggregate || agg->children.empty()) return;
  auto absorbable = [](const LogicalOperator& op) {
    return op.kind == LogicalKind::kFilter ||
           (op.kind == LogicalKind::kExpand && op.into && !op.rel_bound && !op.counting);
  };
  std::set<Slot> dead;
  const LogicalOperator* e = agg->children[0].get();
  for (; absorbable(*e); e = e->children[0].get()) {
    if (e->kind == LogicalKind::kExpand) dead.insert(e->rel_slot);
  }
  if (e->kind != LogicalKind::kExpand || e->into || e->rel_bound || e->counting) return;
  dead.insert(e->to_slot);
  dead.insert(e->rel_slot);
  const BoundProjection& p = *agg->projection;
  for (const BoundItem& item : p.items) {
    if (ReadsAny(item.expr.get(), dead)) return;
  }
  for (const BoundAggregate& a : p.aggregates) {
    if (ReadsAny(a.arg.get(), dead) || ReadsAny(a.arg2.get(), dead)) return;
  }
  for (const BoundSort& s : p.order_by) {
    if (ReadsAny(s.expr.get(), dead)) return;
  }
  if (ReadsAny(p.where.get(), dead)) return;
  // Detach the chain above the expansion, in execution order (bottom up).
  std::vector<LogicalOperatorPtr> counted;
  LogicalOperatorPtr node = std::move(agg->children[0]);
  while (node.get() != e) {
    LogicalOperatorPtr below = std::move(node->children[0]);
    node->children.clear();
    counted.push_back(std::move(node));
    node = std::move(below);
  }
  std::reverse(counted.begin(), counted.end());
  node->counting = true;
  node->counted = std::move(counted);
  node->estimated_rows = node->children[0]->estimated_rows;
  agg->multiplicity_slot = node->to_slot;
  agg->children[0] = std::move(node);
}

// A counting expansion whose count is a binary search in its start node's
// memo (no Expand(Into) among what it counts): what it needs, per MATCH.
struct CountedStart {
  Slot from;
  double input_rows;
};

void FindCountedStarts(const LogicalOperator& op,
                       std::map<const QueryGraph*, CountedStart>* out) {
  for (const auto& c : op.children) FindCountedStarts(*c, out);
  if (op.kind != LogicalKind::kExpand || !op.counting || op.match_graph == nullptr) return;
  for (const auto& c : op.counted) {
    if (c->kind == LogicalKind::kExpand) return;
  }
  out->emplace(op.match_graph, CountedStart{op.from_slot, op.children[0]->estimated_rows});
}

LogicalOperatorPtr PlanSingleQuery(const BoundSingleQuery& q, bool read_only, const Graph& graph,
                                   const StartHints* hints) {
  LogicalOperatorPtr op = MakeOp(LogicalKind::kSingleRow, nullptr);
  for (const BoundClause& c : q.clauses) op = PlanClause(std::move(op), c, graph, hints);
  if (q.updates) MarkDrain(op.get());
  if (read_only) {
    MarkReadOnlyAggregates(op.get());
    PlanCountingExpansions(&op);
  }
  return op;
}

// A counting expansion memoizes per start node; its input rows arrive in
// the order the MATCH enumerates them. Started from another node, rows for
// one start node of the count are scattered, and each touches that node's
// memo anew, out of cache (Q03: the fund -> company rows of a popular
// company, each a binary search in its long list of co-investors). When the
// same MATCH started at the counted node costs about the same rows, that
// plan is taken: the rows of one node then come together.
LogicalOperatorPtr PlanWithCountedStarts(const BoundSingleQuery& q, bool read_only,
                                         const Graph& graph) {
  LogicalOperatorPtr op = PlanSingleQuery(q, read_only, graph, nullptr);
  std::map<const QueryGraph*, CountedStart> first;
  FindCountedStarts(*op, &first);
  if (first.empty()) return op;
  StartHints hints;
  for (const auto& [g, start] : first) hints[g] = start.from;
  LogicalOperatorPtr again = PlanSingleQuery(q, read_only, graph, &hints);
  std::map<const QueryGraph*, CountedStart> second;
  FindCountedStarts(*again, &second);
  for (const auto& [g, start] : first) {
    auto it = second.find(g);
    if (it == second.end() || it->second.from != start.from ||
        it->second.input_rows > 1.5 * start.input_rows) {
      return op;
    }
  }
  return again;
}

// `slot.key CMP constant` or `constant CMP slot.key`, CMP one of < <= > >=.
bool IsScanComparison(const BoundExpr& e, Slot slot) {
  if (e.kind != BoundKind::kBinary || e.children.size() != 2) return false;
  if (e.binary_op != BinaryOp::kLt && e.binary_op != BinaryOp::kLe &&
      e.binary_op != BinaryOp::kGt && e.binary_op != BinaryOp::kGe) {
    return false;
  }
  auto is_property = [slot](const BoundExpr& p) {
    return p.kind == BoundKind::kProperty && p.children.size() == 1 &&
           p.children[0]->kind == BoundKind::kSlot && p.children[0]->slot == slot;
  };
  const BoundExpr& a = *e.children[0];
  const BoundExpr& b = *e.children[1];
  return (is_property(a) && b.kind == BoundKind::kConstant) ||
         (a.kind == BoundKind::kConstant && is_property(b));
}

// A Filter comparing a property of the scanned node with a constant,
// directly above a label scan (`MATCH (c:Company) WHERE c.founded >= 2015`),
// becomes a test of the scan: the scan compares a column of the property
// (Graph::Column) a block of nodes at a time, without binding a row per
// node. Bottom up, so a chain of such filters folds into one scan.
void FoldScanFilters(LogicalOperatorPtr* slot) {
  LogicalOperator* op = slot->get();
  for (auto& c : op->children) FoldScanFilters(&c);
  if (op->kind != LogicalKind::kFilter || op->expr == nullptr || op->children.empty()) return;
  LogicalOperatorPtr& below = op->children[0];
  if (below->kind != LogicalKind::kLabelScan || !IsScanComparison(*op->expr, below->slot)) return;
  below->predicates.push_back(op->expr);
  below->estimated_rows = op->estimated_rows;
  LogicalOperatorPtr scan = std::move(below);
  *slot = std::move(scan);
}

// A top-k Sort directly over the Project of a fused aggregate of the same
// projection (Q05's ORDER BY total_usd DESC, investor LIMIT 10), whose keys
// are the projection's aggregates or property keys: the aggregate keeps
// only the groups that can be among the first skip + limit rows, so that
// a row is built for k groups instead of every group. The sort still
// orders them; the aggregate breaks ties as it does (the group seen first
// wins), so it keeps the rows the sort would have. Anything between the
// two (DISTINCT, WITH ... WHERE) or a key that is an expression over
// aggregates or the end itself leaves every group to the sort.
void KeepTopGroups(LogicalOperator* sort) {
  if (sort->top_limit == nullptr || sort->children.empty()) return;
  LogicalOperator* project = sort->children[0].get();
  if (project->kind != LogicalKind::kProject || !project->keys_from_input ||
      project->projection != sort->projection || project->children.empty()) {
    return;
  }
  LogicalOperator* aggregate = project->children[0].get();
  if (!aggregate->fused_scan || aggregate->projection != sort->projection) return;
  const BoundProjection& p = *sort->projection;
  std::vector<LogicalOperator::TopKey> keys;
  for (const BoundSort& s : p.order_by) {
    if (s.expr->kind != BoundKind::kSlot) return;
    auto item = std::find_if(p.items.begin(), p.items.end(),
                             [&](const BoundItem& i) { return i.slot == s.expr->slot; });
    if (item == p.items.end()) return;
    LogicalOperator::TopKey key;
    key.descending = s.descending;
    const BoundExpr& e = *item->expr;
    const BoundAggregate* agg = e.kind == BoundKind::kSlot ? p.FindAggregate(e.slot) : nullptr;
    if (agg != nullptr) {
      key.aggregate = true;
      key.index = static_cast<size_t>(agg - p.aggregates.data());
    } else if (e.kind == BoundKind::kProperty && e.children[0]->kind == BoundKind::kSlot &&
               p.FindAggregate(e.children[0]->slot) == nullptr) {
      key.index = static_cast<size_t>(item - p.items.begin());
    } else {
      return;
    }
    keys.push_back(key);
  }
  aggregate->top_keys = std::move(keys);
  aggregate->top_skip = sort->top_skip;
  aggregate->top_limit = sort->top_limit;
}

// An aggregate over every relationship of one type, grouped by one of its
// ends, as Q05's
//   MATCH (i)-[r:INVESTED_IN]->(:Company)
//   RETURN i.name, count(*), sum(r.amount_usd)
// reads the type's relationships, their ends and the aggregated property
// from the graph's columns (Graph::Relationships, Graph::RelColumn) in one
// loop, instead of binding a row per relationship and evaluating the
// aggregates on it. The shape: label-only filters on the two ends over a
// RelationshipTypeScan of one row; grouping keys that read only one end
// (the end itself or its properties); aggregates count(*) or count, sum,
// avg, min, max of a property of the relationship. Read-only statements
// only (keys_fixed_per_entity).
void FuseTypeAggregates(LogicalOperator* op) {
  for (auto& c : op->children) FuseTypeAggregates(c.get());
  if (op->kind == LogicalKind::kProject && !op->children.empty() &&
      op->children[0]->fused_scan && op->children[0]->projection == op->projection) {
    op->keys_from_input = true;
    return;
  }
  if (op->kind == LogicalKind::kSort) {
    KeepTopGroups(op);
    return;
  }
  if (op->kind != LogicalKind::kAggregate || !op->keys_fixed_per_entity ||
      op->multiplicity_slot != kNoSlot || op->children.empty()) {
    return;
  }
  const LogicalOperator* e = op->children[0].get();
  std::vector<const LogicalOperator*> filters;
  for (; e->kind == LogicalKind::kFilter; e = e->children[0].get()) filters.push_back(e);
  if (e->kind != LogicalKind::kRelTypeScan || e->types.size() != 1 || e->valid_at != nullptr ||
      (e->rel_properties != nullptr && !e->rel_properties->empty()) ||
      !e->distinct_from.empty() || e->rel_bound || e->from_slot == e->to_slot ||
      e->children[0]->kind != LogicalKind::kSingleRow) {
    return;
  }
  for (const LogicalOperator* f : filters) {
    if (f->expr != nullptr || (f->node_properties != nullptr && !f->node_properties->empty()) ||
        (f->slot != e->from_slot && f->slot != e->to_slot)) {
      return;
    }
  }
  const BoundProjection& p = *op->projection;
  std::set<Slot> agg_slots;
  for (const BoundAggregate& a : p.aggregates) agg_slots.insert(a.slot);
  Slot end = kNoSlot;
  for (const BoundItem& item : p.items) {
    if (ReadsAny(item.expr.get(), agg_slots)) continue;  // an expression over aggregates
    const BoundExpr* k = item.expr.get();
    if (k->kind == BoundKind::kProperty) k = k->children[0].get();
    if (k->kind != BoundKind::kSlot || (end != kNoSlot && k->slot != end)) return;
    end = k->slot;
  }
  if (end != e->from_slot && end != e->to_slot) return;
  for (const BoundAggregate& a : p.aggregates) {
    if (a.distinct || a.def == nullptr) return;
    switch (a.def->kind) {
      case engine::AggregateKind::kCount:
      case engine::AggregateKind::kSum:
      case engine::AggregateKind::kAvg:
      case engine::AggregateKind::kMin:
      case engine::AggregateKind::kMax: break;
      default: return;
    }
    if (a.arg == nullptr) continue;  // count(*)
    const BoundExpr& x = *a.arg;
    if (x.kind != BoundKind::kProperty || x.children[0]->kind != BoundKind::kSlot ||
        x.children[0]->slot != e->rel_slot) {
      return;
    }
  }
  op->fused_scan = true;
}

}  // namespace

LogicalOperatorPtr PlanSubpattern(const QueryGraph& qg, const Graph& graph) {
  return MatchPlanner(graph, qg).Plan(MakeOp(LogicalKind::kArgument, nullptr));
}

LogicalOperatorPtr PlanSubquery(const BoundSingleQuery& query, const Graph& graph) {
  LogicalOperatorPtr op = MakeOp(LogicalKind::kArgument, nullptr);
  for (const BoundClause& c : query.clauses) op = PlanClause(std::move(op), c, graph);
  return op;
}

absl::StatusOr<std::unique_ptr<LogicalPlan>> Plan(BoundStatement statement, const Graph& graph) {
  auto plan = std::make_unique<LogicalPlan>();
  plan->statement = std::move(statement);
  for (const BoundSingleQuery& q : plan->statement.queries) {
    plan->roots.push_back(PlanWithCountedStarts(q, !plan->statement.updates, graph));
    FoldScanFilters(&plan->roots.back());
    FuseTypeAggregates(plan->roots.back().get());
  }
  if (!plan->statement.queries.empty()) plan->columns = plan->statement.queries[0].columns;
  return plan;
}

}  // namespace cornerstone::query
